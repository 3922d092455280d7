package dev.weft.junit;

import dev.weft.cli.report.Gate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a check judges the recording, from JUnit configuration parameters, which JUnit looks up in
 * the launcher's parameters, then the JVM's system properties, then {@code junit-platform.properties}:
 *
 * <ul>
 *   <li>{@code weft.failOn}: the gate, as {@code weft analyze --fail-on} (error, warning, info, never;
 *       default error);
 *   <li>{@code weft.baseline}: a baseline file written by {@code weft baseline}, whose findings are
 *       accepted;
 *   <li>{@code weft.recordings}: where the dumps of the recording go (kept when a check fails, for
 *       {@code weft analyze}); default: {@code weft-junit} in the temporary directory.
 * </ul>
 *
 * <p>A value that cannot be used is an error, not a silent default: a gate that quietly became
 * "error" after a typo in "warning" would let the findings it was set for pass.
 */
record CheckSettings(Gate failOn, Path baseline, Path recordings) {
    static final String FAIL_ON = "weft.failOn";
    static final String BASELINE = "weft.baseline";
    static final String RECORDINGS = "weft.recordings";

    /** @throws IllegalArgumentException with a message for the user when a value cannot be used */
    static CheckSettings from(Function<String, Optional<String>> parameters) {
        Gate failOn = parameters.apply(FAIL_ON).map(String::strip).map(CheckSettings::gate).orElse(Gate.ERROR);
        Path baseline = parameters.apply(BASELINE).filter(value -> !value.isBlank()).map(Path::of).orElse(null);
        Path recordings = parameters.apply(RECORDINGS).filter(value -> !value.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "weft-junit"));
        return new CheckSettings(failOn, baseline, recordings);
    }

    private static Gate gate(String value) {
        return Arrays.stream(Gate.values()).filter(gate -> gate.id().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(FAIL_ON + "='" + value + "' is not one of "
                        + Arrays.stream(Gate.values()).map(Gate::id).collect(Collectors.joining(", "))));
    }
}
