package dev.weft.runtime;

/**
 * What weft keeps per thread: the locks it holds, innermost last, with where and (at contended
 * sites) when each was taken; with race detection, its vector clock, the copy of it that its
 * monitor releases publish ({@link #published}) and, when known, its source ({@link #source}).
 * Only its own thread touches it.
 */
final class ThreadState {
    private static final int INITIAL = 8;
    private static final int SEEN = 64;

    final Thread thread;
    /** weft's number for the thread: its index in vector clocks. */
    final int tid;
    /**
     * A number no other thread state ever has (weft numbers are reused, see {@link Threads});
     * 0 once 2^31 states were made, which matches no {@link #source}.
     */
    final int serial;
    /** The thread's vector clock; its own entry is the current time. */
    final VectorClock clock;
    /** The epoch of the thread's current time, cached: {@code Epochs.of(tid, clock.get(tid))}. */
    long epoch;
    Object[] locks = new Object[INITIAL];
    int[] sites = new int[INITIAL];
    long[] since = new long[INITIAL];
    /**
     * For each held lock, the hashed clock slot of a monitor without a shadow ({@link MonitorClocks}),
     * computed before the monitor was entered; -1 if none is known. Hashing a held monitor is a call
     * into the VM (its header is displaced), so its release reads the slot from here.
     */
    int[] slots = new int[INITIAL];
    int held;
    /**
     * A monitor this thread was about to enter at its last hook — an application object's map, or
     * another object's clock slot (-1: none), or an array (below): its clock is acquired at the thread's next
     * race-relevant hook, when the monitor is surely held (see {@link MonitorClocks}).
     */
    ShadowMap pendingMonitor;
    int pendingSlot = -1;
    /** An array whose monitor this thread was about to enter at its last hook (null: none); its clock is settled when acquired. */
    Object pendingArray;
    /**
     * The clock slot of the {@code ConcurrentHashMap} whose view the thread used last (-1: none):
     * what its traversals take in at each element of a table whose map is not known
     * ({@link Hooks#traversalAdvanced}).
     */
    int traversedSlot = -1;
    /** The entry of the last map table the thread traversed ({@link MapTables}), or null. */
    MapTables.Table traversedTable;
    /** The {@code ConcurrentHashMap} whose resize the thread takes part in, or null ({@link Hooks#mapResizing}). */
    Object resizingMap;
    /** Whether the thread is between a StampedLock's tryOptimisticRead and validate (see {@link OptimisticReads}). */
    boolean speculating;
    OptimisticReads optimistic;
    /** Whether an access was recorded in a shadow since the thread's last release (see {@link Threads}). */
    boolean accessedThisStep;
    /** How many static initializers the thread is running (their accesses are not recorded). */
    int initializing;
    /** Whether the thread is running weft's own code (see {@link ReentryGuard}). */
    boolean inside;
    /** How deep the thread is in JDK machinery (class loading) whose synchronization is not the application's. */
    int machinery;
    /**
     * The last clock copy {@link #published} handed out, and the clock's change count at which that
     * copy with {@link #publishedExtra} is the clock, but for the thread's own entry.
     */
    private int[] published;
    private int publishedAt;
    /**
     * An entry the clock has beyond {@link #published}: the epoch of the one thread whose time
     * this clock alone raised since the copy ({@link #raise}), or {@link Epochs#NONE}.
     */
    private long publishedExtra = Epochs.NONE;
    /**
     * The {@link #serial} of a thread whose clock covers this one's but for this thread's own
     * entry, as long as this clock's change count is still {@link #sourceAt} (see {@link #source}).
     */
    private int source;
    private int sourceAt;
    private static int serials;
    /** A small direct-mapped cache: the release count of a sync slot at the thread's last join of it (see {@link SyncClocks}). */
    private final int[] seenSlots = newSeenSlots();
    final int[] seenReleases = new int[SEEN];
    /** Bit set of the {@link UnmodelledSyncSites} this thread has been reported at (null: none yet). */
    long[] unmodelledSeen;
    /**
     * Array shadows by access site ({@link ArrayShadows}): the last array each site saw in this
     * thread, held weakly through its shadow; allocated at the thread's first array access.
     */
    ArrayShadow[] arrayCache;
    /**
     * The array shadows this thread last took from the table, most recent first (looked at before
     * the table; see {@link ArrayShadows#RECENT}); allocated with {@link #arrayCache}.
     */
    ArrayShadow[] recentArrays;
    /**
     * Pinned array shadows (those holding a monitor's clock) this thread took from the table, by
     * the table's hash (see {@link ArrayShadows#PINNED_SLOTS}); null until the first one.
     */
    ArrayShadow[] pinnedArrays;
    /** The last lock-order pair this thread reported or skipped, to keep hot nested loops cheap. */
    Object lastOuter;
    Object lastInner;
    /** The shadow of the last object whose call this thread checked (see {@link ObjectRaces}); weak. */
    ObjectShadow lastObject;

