package dev.weft.runtime;

/**
 * Places in application code that read or write a checked field (class, method, source line),
 * or call a method of an object that may not be thread-safe (then with the method called),
 * numbered as the agent rewrites the code.
 */
public final class AccessSites {
    private static final Registry<AccessSites.Site> SITES = new Registry<AccessSites.Site>();

    private AccessSites() {
    }

    private static final class Site {
        final String className;
        final String methodName;
        final int line;
        final String call;

        Site(String className, String methodName, int line, String call) {
            this.className = className;
            this.methodName = methodName;
            this.line = line;
            this.call = call;
        }
    }

    public static int register(String className, String methodName, int line) {
        return SITES.add(new Site(className, methodName, line, null));
    }

    /** A call site: {@code call} is the method called, as the code names it ({@code java.util.Map.put}). */
    public static int register(String className, String methodName, int line, String call) {
        return SITES.add(new Site(className, methodName, line, call));
    }

    public static String className(int id) {
        return SITES.get(id).className;
    }

    public static String methodName(int id) {
        return SITES.get(id).methodName;
    }

    public static int line(int id) {
        return SITES.get(id).line;
    }

    /** The method called at a call site, null at a field access. */
    public static String call(int id) {
        return SITES.get(id).call;
    }

    static int size() {
        return SITES.size();
    }
}
