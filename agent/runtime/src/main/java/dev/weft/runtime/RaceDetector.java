package dev.weft.runtime;


/**
 * FastTrack's checks: an access races with the last write (and a write with the last reads)
 * unless that access happens before the current thread's clock.
 *
 * <p>The same-epoch case — the thread touched the location since its last release — returns on
 * the first comparison. Reads stay one epoch while they are ordered and become a per-thread read
 * clock only once two threads read without order between them. Each race (field and the two
 * sites) is reported up to {@value #REPORTS_PER_PAIR} times, so the CLI can count occurrences
 * without the agent flooding the recording.
 *
 * <p>A report has the current access's stack and held locks, but of the earlier access only its
 * site: keeping a stack per access would cost far more than the checks. So a report arms the
 * earlier access's site ({@link AccessSites#arm}), and the next access there that gets past the
 * fast path — where every access of a racing pair arrives — writes that site's stack and held
 * locks once. The fast path itself never looks at it.
 */
final class RaceDetector {
    static final int REPORTS_PER_PAIR = 100;
    /** Reports per race; a plain map: the JDK's concurrent collections are modelled synchronizers. */
    private static final java.util.HashMap<Long, int[]> REPORTED = new java.util.HashMap<Long, int[]>();

    private RaceDetector() {
    }

    static void read(ThreadState thread, Shadow shadow, int fieldId, int site, Sink sink) {
        if (thread.initializing > 0) {
            return;
        }
        long epoch = thread.epoch;
        long lastRead = shadow.read;
        if (lastRead == epoch) {
            return;
        }
        VectorClock clock = thread.clock;
        VectorClock reads = shadow.reads;
        if (reads != null && reads.get(thread.tid) == clock.get(thread.tid)) {
            return;
        }
        if (thread.speculating) {
            OptimisticReads.read(thread, shadow, fieldId, site);
            return;
        }
        if (AccessSites.armed != 0) {
            stackIfArmed(thread, fieldId, false, site, sink);
        }
        long lastWrite = shadow.write;
        if (!Epochs.happensBefore(lastWrite, epoch, clock)) {
            report(thread, sink, fieldId, false, site, lastWrite, true, shadow.writeSite);
        }
        if (reads != null) {
            recordSharedRead(shadow, reads, thread, site);
        } else if (Epochs.happensBefore(lastRead, epoch, clock)) {
            thread.accessedThisStep = true;
            shadow.read = epoch;
            shadow.readSite = site;
        } else {
            VectorClock shared = new VectorClock();
            int[] sites = new int[Math.max(thread.tid, Epochs.tid(lastRead)) + 1];
            shared.set(Epochs.tid(lastRead), Epochs.time(lastRead));
            sites[Epochs.tid(lastRead)] = shadow.readSite + 1;
            shadow.readSites = sites;
            shadow.reads = shared;
            recordSharedRead(shadow, shared, thread, site);
        }
    }

    private static void recordSharedRead(Shadow shadow, VectorClock reads, ThreadState thread, int site) {
        thread.accessedThisStep = true;
        reads.set(thread.tid, thread.clock.get(thread.tid));
        int[] sites = shadow.readSites;
        if (sites == null || thread.tid >= sites.length) {
            int[] grown = new int[thread.tid + 8];
            if (sites != null) {
                System.arraycopy(sites, 0, grown, 0, sites.length);
            }
            sites = grown;
            shadow.readSites = grown;
        }
        sites[thread.tid] = site + 1;
    }

    static void write(ThreadState thread, Shadow shadow, int fieldId, int site, Sink sink) {
        if (thread.initializing > 0) {
            return;
        }
        long epoch = thread.epoch;
        long lastWrite = shadow.write;
        if (lastWrite == epoch) {
            return;
        }
        if (AccessSites.armed != 0) {
            stackIfArmed(thread, fieldId, true, site, sink);
        }
        VectorClock clock = thread.clock;
        if (!Epochs.happensBefore(lastWrite, epoch, clock)) {
            report(thread, sink, fieldId, true, site, lastWrite, true, shadow.writeSite);
        }
        VectorClock reads = shadow.reads;
        long lastRead = shadow.read;
        if (reads != null) {
            int[] sites = shadow.readSites;
            for (int tid = 0; sites != null && tid < sites.length; tid++) {
                if (tid != thread.tid && reads.get(tid) > clock.get(tid) && sites[tid] != 0) {
                    report(thread, sink, fieldId, true, site, Epochs.of(tid, reads.get(tid)), false, sites[tid] - 1);
                }
            }
            shadow.reads = null;
            shadow.readSites = null;
        } else if (!Epochs.happensBefore(lastRead, epoch, clock)) {
            report(thread, sink, fieldId, true, site, lastRead, false, shadow.readSite);
        }
        thread.accessedThisStep = true;
        shadow.write = epoch;
        shadow.writeSite = site;
        if (lastRead != Epochs.NONE) {
            shadow.read = Epochs.NONE; // the reads happen before this write: later accesses are checked against it
        }
    }

    /**
     * Whether {@code thread}'s next reads (or writes) of {@code shadow} in its current epoch would
     * end on a fast path of {@link #read} ({@link #write}) — as long as no other thread writes it
     * meanwhile, which that thread's own check reports.
     */
    static boolean covers(ThreadState thread, Shadow shadow, boolean write) {
        if (thread.initializing > 0 || thread.speculating) {
            return false;
        }
        long epoch = thread.epoch;
        if (write) {
            return shadow.write == epoch;
        }
        VectorClock reads = shadow.reads;
        return shadow.read == epoch || (reads != null && reads.get(thread.tid) == thread.clock.get(thread.tid));
    }

    /** Writes the stack of this access if a race asked for one at its site (once per site). */
    private static void stackIfArmed(ThreadState thread, int fieldId, boolean write, int site, Sink sink) {
        if (sink == null || !AccessSites.disarm(site)) {
            return;
        }
        ThreadState guard = ReentryGuard.enter();
        if (guard == null) {
            return;
        }
        try {
            sink.accessStack(Fields.name(fieldId), write, site, HeldLocks.describe(thread));
        } finally {
            ReentryGuard.exit(guard);
        }
    }

    /** Reports a race of {@code thread}'s access with another thread's access at {@code otherEpoch}. */
    static void report(ThreadState thread, Sink sink, int fieldId, boolean write, int site, long otherEpoch,
                       boolean otherWrite, int otherSite) {
        if (sink == null) {
            return;
        }
        long pair = ((long) fieldId << 40) ^ ((long) site << 20) ^ otherSite ^ (write ? 1L << 62 : 0) ^ (otherWrite ? 1L << 61 : 0);
        synchronized (REPORTED) {
            int[] reports = REPORTED.get(pair);
            if (reports == null) {
                reports = new int[1];
                REPORTED.put(pair, reports);
            }
            if (++reports[0] > REPORTS_PER_PAIR) {
                return;
            }
        }
        AccessSites.arm(otherSite);
        ThreadState guard = ReentryGuard.enter();
        if (guard == null) {
            return;
        }
        try {
            sink.dataRace(Fields.name(fieldId), write, site, Threads.name(Epochs.tid(otherEpoch), Epochs.time(otherEpoch)),
                otherWrite, otherSite, HeldLocks.describe(thread));
        } finally {
            ReentryGuard.exit(guard);
        }
    }
}
