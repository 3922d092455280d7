package dev.weft.cli.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A problem a rule found, grouped: one finding per rule and field (or object) however often it
 * happened, with {@link #count()} saying how often.
 *
 * <p>The {@link #fingerprint()} identifies the finding across edits of the program so baselines
 * can suppress it; when a rule gives none, it is derived from the rule, the field and the classes
 * and methods of the locations — deliberately not their line numbers, which move with every edit
 * ({@link Fingerprint} documents the algorithm).
 *
 * <p>A finding is {@linkplain #inDependencies() in dependencies} when every location of it is in a
 * library's code (its {@link Location#origin()}, see {@link CodeOrigin}): the reports list those
 * apart, with the code sources they are in, and the gate leaves them out unless asked to count them.
 *
 * <p>{@link #notes()} are what the reader must know to judge the finding, beyond its message: for
 * instance that the program synchronizes through something weft does not model.
 */
public record Finding(String rule, Severity severity, String field, String message, String fixHint,
                      String fingerprint, long count, List<Location> locations, List<String> notes) {
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
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (fingerprint == null) {
            fingerprint = Fingerprint.of(rule, field, locations);
        }
    }

    /** A finding without notes. */
    public Finding(String rule, Severity severity, String field, String message, String fixHint,
                   String fingerprint, long count, List<Location> locations) {
        this(rule, severity, field, message, fixHint, fingerprint, count, locations, List.of());
    }

    /** Whether every location is in a dependency's code, so that the application has no part in it. */
    public boolean inDependencies() {
        return !locations.isEmpty() && locations.stream().allMatch(location -> location.origin().dependency());
    }

    /**
     * Where a finding in dependencies is, for the reader: each distinct code source once, as
     * {@code h2-2.3.232.jar (OSGi bundle com.h2database 2.3.232)}; empty when the finding is not wholly in
     * dependencies.
     */
    public List<String> dependencies() {
        if (!inDependencies()) {
            return List.of();
        }
        return locations.stream().map(location -> location.origin().describe()).distinct().toList();
    }

    /** This finding with every location attributed by the recorded code sources. */
    public Finding attributedBy(CodeOrigins origins) {
        return new Finding(rule, severity, field, message, fixHint, fingerprint, count,
                locations.stream().map(location -> location.attributedBy(origins)).toList(), notes);
    }
}
