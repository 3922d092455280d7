package dev.weft.cli.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A problem a rule found, grouped: one finding per rule and field (or object) however often it
 * happened, with {@link #count()} saying how often.
 *
 * <p>The {@link #fingerprint()} identifies the finding across edits of the program so baselines
 * can suppress it; when a rule gives none, it is derived from the rule, the field and the classes
 * and methods of the locations — deliberately not their line numbers, which move with every edit.
 */
public record Finding(String rule, Severity severity, String field, String message, String fixHint,
                      String fingerprint, long count, List<Location> locations) {
    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (!KEBAB_CASE.matcher(rule).matches()) {
            throw new IllegalArgumentException("rule ids are kebab-case, got '" + rule + "'");
        }
        if (count < 1) {
            throw new IllegalArgumentException("a finding happened at least once, got count " + count);
        }
        locations = locations == null ? List.of() : List.copyOf(locations);
        if (fingerprint == null) {
            fingerprint = fingerprintOf(rule, field, locations);
        }
    }

    static String fingerprintOf(String rule, String field, List<Location> locations) {
        StringBuilder identity = new StringBuilder(rule).append('|').append(field);
        locations.stream()
                .map(location -> location.at().className() + "." + location.at().method())
                .sorted()
                .forEach(place -> identity.append('|').append(place));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
