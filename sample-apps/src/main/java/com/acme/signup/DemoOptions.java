package com.acme.signup;

import java.util.Set;

/** {@link SignupDemo}'s command line: {@code [--fixed] [--workers N] [--clients C] [--requests R] [--port P] [--serve]}. */
record DemoOptions(Variant variant, int workers, int clients, int requests, int port, boolean serve) {

    static final String USAGE = "usage: [--fixed] [--workers N=4] [--clients C=8] [--requests R=400] [--port P=0] [--serve]";

    static DemoOptions parse(String[] args) throws UsageException {
        Args parsed = Args.parse(args, Set.of("--fixed", "--serve"), Set.of("--workers", "--clients", "--requests", "--port"));
        return new DemoOptions(
                parsed.has("--fixed") ? Variant.FIXED : Variant.BUGGY,
                parsed.intValue("--workers", 4, 1, 64),
                parsed.intValue("--clients", 8, 1, 64),
                parsed.intValue("--requests", 400, 1, 100_000),
                parsed.intValue("--port", 0, 0, 65535),
                parsed.has("--serve"));
    }
}
