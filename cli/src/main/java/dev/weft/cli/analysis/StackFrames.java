package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Picks the frame of a stack that a user would call "where it happened". JDK frames say how a wait
 * or a thread start was implemented, not which line of the program did it; weft's agent frames
 * say nothing to the user at all, and neither do the proxies of lambdas (hidden classes, which
 * Java's own stack traces leave out too), so stacks shown in findings leave both out.
 */
final class StackFrames {
    private static final List<String> WEFT_AGENT = List.of("dev.weft.agent.", "dev.weft.runtime.");
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private StackFrames() {
    }

    /** The innermost frame, or null when the event has no stack trace. */
    static Frame top(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        return frameOf(stack.getFrames().get(0));
    }

    /** The innermost frame of application code, else the innermost frame, else null. */
    static Frame firstApplicationFrame(RecordedStackTrace stack) {
        return stack == null ? null : firstApplicationFrame(framesOf(stack));
    }

    /** The innermost frame of application code, else the innermost frame, else null. */
    static Frame firstApplicationFrame(List<Frame> frames) {
        Frame application = applicationFrameOrNull(frames);
        return application != null || frames.isEmpty() ? application : frames.get(0);
    }

    /** The innermost frame of application code, or null when the stack has none. */
    static Frame applicationFrameOrNull(List<Frame> frames) {
        for (Frame frame : frames) {
            if (isApplicationClass(frame.className())) {
                return frame;
            }
        }
        return null;
    }

    /** Every frame but weft's own and lambda proxies, innermost first; empty when the event has no stack. */
    static List<Frame> framesOf(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<Frame> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            String className = frame.getMethod().getType().getName();
            if (shown(className)) {
                frames.add(new Frame(className, frame.getMethod().getName(), frame.getLineNumber()));
            }
        }
        return frames;
    }

    /** Whether a class is the program's own: neither the JDK's, nor weft's agent's, nor a lambda's proxy. */
    static boolean isApplicationClass(String className) {
        return shown(className) && !isJdkClass(className);
    }

    /** Whether a frame of this class belongs in a stack shown to the user. */
    static boolean shown(String className) {
        return !className.contains("$$Lambda") && !isWeftAgent(className);
    }

    /** Whether a class (or an array of it, in source notation) is weft's agent's own. */
    static boolean isWeftAgent(String className) {
        return startsWithAny(className, WEFT_AGENT);
    }

    static boolean isJdkClass(String className) {
        return startsWithAny(className, JDK);
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Frame frameOf(RecordedFrame frame) {
        return new Frame(frame.getMethod().getType().getName(), frame.getMethod().getName(), frame.getLineNumber());
    }
}
