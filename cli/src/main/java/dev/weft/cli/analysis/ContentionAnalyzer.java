package dev.weft.cli.analysis;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.LockKind;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.WaitTimes;
import dev.weft.schema.JdkEvents;
import dev.weft.schema.WeftEvents;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Lock contention per acquisition site, from up to four sources that each see part of it, and
 * beside it the time threads spent in {@code Object.wait()}.
 *
 * <p>weft's {@code LockStatistics} counts every acquisition cheaply but times only j.u.c. locks, as
 * totals (and, for those, the holds that made others wait); weft's {@code LockContended} times each
 * contended j.u.c. acquisition and names the owner; JFR's {@code jdk.JavaMonitorEnter} does the same
 * for {@code synchronized}. Waits are credited to the site weft counted (see {@link CountedSites}) so
 * one site is one entry with both its acquisitions and its waits. Without the agent,
 * {@code jdk.ThreadPark} on a lock's synchronizer is the only trace of j.u.c. contention; with it,
 * parks are dropped because weft's events already cover those locks, with their owners. Parks on
 * conditions, queues and futures are threads waiting for work, not for a lock, and never count.
 *
 * <p>JFR's {@code jdk.JavaMonitorWait} is a different thing: a thread that gave its monitor up to be
 * notified. It becomes entries of kind {@link LockKind#WAIT} at the application frame that called
 * {@code wait()}, with the notifiers as owners; waits inside {@code Thread.join()} (waiting for a
 * thread to end) and waits with no application frame (the JDK's own housekeeping threads) are left
 * out, as are the other side of {@code join()} and JFR's own contention (see {@link #isMachinery}).
 *
 * <p>Counts in {@code LockStatistics} are cumulative per run, so the latest value per recording and
 * site is kept and recordings are summed. Where counted and timed totals differ (JFR drops waits
 * below its threshold) the larger is reported.
 */
final class ContentionAnalyzer implements Analyzer {
    private static final Frame UNKNOWN_SITE = new Frame(null, null, Frame.UNKNOWN_LINE);
    /** The class of HotSpot's class initialization locks. */
    private static final String INIT_LOCK = "int[]";
    /** The JDK's class loaders, whose {@code loadClass} locks the class's name while it loads. */
    private static final Set<String> CLASS_LOADERS = Set.of("java.lang.ClassLoader",
            "jdk.internal.loader.BuiltinClassLoader", "jdk.internal.loader.ClassLoaders$AppClassLoader",
            "jdk.internal.loader.ClassLoaders$PlatformClassLoader", "java.net.URLClassLoader");

    private final Map<RunSite, SiteCounts> countsPerRunSite = new HashMap<>();
    private final Map<SiteKey, ContentionTally> jucWaits = new HashMap<>();
    private final Map<SiteKey, ContentionTally> monitorWaits = new HashMap<>();
    private final Map<SiteKey, ContentionTally> parkWaits = new HashMap<>();
    private final Map<SiteKey, ContentionTally> objectWaits = new HashMap<>();
    private Map<SiteKey, ContentionTally> parkWaitsOfRecording = new HashMap<>();
    private boolean recordingHasJucWaits;
    private int recording;

    @Override
    public Set<String> eventTypes() {
        return Set.of(WeftEvents.LockStatistics.NAME, WeftEvents.LockContended.NAME,
                JdkEvents.JAVA_MONITOR_ENTER, JdkEvents.THREAD_PARK, JdkEvents.JAVA_MONITOR_WAIT);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
        recordingHasJucWaits = false;
        parkWaitsOfRecording = new HashMap<>();
    }

    @Override
    public void onEvent(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case WeftEvents.LockStatistics.NAME -> onLockStatistics(event);
            case WeftEvents.LockContended.NAME -> onLockContended(event);
            case JdkEvents.JAVA_MONITOR_ENTER -> onMonitorEnter(event);
            case JdkEvents.THREAD_PARK -> onThreadPark(event);
            case JdkEvents.JAVA_MONITOR_WAIT -> onMonitorWait(event);
            default -> {
                // not subscribed
            }
        }
    }

    @Override
    public void endRecording() {
        if (!recordingHasJucWaits) {
            parkWaitsOfRecording.forEach((key, tally) -> tallyOf(parkWaits, key).absorb(tally));
        }
        parkWaitsOfRecording = new HashMap<>();
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        Map<SiteKey, SiteCounts> counted = new HashMap<>();
        countsPerRunSite.values().forEach(counts -> counted.merge(counts.key(), counts, SiteCounts::plus));

        CountedSites sites = new CountedSites(counted.keySet());
        Map<SiteKey, ContentionTally> timed = new HashMap<>();
        jucWaits.forEach((key, tally) -> tallyOf(timed, sites.siteFor(key)).absorb(tally));
        monitorWaits.forEach((key, tally) -> tallyOf(timed, sites.siteFor(key)).absorb(tally));
        parkWaits.forEach((key, tally) -> tallyOf(timed, key).absorb(tally));
        objectWaits.forEach((key, tally) -> tallyOf(timed, key).absorb(tally));

        Set<SiteKey> keys = new LinkedHashSet<>(counted.keySet());
        keys.addAll(timed.keySet());
        for (SiteKey key : keys) {
            ContentionEntry entry = entryOf(key, counted.get(key), timed.getOrDefault(key, new ContentionTally()));
            boolean madeOthersWait = entry.blockingHolds() != null && entry.blockingHolds() > 0;
            if (entry.contended() > 0 || entry.waitNanos().total() > 0 || madeOthersWait) {
                report.addContention(entry);
            }
        }
    }

    private void onLockStatistics(RecordedEvent event) {
        LockKind kind = LockKind.fromWeft(EventFields.text(event, WeftEvents.LockStatistics.LOCK_KIND));
        if (kind == null) {
            return;
        }
        SiteKey key = new SiteKey(kind, EventFields.text(event, WeftEvents.LockStatistics.LOCK_CLASS), new Frame(
                EventFields.text(event, WeftEvents.LockStatistics.SITE_CLASS),
                EventFields.text(event, WeftEvents.LockStatistics.SITE_METHOD),
                EventFields.line(event, WeftEvents.LockStatistics.SITE_LINE)));
        BlockingHolds holds = kind == LockKind.JUC && event.hasField(WeftEvents.LockStatistics.BLOCKING_HOLDS)
                ? new BlockingHolds(EventFields.number(event, WeftEvents.LockStatistics.BLOCKING_HOLDS),
                        EventFields.number(event, WeftEvents.LockStatistics.BLOCKING_HOLD_NANOS))
                : null;
        SiteCounts counts = new SiteCounts(key,
                EventFields.number(event, WeftEvents.LockStatistics.ACQUISITIONS),
                EventFields.number(event, WeftEvents.LockStatistics.CONTENDED),
                EventFields.number(event, WeftEvents.LockStatistics.WAIT_NANOS), holds);
        RunSite runSite = new RunSite(recording, EventFields.number(event, WeftEvents.LockStatistics.SITE_ID));
        countsPerRunSite.merge(runSite, counts, SiteCounts::latest);
    }

    private void onLockContended(RecordedEvent event) {
        recordingHasJucWaits = true;
        SiteKey key = new SiteKey(LockKind.JUC, EventFields.text(event, WeftEvents.LockContended.LOCK_CLASS), new Frame(
                EventFields.text(event, WeftEvents.LockContended.SITE_CLASS),
                EventFields.text(event, WeftEvents.LockContended.SITE_METHOD),
                EventFields.line(event, WeftEvents.LockContended.SITE_LINE)));
        tallyOf(jucWaits, key).add(event.getDuration().toNanos(), EventFields.threadName(event.getThread()),
                EventFields.text(event, WeftEvents.LockContended.OWNER_THREAD_NAME));
    }

    private void onMonitorEnter(RecordedEvent event) {
        List<Frame> frames = StackFrames.framesOf(event.getStackTrace());
        String monitorClass = EventFields.className(event, JdkEvents.MONITOR_CLASS);
        if (isMachinery(monitorClass, frames)) {
            return;
        }
        Frame site = frames.isEmpty() ? UNKNOWN_SITE : frames.get(0);
        Frame caller = StackFrames.isJdkClass(site.className()) ? StackFrames.applicationFrameOrNull(frames) : null;
        String classLoading = classLoadingLock(monitorClass, frames);
        SiteKey key = classLoading != null ? new SiteKey(LockKind.CLASS_LOADING, classLoading, site)
                : new SiteKey(LockKind.MONITOR, monitorClass, site);
        tallyOf(monitorWaits, key).add(event.getDuration().toNanos(), EventFields.threadName(event.getThread()),
                EventFields.threadName(event, JdkEvents.PREVIOUS_OWNER), caller);
    }

    private void onThreadPark(RecordedEvent event) {
        String lockClass = LockSynchronizers.lockOf(EventFields.className(event, JdkEvents.PARKED_CLASS));
        if (lockClass == null) {
            return;
        }
        Frame site = StackFrames.firstApplicationFrame(event.getStackTrace());
        SiteKey key = new SiteKey(LockKind.PARK, lockClass, site == null ? UNKNOWN_SITE : site);
        tallyOf(parkWaitsOfRecording, key).add(event.getDuration().toNanos(),
                EventFields.threadName(event.getThread()), null);
    }

    private void onMonitorWait(RecordedEvent event) {
        List<Frame> frames = StackFrames.framesOf(event.getStackTrace());
        Frame site = StackFrames.applicationFrameOrNull(frames);
        if (site == null || inThreadJoin(frames)) {
            return;
        }
        String monitorClass = EventFields.className(event, JdkEvents.MONITOR_CLASS);
        String classLoading = classLoadingLock(monitorClass, frames);
        SiteKey key = classLoading != null ? new SiteKey(LockKind.CLASS_LOADING, classLoading, site)
                : new SiteKey(LockKind.WAIT, monitorClass, site);
        tallyOf(objectWaits, key).add(event.getDuration().toNanos(), EventFields.threadName(event.getThread()),
                EventFields.threadName(event, JdkEvents.NOTIFIER));
    }

    /**
     * Contended monitors that are not the program's: a thread that ends locks its own {@code Thread}
     * object in the JVM (no Java frame) to wake the threads in its {@code join()}, which a joiner may
     * hold; JFR's own recorder threads, which contend while they record; and weft's own locks
     * (race detection's clocks and tables, taken inside its hooks, whose frames are left out of the
     * stacks), which no change to the program's locking would remove.
     */
    static boolean isMachinery(String monitorClass, List<Frame> frames) {
        if (monitorClass != null && StackFrames.isWeftAgent(monitorClass)) {
            return true;
        }
        if (frames.isEmpty()) {
            return Thread.class.getName().equals(monitorClass);
        }
        return frames.get(0).className().startsWith("jdk.jfr.");
    }

    /**
     * What the JVM's class loading a monitor belongs to, or null for a monitor of the program's: the
     * lock of a class's initialization (HotSpot's, an {@code int[]} per class: a thread that needs
     * a class another one is initializing enters it, then waits on it), or a class loader's lock
     * (entered in {@code loadClass}). An application that locks an {@code int[]} of its own would
     * see it listed here too.
     */
    static String classLoadingLock(String monitorClass, List<Frame> frames) {
        if (INIT_LOCK.equals(monitorClass)) {
            return "class initialization";
        }
        if (!frames.isEmpty() && frames.get(0).method() != null && frames.get(0).method().startsWith("loadClass")
                && CLASS_LOADERS.contains(frames.get(0).className())) {
            return "class loading";
        }
        return null;
    }

    private static boolean inThreadJoin(List<Frame> frames) {
        return frames.stream().anyMatch(frame -> frame.className().equals(Thread.class.getName())
                && frame.method().equals("join"));
    }

    private static ContentionEntry entryOf(SiteKey key, SiteCounts counts, ContentionTally timed) {
        long contended = Math.max(counts == null ? 0 : counts.contended(), timed.count());
        WaitTimes waits = timed.waitTimes(counts == null ? 0 : counts.waitNanos());
        BlockingHolds holds = counts == null ? null : counts.blockingHolds();
        return new ContentionEntry(key.lockClass(), key.kind(), key.site(), timed.topCaller(),
                counts == null ? null : counts.acquisitions(), contended, waits,
                holds == null ? null : holds.count(), holds == null ? null : holds.nanos(),
                timed.topWaiters(), timed.topOwners());
    }

    private static ContentionTally tallyOf(Map<SiteKey, ContentionTally> tallies, SiteKey key) {
        return tallies.computeIfAbsent(key, k -> new ContentionTally());
    }

    /** weft's site numbers are unique within one run only. */
    private record RunSite(int recording, long siteId) {
    }

    /** Holds at a j.u.c. site that ended with other threads queued for the lock. */
    private record BlockingHolds(long count, long nanos) {
        static BlockingHolds latest(BlockingHolds earlier, BlockingHolds later) {
            if (earlier == null || later == null) {
                return later == null ? earlier : later;
            }
            return new BlockingHolds(Math.max(earlier.count, later.count), Math.max(earlier.nanos, later.nanos));
        }

        static BlockingHolds plus(BlockingHolds one, BlockingHolds other) {
            if (one == null || other == null) {
                return one == null ? other : one;
            }
            return new BlockingHolds(one.count + other.count, one.nanos + other.nanos);
        }
    }

    /** weft's counts for one site; {@code blockingHolds} null when the recording has none for it. */
    private record SiteCounts(SiteKey key, long acquisitions, long contended, long waitNanos,
                              BlockingHolds blockingHolds) {
        /** Of two cumulative snapshots of a site, the later: the counts only grow. */
        SiteCounts latest(SiteCounts later) {
            return new SiteCounts(later.key, Math.max(acquisitions, later.acquisitions),
                    Math.max(contended, later.contended), Math.max(waitNanos, later.waitNanos),
                    BlockingHolds.latest(blockingHolds, later.blockingHolds));
        }

        SiteCounts plus(SiteCounts other) {
            return new SiteCounts(key, acquisitions + other.acquisitions, contended + other.contended,
                    waitNanos + other.waitNanos, BlockingHolds.plus(blockingHolds, other.blockingHolds));
        }
    }
}
