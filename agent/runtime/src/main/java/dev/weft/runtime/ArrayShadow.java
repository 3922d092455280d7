package dev.weft.runtime;

import jdk.internal.vm.annotation.DontInline;

/**
 * The shadow state of one array, refined only where threads share it.
 *
 * <p>Most arrays are touched by one thread at a time, or only read once published: one
 * {@link RangeShadow} for the whole array (this one) checks them at the cost of one field's check, and a loop
 * over the array stays on FastTrack's same-epoch path. Precision comes first — weft must never
 * report a race between two different elements — so the coarse shadow remembers which element each
 * access touched: a conflict on the same element is reported, a conflict between two elements
 * (threads filling disjoint halves) refines the array instead: into ranges of {@value #RANGE}
 * elements, each a {@link RangeShadow} created when first touched, and a range refines in turn into
 * one plain {@link Shadow} per element when two of its elements conflict. Refining hands the coarse
 * shadow's remembered accesses down to the finer shadows of the elements they touched; what it did
 * not remember (other elements touched in the same epoch) is lost, so the first racy access after a
 * refinement can be missed, never invented.
 *
 * <p>At most {@value #MAX_REFINED_RANGES} ranges of one array get per-element shadows (about
 * {@value #MAX_REFINED_RANGES} × {@value #RANGE} elements): past that, a range stays coarse and lets
 * conflicts between its elements pass (same-element races there are still reported).
 *
 * <p>It is its array's entry in the {@link WeakIdentityTable}, a weak reference to the array, so a
 * thread's cache ({@link ThreadState#arrayCache}) can tell its array without keeping it alive; and it
 * is the array's coarse shadow itself (it extends {@link RangeShadow}): per array one object of
 * about 88 bytes, where the shadow (the table's entry) and a separate coarse range took about 104
 * and the fast path read one reference more. Refinement publishes new structures without locks;
 * two threads refining at once lose one refinement's history, which only hides races.
 */
final class ArrayShadow extends RangeShadow {
    static final int RANGE_SHIFT = 6;
    static final int RANGE = 1 << RANGE_SHIFT;
    static final int MAX_REFINED_RANGES = 1024;

    final int length;
    /** The thread that first looked the array up, and whether another thread has since. */
    final int firstTid;
    boolean shared;
    /** The name races on this array are reported under (a {@link Fields} id); -1 until its first lookup. */
    int nameId = -1;
    /** Whether {@link #nameId} names where the array is kept (a field), not just its type. */
    boolean named;
    /**
     * The clock of the array's monitor, once a thread synchronized on it: set once, under this
     * shadow's lock, when the table pinned the shadow (see {@link ArrayShadows#monitorOf}).
     */
    ShadowMap monitor;
    /**
     * Null while the array is coarse (this shadow, as a {@link RangeShadow}, covers it); then per range of {@value #RANGE} elements a
     * {@link RangeShadow}, a {@code Shadow[]} of its elements, or null while untouched.
     */
    private Object[] ranges;
    private int refinedRanges;

    ArrayShadow(Object array, java.lang.ref.ReferenceQueue<Object> queue, int length, int firstTid) {
        super(array, queue);
        this.length = length;
        this.firstTid = firstTid;
    }


    /**
     * Checks a read of element {@code index} by {@code thread}. The fast paths — the thread read
     * the array (or, once refined, the element) in its current epoch — are here, small enough to be
     * inlined into the hook; the rest is in {@link #readChecked}. An index out of bounds is left to
     * the instruction, which throws.
     */
    void read(ThreadState thread, int index, int site) {
        long epoch = thread.epoch;
        Object[] parts = ranges;
        if (parts == null) {
            if (read == epoch || sharedReadTime(thread.tid) == Epochs.time(epoch)) {
                return;
            }
        } else if (index >= 0 && index < length) {
            Object part = parts[index >>> RANGE_SHIFT];
            if (part instanceof Shadow[]) {
                Shadow element = ((Shadow[]) part)[index & (RANGE - 1)];
                if (element != null && element.read == epoch) {
                    return;
                }
            }
        }
        readChecked(thread, index, site, Hooks.sink());
    }

