package dev.weft.junit;

import java.util.Optional;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Checks a whole test run once, at its end, when weft's agent records in the test JVM. The JUnit
 * Platform finds this listener through {@code META-INF/services} as soon as weft-junit is on the
 * test class path; without the agent it does nothing.
 *
 * <p>How the verdict reaches the build: when the test plan has run, the findings no
 * {@link WeftExtension} reported already are printed on stderr (the full text of those at or
 * above the gate). The JUnit Platform ignores what its execution listeners throw (it logs it), so
 * that is not where a run can fail; a failed gate (or a check that could not be made) is thrown as
 * an {@link AssertionError} when the launcher session closes, which the Platform passes on to
 * whoever runs it: Maven Surefire and Failsafe then fail the build ("There was an error in the
 * forked process", with weft's one-line verdict), a program using the {@code Launcher} API gets it
 * from {@code LauncherSession.close()}. No test turns red, since no test failed: for findings
 * reported against the test class that caused them, use {@link WeftExtension}.
 */
public final class WeftSessionListener implements LauncherSessionListener {
    private final RunCheck check = new RunCheck();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        session.getLauncher().registerTestExecutionListeners(check);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Optional<String> failure = check.takeFailure();
        if (failure.isPresent()) {
            throw new AssertionError(failure.get());
        }
    }

    /** Runs the check when a test plan has run, and keeps a failed verdict for the session's end. */
    private static final class RunCheck implements TestExecutionListener {
        private String failure;

        @Override
        public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
            try {
                CheckSettings settings = CheckSettings.from(testPlan.getConfigurationParameters()::get);
                RecordingCheck.checkRun(settings).ifPresent(this::report);
            } catch (IllegalArgumentException e) {
                fail("weft: " + e.getMessage());
            } catch (CheckException e) {
                fail(e.getMessage());
            }
        }

        private void report(CheckOutcome outcome) {
            System.err.println(outcome.summary());
            if (outcome.failed()) {
                System.err.println(outcome.failureMessage());
                failure = outcome.shortFailureMessage();
            }
        }

        private void fail(String message) {
            System.err.println(message);
            failure = message;
        }

        synchronized Optional<String> takeFailure() {
            Optional<String> taken = Optional.ofNullable(failure);
            failure = null;
            return taken;
        }
    }
}