    ThreadState(Thread thread, int tid, VectorClock inherited) {
        this.thread = thread;
        this.tid = tid;
        this.serial = nextSerial();
        this.clock = inherited == null ? new VectorClock() : inherited;
        this.clock.set(tid, Math.max(1, this.clock.get(tid)));
        this.epoch = Epochs.of(tid, clock.get(tid));
    }

    /**
     * The thread's clock as its releases publish it: an immutable copy, shared by every release
     * until the clock changes in another entry than the thread's own. Its own entry may be older
     * than the thread's time; a release records that time beside it, and an acquire raises the
     * entry to it ({@link VectorClock#joinReleased}), so the pair is exactly the clock at the release.
     */
    int[] published() {
        if (publishedExtra != Epochs.NONE) {
            published = null; // the copy lacks an entry: a new one is taken
        }
        return publishedBase();
    }

    /**
     * As {@link #published}, but the copy may lack one entry, {@link #publishedExtra}: a thread
     * handing monitors back and forth with another raises that one's entry at every acquire (and
     * a lock's or queue's join often raises just that one too), and would otherwise copy its
     * clock at every release. A monitor's release keeps both
     * ({@link MonitorClocks}); call {@link #publishedExtra} right after this.
     */
    int[] publishedBase() {
        int[] published = this.published;
        int changes = clock.changes();
        if (published == null || publishedAt != changes) {
            // a join that raised one other entry (a lock another thread released last) keeps the copy too
            int beyond = published == null ? VectorClock.MANY_BEYOND : clock.soleEntryBeyond(published, tid);
            if (beyond == VectorClock.MANY_BEYOND) {
                published = clock.snapshot();
                this.published = published;
                publishedExtra = Epochs.NONE;
            } else {
                publishedExtra = beyond == VectorClock.NONE_BEYOND ? Epochs.NONE : Epochs.of(beyond, clock.get(beyond));
            }
            publishedAt = changes;
        }
        return published;
    }

    /** The entry the clock has beyond {@link #publishedBase}'s copy, an epoch, or {@link Epochs#NONE}. */
    long publishedExtra() {
        return publishedExtra;
    }

    /**
     * Raises thread {@code tid}'s entry in this clock to {@code time}, which is later: where the
     * published copy was the clock but for {@code tid}'s entry at most, that entry becomes its
     * {@link #publishedExtra} and the copy stays in use.
     */
    void raise(int tid, int time) {
        boolean onlyThatEntry = published != null && publishedAt == clock.changes()
            && (publishedExtra == Epochs.NONE || Epochs.tid(publishedExtra) == tid);
        clock.set(tid, time);
        if (onlyThatEntry) {
            publishedExtra = Epochs.of(tid, time);
            publishedAt = clock.changes();
        }
    }

    private static synchronized int nextSerial() {
        return serials == Integer.MAX_VALUE ? 0 : ++serials;
    }

    /**
     * The serial of a thread that knows everything this thread knows of others: this clock, but
     * for its own entry, is within that thread's clock — 0 if none is known. Clocks only grow, so
     * once true this stays true until this clock changes in another entry than its own; any such
     * change (counted by {@link VectorClock#changes}) makes the source unknown unless the change
     * sets a new one ({@link #sourceIs}). A thread that acquires from its source what the source
     * released, while it is the source of the releaser, learns nothing but the release's time (see
     * {@link MonitorClocks}): two threads handing objects back and forth never read each other's
     * clocks.
     */
    int source() {
        return sourceAt == clock.changes() ? source : 0;
    }

