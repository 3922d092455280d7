package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stack written as text, one frame a line in the form of a Java stack trace,
 * {@code pkg.Class.method(File.java:42)}, as weft's {@code Deadlock} event carries it. Tolerates
 * what other writers add: a leading {@code at}, a module prefix ({@code java.base/}), {@code Native
 * Method} or {@code Unknown Source} for the file, and lines that are not frames ({@code - locked
 * ...}), which are skipped, as are the frames {@link StackFrames} leaves out of stacks it shows.
 */
final class StackText {
    private StackText() {
    }

    /** The frames, innermost first; empty for null or blank text. */
    static List<Frame> parse(String text) {
        List<Frame> frames = new ArrayList<>();
        if (text == null) {
            return frames;
        }
        for (String line : text.split("\\R")) {
            Frame frame = parseFrame(line.strip());
            if (frame != null && StackFrames.shown(frame.className())) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static Frame parseFrame(String line) {
        String frame = line.startsWith("at ") ? line.substring(3).strip() : line;
        int open = frame.indexOf('(');
        if (open <= 0 || !frame.endsWith(")")) {
            return null;
        }
        String qualified = withoutModule(frame.substring(0, open));
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.contains(" ")) {
            return null;
        }
        return new Frame(qualified.substring(0, dot), qualified.substring(dot + 1),
                lineOf(frame.substring(open + 1, frame.length() - 1)));
    }

    /**
     * {@code java.lang.Thread.run} for {@code java.base/java.lang.Thread.run} or {@code app//...}; a
     * hidden class's {@code Foo$$Lambda$14/0x0000000800c03000.run} keeps its slash.
     */
    private static String withoutModule(String qualified) {
        for (int slash = qualified.lastIndexOf('/'); slash >= 0; slash = qualified.lastIndexOf('/', slash - 1)) {
            if (!qualified.startsWith("0x", slash + 1)) {
                return qualified.substring(slash + 1);
            }
        }
        return qualified;
    }

    private static int lineOf(String source) {
        int colon = source.lastIndexOf(':');
        if (colon < 0) {
            return Frame.UNKNOWN_LINE;
        }
        try {
            return Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Frame.UNKNOWN_LINE;
        }
    }
}
