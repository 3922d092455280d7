package dev.weft.cli.analysis;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads event fields by name, tolerating fields that are absent: recordings come from agents older
 * or newer than this CLI, and from JDKs whose built-in events differ.
 */
final class EventFields {
    private EventFields() {
    }

    /** The string field, or null when absent. */
    static String text(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getString(field) : null;
    }

    /** The integral field, or 0 when absent. */
    static long number(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getLong(field) : 0;
    }

    /** A line-number field, or -1 when absent. */
    static int line(RecordedEvent event, String field) {
        return event.hasField(field) ? (int) event.getLong(field) : -1;
    }

    /** The name of the class in a {@code Class} field as Java source writes it, or null when absent. */
    static String className(RecordedEvent event, String field) {
        RecordedClass type = event.hasField(field) ? event.getClass(field) : null;
        return type == null ? null : sourceName(type.getName());
    }

    /** {@code int[]} for JFR's {@code [I}, {@code java.lang.String[][]} for {@code [[Ljava.lang.String;}. */
    static String sourceName(String className) {
        int dimensions = 0;
        while (dimensions < className.length() && className.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0 || dimensions == className.length()) {
            return className;
        }
        String element = switch (className.charAt(dimensions)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            case 'L' -> className.substring(dimensions + 1, className.length() - (className.endsWith(";") ? 1 : 0));
            default -> className.substring(dimensions);
        };
        return element + "[]".repeat(dimensions);
    }

    /** The name of the thread in a {@code Thread} field, or null when absent or unknown. */
    static String threadName(RecordedEvent event, String field) {
        return event.hasField(field) ? threadName(event.getThread(field)) : null;
    }

    /**
     * The Java name of a thread, its OS name for threads that have none, null for no thread. Virtual
     * threads are unnamed unless the program names them: those are {@code unnamed #42}, by their
     * thread id, as the JDK's {@code VirtualThread[#42]} does.
     */
    static String threadName(RecordedThread thread) {
        if (thread == null) {
            return null;
        }
        String name = thread.getJavaName();
        if (name == null) {
            return thread.getOSName();
        }
        return name.isEmpty() ? "unnamed #" + thread.getJavaThreadId() : name;
    }
}