    /** Records that {@code serial}'s clock covers this thread's clock as it is now (but for its own entry). */
    void sourceIs(int serial) {
        source = serial;
        sourceAt = clock.changes();
    }

    private static int[] newSeenSlots() {
        int[] slots = new int[SEEN];
        java.util.Arrays.fill(slots, -1);
        return slots;
    }

    /** The cache index holding {@code slot}'s release count, or -1 if the cache does not know it. */
    int seenIndex(int slot) {
        int index = slot & (SEEN - 1);
        return seenSlots[index] == slot ? index : -1;
    }

    /** Remembers that the thread's clock covers {@code slot}'s clock as of {@code releases} releases. */
    void remember(int slot, int releases) {
        int index = slot & (SEEN - 1);
        seenSlots[index] = slot;
        seenReleases[index] = releases;
    }

    /**
     * The slot of the thread's last release into a sync slot ({@link SyncClocks}), the time it
     * released at and its clock's change count then (-1: none yet).
     */
    private int releasedSlot = -1;
    private int releasedAt;
    private int releasedChanges;

    /** Records a release into {@code slot} at the thread's current time ({@link SyncClocks#release}). */
    void released(int slot) {
        releasedSlot = slot;
        releasedAt = clock.get(tid);
        releasedChanges = clock.changes();
    }

    /**
     * Whether a release into {@code slot} now would publish nothing an acquirer can use: the
     * thread's last publication was a release into that slot, its step ended with it, its clock
     * has not changed since but for its own entry, and it recorded no access in the step it is in
     * ({@link #accessedThisStep}). A release now would publish that step, with nothing in it, and
     * end it. Without it the slot keeps (or, as clocks only grow, covers) the release before, later
     * acquirers learn the step before — everything of the thread's accesses they would have
     * learnt — and the thread's accesses from here on stay in its current step, which is after the
     * slot's release as they are after this one; its next release publishes the step as usual.
     * Everything here is the thread's own: no shared state is read. A queue's single producer that
     * only hands over new objects thus publishes once, and its consumers take in once.
     */
    boolean releasedUnchanged(int slot) {
        return slot == releasedSlot && !accessedThisStep && clock.get(tid) == releasedAt + 1
            && clock.changes() == releasedChanges;
    }

    /** Starts a new time step after a release, so later accesses are not ordered before it. */
    void tick() {
        int now = clock.get(tid);
        if (now == Integer.MAX_VALUE) {
            Hooks.clockExhausted();
            return;
        }
        int next = now + 1;
        clock.advance(tid, next);
        accessedThisStep = false;
        epoch = Epochs.of(tid, next);
    }

    /** Marks an unmodelled-synchronization site as seen by this thread; false if it was already. */
    boolean firstAtUnmodelledSite(int site) {
        long[] seen = unmodelledSeen;
        int word = site >>> 6;
        long bit = 1L << site;
        if (seen != null && word < seen.length && (seen[word] & bit) != 0) {
            return false;
        }
        if (seen == null || word >= seen.length) {
            long[] grown = new long[Math.max(word + 1, seen == null ? 1 : seen.length * 2)];
            if (seen != null) {
                System.arraycopy(seen, 0, grown, 0, seen.length);
            }
            seen = grown;
            unmodelledSeen = grown;
        }
        seen[word] |= bit;
        return true;
    }

    void push(Object lock, int site, long acquiredAt, int slot) {
        if (held == locks.length) {
            locks = java.util.Arrays.copyOf(locks, held * 2);
            sites = java.util.Arrays.copyOf(sites, held * 2);
            since = java.util.Arrays.copyOf(since, held * 2);
            slots = java.util.Arrays.copyOf(slots, held * 2);
        }
        locks[held] = lock;
        sites[held] = site;
        since[held] = acquiredAt;
        slots[held] = slot;
        held++;
    }

    /** Index of the innermost hold of {@code lock}, or -1. */
    int indexOf(Object lock) {
        for (int i = held - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    void removeAt(int index) {
        int after = held - index - 1;
        if (after > 0) {
            System.arraycopy(locks, index + 1, locks, index, after);
            System.arraycopy(sites, index + 1, sites, index, after);
            System.arraycopy(since, index + 1, since, index, after);
            System.arraycopy(slots, index + 1, slots, index, after);
        }
        held--;
        locks[held] = null;
    }
}
