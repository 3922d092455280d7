package dev.weft.cli.report;

/**
 * A place in the code: class, method and line ({@code -1} when unknown).
 *
 * <p>JFR stack frames carry no source file name, so {@link #toString()} derives {@code Outer.java}
 * from the outermost class name: right for Java sources, which is what IDEs and CI logs link.
 */
public record Frame(String className, String method, int line) {
    public static final int UNKNOWN_LINE = -1;
    private static final String UNKNOWN = "<unknown>";

    public Frame {
        className = className == null || className.isEmpty() ? UNKNOWN : className;
        method = method == null || method.isEmpty() ? UNKNOWN : method;
    }

    public boolean hasLine() {
        return line > 0;
    }

    /** {@code pkg.Class.method(Class.java:42)}, the form of a Java stack trace. */
    @Override
    public String toString() {
        String location = hasLine() ? sourceFile() + ":" + line : sourceFile();
        return className + "." + method + "(" + location + ")";
    }

    /** {@code Class.method(Class.java:42)}: a stack frame without its package, for one-line messages. */
    public String withoutPackage() {
        return toString().substring(className.lastIndexOf('.') + 1);
    }

    /** {@code Class.method:42}: short enough for a table column. */
    public String shortForm() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "." + method + (hasLine() ? ":" + line : "");
    }

    private String sourceFile() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
}
