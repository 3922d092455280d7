package com.acme.signup;

/** What a load run did: requests sent, and how many of them did not get a 200 answer. */
public record LoadResult(int sent, int failed) {

    String toText() {
        return "requests: " + sent + "\n"
                + "failed requests: " + failed + "\n";
    }
}
