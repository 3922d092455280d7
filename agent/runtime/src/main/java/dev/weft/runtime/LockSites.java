package dev.weft.runtime;

/**
 * The table of lock acquisition sites. The agent registers a site while it transforms a class
 * and bakes the returned number into the bytecode as a constant; hooks look the site up by that
 * number. Lookups are lock-free: the table grows in fixed chunks that never move, so a reader
 * racing with a registration sees either the old or the new chunk array, both valid.
 */
public final class LockSites {
    private static final int CHUNK = 1024;
    private static volatile LockSite[][] chunks = new LockSite[][] {new LockSite[CHUNK]};
    private static int count;

    private LockSites() {
    }

    /** Registers a site and returns its number. Called while classes are transformed. */
    public static synchronized int register(String kind, String className, String methodName, int line) {
        int id = count;
        LockSite[][] current = chunks;
        if (id / CHUNK == current.length) {
            LockSite[][] grown = new LockSite[current.length + 1][];
            System.arraycopy(current, 0, grown, 0, current.length);
            grown[current.length] = new LockSite[CHUNK];
            current = grown;
        }
        current[id / CHUNK][id % CHUNK] = new LockSite(id, kind, className, methodName, line);
        count = id + 1;
        chunks = current; // volatile write publishes the new site
        return id;
    }

    static LockSite get(int id) {
        return chunks[id / CHUNK][id % CHUNK];
    }

    /** Number of registered sites. */
    public static synchronized int size() {
        return count;
    }

    /** The site numbered {@code id}, for reporting. */
    public static LockSite site(int id) {
        return get(id);
    }
}
