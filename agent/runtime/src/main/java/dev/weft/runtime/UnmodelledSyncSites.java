package dev.weft.runtime;

/**
 * Places in application code that call a synchronization primitive weft does not model (a memory
 * fence, {@code LockSupport.park}, an {@code Unsafe} compare-and-swap, {@code Thread.onSpinWait}),
 * numbered as the agent rewrites the code. The race detector cannot see what such a call orders,
 * so the report says where the program used one instead of trusting its races blindly.
 */
public final class UnmodelledSyncSites {
    private static final Registry<UnmodelledSyncSites.Site> SITES = new Registry<UnmodelledSyncSites.Site>();

    private UnmodelledSyncSites() {
    }

    private static final class Site {
        final String primitive;
        final String className;
        final String methodName;
        final int line;

        Site(String primitive, String className, String methodName, int line) {
            this.primitive = primitive;
            this.className = className;
            this.methodName = methodName;
            this.line = line;
        }
    }

    /** @param primitive e.g. {@code VarHandle.releaseFence} */
    public static int register(String primitive, String className, String methodName, int line) {
        return SITES.add(new Site(primitive, className, methodName, line));
    }

    public static String primitive(int id) {
        return SITES.get(id).primitive;
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
}
