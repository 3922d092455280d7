package dev.weft.junit;

import java.util.Arrays;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs test classes through the JUnit Platform Launcher, as a build tool does, in the JVM that
 * {@code WeftJUnitIT} starts with weft's agent, and prints one line per class on stdout
 * ({@code PASSED name} or {@code FAILED name: message}) and, when closing the session threw,
 * {@code SESSION FAILED: message}.
 */
public final class LauncherRun {
    private LauncherRun() {
    }

    public static void main(String[] classNames) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classNames).map(DiscoverySelectors::selectClass).toList())
                .build();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, new ClassOutcomes());
        } catch (AssertionError e) {
            System.out.println("SESSION FAILED: " + e.getMessage());
        }
    }

    /** Prints the outcome of each test class. */
    private static final class ClassOutcomes implements TestExecutionListener {
        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.getSource().orElse(null) instanceof ClassSource source) {
                System.out.println(result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                        ? "PASSED " + source.getClassName()
                        : "FAILED " + source.getClassName() + ": " + result.getThrowable().map(Throwable::getMessage)
                                .orElse(result.getStatus().toString()));
            }
        }
    }
}
