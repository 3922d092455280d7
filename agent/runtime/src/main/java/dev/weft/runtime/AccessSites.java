package dev.weft.runtime;

/**
 * Places in application code that read or write a checked field (class, method, source line),
 * or call a method of an object that may not be thread-safe (then with the method called),
 * numbered as the agent rewrites the code.
 *
 * <p>A site can be <em>armed</em>: a race was reported whose earlier access was made here, and the
 * agent has no stack for it (it keeps none per access). The next execution of the site on the
 * detector's slow path takes the stack once ({@link RaceDetector}) and the site is done for good.
 * {@link #armed} lets the slow path skip the per-site look-up while no site is armed, which is
 * nearly always; it is read without a lock, and a stale value only delays the stack by an access.
 */
public final class AccessSites {
    private static final Registry<AccessSites.Site> SITES = new Registry<AccessSites.Site>();
    private static final int NEVER = 0;
    private static final int ARMED = 1;
    private static final int DONE = 2;
    private static final Object ARMING = new Object();
    /** How many sites are armed now. */
    static int armed;

    private AccessSites() {
    }

    private static final class Site {
        final String className;
        final String methodName;
        final int line;
        /** {@link #NEVER}, {@link #ARMED} or {@link #DONE}; changed under {@link #ARMING}. */
        int stack;
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

    /** Asks for the stack of the next execution of {@code id}, unless it was asked for before. */
    static void arm(int id) {
        Site site = SITES.get(id);
        synchronized (ARMING) {
            if (site.stack == NEVER) {
                site.stack = ARMED;
                armed++;
            }
        }
    }

    /** Whether {@code id} is armed; if so it is disarmed for good, and the caller takes the stack. */
    static boolean disarm(int id) {
        Site site = SITES.get(id);
        if (site.stack != ARMED) {
            return false;
        }
        synchronized (ARMING) {
            if (site.stack != ARMED) {
                return false;
            }
            site.stack = DONE;
            armed--;
            return true;
        }
    }

    /** The method called at a call site, null at a field access. */
    public static String call(int id) {
        return SITES.get(id).call;
    }

    static int size() {
        return SITES.size();
    }
}