    /** Checks a write of element {@code index} by {@code thread}; fast paths as in {@link #read}. */
    void write(ThreadState thread, int index, int site) {
        long epoch = thread.epoch;
        Object[] parts = ranges;
        if (parts == null) {
            if (write == epoch) {
                return;
            }
        } else if (index >= 0 && index < length) {
            Object part = parts[index >>> RANGE_SHIFT];
            if (part instanceof Shadow[]) {
                Shadow element = ((Shadow[]) part)[index & (RANGE - 1)];
                if (element != null && element.write == epoch) {
                    return;
                }
            }
        }
        writeChecked(thread, index, site, Hooks.sink());
    }

    /**
     * Whether {@code thread}'s next reads of any element in its current epoch would end on
     * {@link #read}'s first fast path: the array is still coarse and the thread read it in this epoch.
     */
    boolean coversReads(ThreadState thread) {
        long epoch = thread.epoch;
        return ranges == null && thread.initializing == 0 && !thread.speculating
            && (read == epoch || sharedReadTime(thread.tid) == Epochs.time(epoch));
    }

    /** As {@link #coversReads}, for writes. */
    boolean coversWrites(ThreadState thread) {
        return ranges == null && thread.initializing == 0 && write == thread.epoch;
    }

    /** The slow path of {@link #read}: kept out of the hooks, which stay small enough to inline. */
    @DontInline
    void readChecked(ThreadState thread, int index, int site, Sink sink) {
        checked(thread, index, site, false, sink);
    }

    /** The slow path of {@link #write}. */
    @DontInline
    void writeChecked(ThreadState thread, int index, int site, Sink sink) {
        checked(thread, index, site, true, sink);
    }

    private void checked(ThreadState thread, int index, int site, boolean write, Sink sink) {
        if (index < 0 || index >= length || thread.initializing != 0) {
            return;
        }
        Object[] parts = ranges;
        if (parts == null) {
            if (!access(this, thread, index, site, true, write, sink)) {
                return;
            }
            parts = refineWhole(this);
        }
        int r = index >>> RANGE_SHIFT;
        Object part = parts[r];
        if (!(part instanceof Shadow[])) {
            RangeShadow range = part == null ? newRange(parts, r) : (RangeShadow) part;
            if (!access(range, thread, index, site, refinedRanges < MAX_REFINED_RANGES, write, sink)) {
                return;
            }
            part = refineRange(parts, r, range);
        }
        Shadow element = element((Shadow[]) part, index);
        if (write) {
            RaceDetector.write(thread, element, nameId, site, sink);
        } else {
            RaceDetector.read(thread, element, nameId, site, sink);
        }
    }

    /** Checks the access on a coarse shadow; true if its elements conflict and it must be refined. */
    private boolean access(RangeShadow shadow, ThreadState thread, int index, int site, boolean mayRefine,
                           boolean write, Sink sink) {
        return write ? shadow.write(thread, index, site, mayRefine, nameId, sink)
            : shadow.read(thread, index, site, mayRefine, nameId, sink);
    }

    private static Shadow element(Shadow[] elements, int index) {
        int i = index & (RANGE - 1);
        Shadow shadow = elements[i];
        if (shadow == null) {
            shadow = new Shadow();
            elements[i] = shadow;
        }
        return shadow;
    }

    private static RangeShadow newRange(Object[] parts, int r) {
        RangeShadow range = new RangeShadow();
        parts[r] = range;
        return range;
    }

    /** Whether the array has left its single coarse shadow (for tests). */
    boolean refined() {
        return ranges != null;
    }

