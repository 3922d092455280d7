package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Picks the frame of a stack that a user would call "where it happened". JDK frames say how a wait
 * or a thread start was implemented, not which line of the program did it; weft's agent frames
 * say nothing to the user at all.
 */
final class StackFrames {
    private static final List<String> NOT_APPLICATION = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.weft.agent.", "dev.weft.runtime.");

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
        if (stack == null) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String className = frame.getMethod().getType().getName();
            if (isApplicationClass(className)) {
                return frameOf(frame);
            }
        }
        return top(stack);
    }

    private static boolean isApplicationClass(String className) {
        if (className.contains("$$Lambda")) {
            return false;
        }
        for (String prefix : NOT_APPLICATION) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static Frame frameOf(RecordedFrame frame) {
        return new Frame(frame.getMethod().getType().getName(), frame.getMethod().getName(), frame.getLineNumber());
    }
}
