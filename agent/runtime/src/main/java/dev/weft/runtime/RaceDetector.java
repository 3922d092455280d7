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
        long lastWrite = shadow.write;
        if (!Epochs.happensBefore(lastWrite, clock)) {
            report(sink, fieldId, false, site, Epochs.tid(lastWrite), true, shadow.writeSite);
        }
        if (reads != null) {
            recordSharedRead(shadow, reads, thread, site);
        } else if (Epochs.happensBefore(lastRead, clock)) {
            shadow.read = epoch;
            shadow.readSite = site;
        } else {
            VectorClock shared = new VectorClock();
            int[] sites = new int[Math.max(thread.tid, Epochs.tid(lastRead)) + 1];
            shared.set(Epochs.tid(lastRead), Epochs.time(lastRead));
            sites[Epochs.tid(lastRead)] = shadow.readSite;
            shadow.readSites = sites;
            shadow.reads = shared;
            recordSharedRead(shadow, shared, thread, site);
        }
    }

    private static void recordSharedRead(Shadow shadow, VectorClock reads, ThreadState thread, int site) {
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
        sites[thread.tid] = site;
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
        VectorClock clock = thread.clock;
        if (!Epochs.happensBefore(lastWrite, clock)) {
            report(sink, fieldId, true, site, Epochs.tid(lastWrite), true, shadow.writeSite);
        }
        VectorClock reads = shadow.reads;
        if (reads != null) {
            int[] sites = shadow.readSites;
            for (int tid = 0; sites != null && tid < sites.length; tid++) {
                if (tid != thread.tid && reads.get(tid) > clock.get(tid)) {
                    report(sink, fieldId, true, site, tid, false, sites[tid]);
                }
            }
        } else {
            long lastRead = shadow.read;
            if (!Epochs.happensBefore(lastRead, clock)) {
                report(sink, fieldId, true, site, Epochs.tid(lastRead), false, shadow.readSite);
            }
        }
        shadow.write = epoch;
        shadow.writeSite = site;
        shadow.reads = null;
        shadow.readSites = null;
        shadow.read = Epochs.NONE;
    }

    static void report(Sink sink, int fieldId, boolean write, int site, int otherTid, boolean otherWrite,
                               int otherSite) {
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
        ThreadState guard = ReentryGuard.enter();
        if (guard == null) {
            return;
        }
        try {
            sink.dataRace(Fields.name(fieldId), write, site, Threads.name(otherTid), otherWrite, otherSite);
        } finally {
            ReentryGuard.exit(guard);
        }
    }
}
