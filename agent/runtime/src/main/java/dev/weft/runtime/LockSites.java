package dev.weft.runtime;

/** The lock acquisition sites, numbered as the agent rewrites the code that takes locks. */
public final class LockSites {
    private static final Registry<LockSite> SITES = new Registry<LockSite>();

    private LockSites() {
    }

    /** Registers a site and returns its number. Called while classes are transformed. */
    public static int register(String kind, String className, String methodName, int line) {
        return SITES.add(new LockSite(kind, className, methodName, line));
    }

    static LockSite get(int id) {
        return SITES.get(id);
    }

    /** Number of registered sites. */
    public static int size() {
        return SITES.size();
    }

    /** The site numbered {@code id}, for reporting. */
    public static LockSite site(int id) {
        return SITES.get(id);
    }
}