    /** Ranges of {@value #RANGE}, each seeded with the whole array's remembered accesses to its elements. */
    private Object[] refineWhole(RangeShadow coarse) {
        int count = (length + RANGE - 1) >>> RANGE_SHIFT;
        Object[] parts = new Object[count];
        if (count == 1) {
            refinedRanges++;
            parts[0] = elements(coarse, 0);
        } else {
            ArrayAccess written = ArrayAccess.copyOf(coarse.lastWrite);
            if (written != null) {
                rangeOf(parts, written).seedWrite(written);
            }
            if (!coarse.readsShared()) {
                ArrayAccess read = ArrayAccess.copyOf(coarse.lastRead);
                if (read != null) {
                    rangeOf(parts, read).seedRead(read, false);
                }
            } else {
                for (int tid = 0, threads = coarse.sharedReadCount(); tid < threads; tid++) {
                    ArrayAccess read = ArrayAccess.copyOf(coarse.sharedRead(tid));
                    if (read != null) {
                        rangeOf(parts, read).seedRead(read, true);
                    }
                }
            }
        }
        ranges = parts;
        return parts;
    }

    /** The range of a copied access ({@link ArrayAccess#copyOf}: never moved on, so its element stays). */
    private RangeShadow rangeOf(Object[] parts, ArrayAccess copy) {
        int r = ArrayAccess.index(copy.timeIndex()) >>> RANGE_SHIFT;
        if (r >= parts.length) {
            return new RangeShadow(); // cannot happen (indexes are checked): dropped
        }
        Object part = parts[r];
        return part == null ? newRange(parts, r) : (RangeShadow) part;
    }

    private Shadow[] refineRange(Object[] parts, int r, RangeShadow range) {
        refinedRanges++;
        Shadow[] elements = elements(range, r << RANGE_SHIFT);
        parts[r] = elements;
        return elements;
    }

    /**
     * Per-element shadows of the range starting at {@code first}, seeded with what {@code range}
     * remembers: each record read once, and an access whose site is unknown (see
     * {@link ArrayAccess}) left out.
     */
    private Shadow[] elements(RangeShadow range, int first) {
        Shadow[] elements = new Shadow[Math.min(RANGE, length - first)];
        ArrayAccess written = range.lastWrite;
        if (written != null) {
            long access = written.timeIndex();
            int site = written.site(access);
            if (site >= 0 && inRange(ArrayAccess.index(access), first, elements.length)) {
                Shadow shadow = element(elements, ArrayAccess.index(access));
                shadow.write = written.epoch(access);
                shadow.writeSite = site;
            }
        }
        if (!range.readsShared()) {
            seedRead(elements, range.lastRead, first);
        } else {
            for (int tid = 0, count = range.sharedReadCount(); tid < count; tid++) {
                seedRead(elements, range.sharedRead(tid), first);
            }
        }
        return elements;
    }

    private static boolean inRange(int index, int first, int count) {
        return index >= first && index < first + count;
    }

    private static void seedRead(Shadow[] elements, ArrayAccess record, int first) {
        if (record == null) {
            return;
        }
        long access = record.timeIndex();
        int site = record.site(access);
        if (site < 0 || !inRange(ArrayAccess.index(access), first, elements.length)) {
            return;
        }
        Shadow shadow = element(elements, ArrayAccess.index(access));
        int tid = record.tid;
        int time = ArrayAccess.time(access);
        if (shadow.reads == null && shadow.read == Epochs.NONE) {
            shadow.read = record.epoch(access);
            shadow.readSite = site;
            return;
        }
        if (shadow.reads == null) {
            VectorClock clock = new VectorClock();
            int[] sites = new int[Math.max(tid, Epochs.tid(shadow.read)) + 1];
            clock.set(Epochs.tid(shadow.read), Epochs.time(shadow.read));
            sites[Epochs.tid(shadow.read)] = shadow.readSite + 1; // sites plus one, as Shadow#readSites keeps them
            shadow.readSites = sites;
            shadow.reads = clock;
            shadow.read = Epochs.NONE;
        }
        shadow.reads.set(tid, time);
        int[] sites = shadow.readSites;
        if (tid >= sites.length) {
            int[] grown = new int[tid + 8];
            System.arraycopy(sites, 0, grown, 0, sites.length);
            sites = grown;
            shadow.readSites = grown;
        }
        sites[tid] = site + 1;
    }
}
