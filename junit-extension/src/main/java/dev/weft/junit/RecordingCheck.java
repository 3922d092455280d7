package dev.weft.junit;

import dev.weft.cli.analysis.Analysis;
import dev.weft.cli.baseline.BaselineFile;
import dev.weft.cli.baseline.InvalidBaselineException;
import dev.weft.cli.read.InputException;
import dev.weft.cli.read.RecordingReader;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.Recording;

/**
 * Checks what weft's agent has recorded in this JVM: dumps the running recording to a file, runs
 * weft's own analysis on it in-process (the same as {@code weft analyze}) and judges the findings
 * with the gate.
 *
 * <p>A dump holds everything since the JVM started, not only what one test class did, and it must:
 * the agent reports each lock-order edge once per JVM, so a cycle closed by one class may need an
 * edge another class left. So every check analyzes the whole recording and tells findings apart by
 * fingerprint, and each finding is reported once, by the first check it belongs to:
 * <ul>
 *   <li>a class check ({@link WeftExtension}) owns the findings that are new since its class started.
 *       The recording is dumped when the class starts too, and analyzed only when the end has findings
 *       no check has placed yet: those present at the start came from tests run before (classes
 *       without the extension), are not the class's, and are left for the run check;
 *   <li>the run check ({@link WeftSessionListener}) owns whatever no class check reported.
 * </ul>
 * Checks are serialized; with test classes running in parallel, "new since the class started" is the
 * closest weft can tell.
 *
 * <p>Each check dumps the whole recording, so checking every class of a large suite costs time that
 * grows with the suite; the extension is meant for the classes that exercise concurrent code, the run
 * check for the rest. A failed check's dump is kept, so that {@code weft analyze} can show the whole
 * report (HTML, contention) of what failed; the others are deleted.
 */
final class RecordingCheck {
    /** Findings a check reported, or mentioned below its gate. */
    private static final Set<String> REPORTED = new HashSet<>();
    /** Findings present when a checked class started: left for the run check. */
    private static final Set<String> BEFORE_A_CLASS = new HashSet<>();
    private static int dumps;

    private RecordingCheck() {
    }

    /** Dumps what was recorded before a test class starts; empty when weft's agent records nothing here. */
    static synchronized Optional<Path> dumpBeforeClass(CheckSettings settings) throws CheckException {
        Optional<Recording> recording = RunningRecording.find();
        return recording.isEmpty() ? Optional.empty() : Optional.of(dump(recording.get(), settings.recordings()));
    }

    /**
     * Checks a test class that has run.
     *
     * @param before the dump made when it started ({@link #dumpBeforeClass}), or null; deleted here
     * @return the outcome, or empty when weft's agent records nothing in this JVM
     */
    static synchronized Optional<CheckOutcome> checkClass(String className, CheckSettings settings, Path before)
            throws CheckException {
        try {
            return check(className, settings, findings -> {
                Predicate<Finding> unplaced = finding -> !REPORTED.contains(finding.fingerprint())
                        && !BEFORE_A_CLASS.contains(finding.fingerprint());
                if (before != null && findings.stream().anyMatch(unplaced)) {
                    analyze(before, settings).findings().forEach(earlier -> BEFORE_A_CLASS.add(earlier.fingerprint()));
                }
                return findings.stream().filter(unplaced).toList();
            });
        } finally {
            if (before != null) {
                deleteQuietly(before);
            }
        }
    }

    /** Checks the whole run, for what no class check reported; empty when weft's agent records nothing here. */
    static synchronized Optional<CheckOutcome> checkRun(CheckSettings settings) throws CheckException {
        return check("the test run", settings,
                findings -> findings.stream().filter(finding -> !REPORTED.contains(finding.fingerprint())).toList());
    }

    private static Optional<CheckOutcome> check(String scope, CheckSettings settings, FindingsOwned owned)
            throws CheckException {
        Optional<Recording> recording = RunningRecording.find();
        if (recording.isEmpty()) {
            return Optional.empty();
        }
        Path dump = dump(recording.get(), settings.recordings());
        List<Finding> findings = owned.of(analyze(dump, settings).findings());
        findings.forEach(finding -> REPORTED.add(finding.fingerprint()));
        CheckOutcome outcome = CheckOutcome.of(scope, settings.failOn(), findings, dump);
        if (!outcome.failed()) {
            deleteQuietly(dump);
        }
        return Optional.of(outcome);
    }

    private static Path dump(Recording recording, Path directory) throws CheckException {
        Path file = directory.resolve("weft-" + ProcessHandle.current().pid() + "-" + ++dumps + ".jfr");
        try {
            Files.createDirectories(directory);
            recording.dump(file);
            return file.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            throw new CheckException("cannot dump weft's recording to '" + file + "' (" + e.getMessage() + "): set "
                    + CheckSettings.RECORDINGS + " to a writable directory", e);
        }
    }

    private static Report analyze(Path dump, CheckSettings settings) throws CheckException {
        try {
            Report report = new Analysis(new Tool("weft", version()), new RecordingReader(null))
                    .run(List.of(dump), settings.failOn());
            if (settings.baseline() != null) {
                report = BaselineFile.read(settings.baseline()).apply(report, settings.baseline().toString());
            }
            return report;
        } catch (InputException | InvalidBaselineException e) {
            throw new CheckException(e.getMessage(), e);
        }
    }

    private static String version() {
        String version = RecordingCheck.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a left-over dump in the temporary directory harms nothing
        }
    }

    /** Which of a recording's findings a check owns. */
    @FunctionalInterface
    private interface FindingsOwned {
        List<Finding> of(List<Finding> findings) throws CheckException;
    }
}
