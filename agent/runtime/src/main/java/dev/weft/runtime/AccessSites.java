package dev.weft.runtime;

/**
 * Places in application code that read or write a checked field (class, method, source line),
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

        Site(String className, String methodName, int line) {
            this.className = className;
            this.methodName = methodName;
            this.line = line;
        }
    }

    public static int register(String className, String methodName, int line) {
        return SITES.add(new Site(className, methodName, line));
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

    static int size() {
        return SITES.size();
    }
}
