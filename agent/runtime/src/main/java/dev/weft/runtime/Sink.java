package dev.weft.runtime;

/**
 * Where the hooks send what is worth keeping. The agent installs one implementation that writes
 * JFR events; this interface keeps the bootstrap-visible runtime free of any JFR or agent class.
 *
 * <p>Implementations are called on application threads, inside {@link ReentryGuard}, and must not
 * throw; the hooks catch and count whatever escapes anyway.
 */
public interface Sink {

    /** {@code started} has just been started by the current thread. */
    void threadStarted(Thread started);

    /**
     * The current thread is about to wait for {@code lock}, which it could not take at once.
     *
     * @return a token for {@link #endContended}: the open event, carrying the owner seen now
     */
    Object beginContended(Object lock, Thread owner);

    /** The wait begun by {@link #beginContended} has ended with the lock taken (or given up). */
    void endContended(Object token, Object lock, String operation, LockSite site);

    /**
     * The current thread took {@code inner} at {@code innerSite} while holding {@code outer}, taken
     * at {@code outerSite}: a new edge of the lock-order graph.
     *
     * @param heldIds identities of all locks the thread holds, outermost first, comma-separated
     */
    void lockOrder(Object outer, LockSite outerSite, Object inner, LockSite innerSite, String heldIds);

    /**
     * The current thread's access to {@code field} at {@code site} races with an earlier access by
     * another thread at {@code otherSite}: neither happens before the other.
     *
     * @param site       an {@link AccessSites} number
     * @param otherSite  an {@link AccessSites} number
     * @param heldLocks  the locks the current thread holds, one a line (see {@code HeldLocks}); empty for none
     */
    void dataRace(String field, boolean write, int site, String otherThread, boolean otherWrite, int otherSite,
                  String heldLocks);

    /**
     * The current thread accesses {@code field} at {@code site}, whose stack a race reported earlier
     * asked for: the stack to take is the current thread's.
     *
     * @param heldLocks the locks the current thread holds, as in {@link #dataRace}
     */
    void accessStack(String field, boolean write, int site, String heldLocks);

    /**
     * The current thread calls, at {@code site} ({@link UnmodelledSyncSites}), a synchronization
     * primitive that weft does not model; told once per site and thread.
     */
    void unmodelledSync(int site);
}
