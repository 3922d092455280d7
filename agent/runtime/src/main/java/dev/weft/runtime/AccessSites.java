package dev.weft.runtime;

/**
 * Places in application code that read or write a checked field: class, method and source
 * line, numbered as the agent rewrites the code. There are many of them, so a site is three
 * array entries rather than an object; chunks never move once published.
 */
public final class AccessSites {
    private static final int CHUNK = 4096;
    private static volatile String[][] classes = new String[][] {new String[CHUNK]};
    private static volatile String[][] methods = new String[][] {new String[CHUNK]};
    private static volatile int[][] lines = new int[][] {new int[CHUNK]};
    private static int count;

    private AccessSites() {
    }

    public static synchronized int register(String className, String methodName, int line) {
        int id = count;
        String[][] c = classes;
        String[][] m = methods;
        int[][] l = lines;
        if (id / CHUNK == c.length) {
            c = java.util.Arrays.copyOf(c, c.length + 1);
            c[c.length - 1] = new String[CHUNK];
            m = java.util.Arrays.copyOf(m, m.length + 1);
            m[m.length - 1] = new String[CHUNK];
            l = java.util.Arrays.copyOf(l, l.length + 1);
            l[l.length - 1] = new int[CHUNK];
        }
        c[id / CHUNK][id % CHUNK] = className;
        m[id / CHUNK][id % CHUNK] = methodName;
        l[id / CHUNK][id % CHUNK] = line;
        count = id + 1;
        methods = m;
        lines = l;
        classes = c; // volatile write last publishes the entries
        return id;
    }

    public static String className(int id) {
        return classes[id / CHUNK][id % CHUNK];
    }

    public static String methodName(int id) {
        return methods[id / CHUNK][id % CHUNK];
    }

    public static int line(int id) {
        return lines[id / CHUNK][id % CHUNK];
    }
}
