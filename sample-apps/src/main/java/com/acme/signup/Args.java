package com.acme.signup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A tiny parser for {@code --flag}, {@code --name value} and {@code --name=value}, shared by the two mains. */
final class Args {

    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    static Args parse(String[] args, Set<String> flagNames, Set<String> valueNames) throws UsageException {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flagNames.contains(name) && value == null) {
                parsed.flags.add(name);
            } else if (valueNames.contains(name)) {
                if (value == null) {
                    if (i + 1 == args.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                parsed.values.put(name, value);
            } else {
                throw new UsageException("unknown option " + args[i]);
            }
        }
        return parsed;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    boolean hasValue(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int defaultValue, int min, int max) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
