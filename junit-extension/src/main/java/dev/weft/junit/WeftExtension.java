package dev.weft.junit;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Fails a test class whose tests made weft find a concurrency bug: after all its tests ran, the
 * recording of weft's agent is analyzed in-process, and findings at or above the gate
 * ({@code weft.failOn}, default {@code error}) that are new since the class started fail the class
 * with an {@link AssertionError} listing them, as a failed assertion would. Findings below the gate
 * become a report entry.
 *
 * <pre>{@code
 * @ExtendWith(WeftExtension.class)
 * class TransferServiceTest { ... }
 * }</pre>
 *
 * <p>The test JVM needs the agent: {@code -javaagent:weft-agent.jar} (Surefire's {@code argLine}).
 * Without it the extension checks nothing and says so once on stderr. The settings are described in
 * {@link CheckSettings}, which findings belong to which class in {@link RecordingCheck}.
 */
public final class WeftExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Namespace NAMESPACE = Namespace.create(WeftExtension.class);
    private static final String DUMP_BEFORE = "dump before the class";
    private static boolean warnedAboutMissingAgent;

    @Override
    public void beforeAll(ExtensionContext context) throws CheckException {
        RecordingCheck.dumpBeforeClass(settings(context))
                .ifPresent(dump -> context.getStore(NAMESPACE).put(DUMP_BEFORE, dump));
    }

    @Override
    public void afterAll(ExtensionContext context) throws CheckException {
        Path before = context.getStore(NAMESPACE).remove(DUMP_BEFORE, Path.class);
        Optional<CheckOutcome> outcome =
                RecordingCheck.checkClass(context.getRequiredTestClass().getName(), settings(context), before);
        if (outcome.isEmpty()) {
            warnAboutMissingAgent();
            return;
        }
        context.publishReportEntry("weft", outcome.get().summary());
        if (outcome.get().failed()) {
            throw new AssertionError(outcome.get().failureMessage());
        }
    }

    private static CheckSettings settings(ExtensionContext context) {
        try {
            return CheckSettings.from(context::getConfigurationParameter);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("weft: " + e.getMessage());
        }
    }

    private static synchronized void warnAboutMissingAgent() {
        if (!warnedAboutMissingAgent) {
            warnedAboutMissingAgent = true;
            System.err.println("weft: WeftExtension checks nothing: weft's agent does not record in this JVM (add"
                    + " -javaagent:/path/to/weft-agent.jar to the test JVM, e.g. to Surefire's argLine)");
        }
    }
}
