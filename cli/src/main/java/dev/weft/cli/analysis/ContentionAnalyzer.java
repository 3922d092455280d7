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
 * Lock contention per acquisition site, from up to four sources that each see part of it.
 *
 * <p>weft's {@code LockStatistics} counts every acquisition cheaply but times only j.u.c. locks, as
 * totals; weft's {@code LockContended} times each contended j.u.c. acquisition and names the owner;
 * JFR's {@code jdk.JavaMonitorEnter} does the same for {@code synchronized}. Waits are credited to
 * the site weft counted (see {@link CountedSites}) so one site is one entry with both its
 * acquisitions and its waits. Without the agent, {@code jdk.ThreadPark} on a lock's synchronizer is
 * the only trace of j.u.c. contention; with it, parks are dropped because weft's events already
 * cover those locks, with their owners. Parks on conditions, queues and futures are threads waiting
 * for work, not for a lock, and never count.
 *
 * <p>Counts in {@code LockStatistics} are cumulative per run, so the latest value per recording and
 * site is kept and recordings are summed. Where counted and timed totals differ (JFR drops waits
 * below its threshold) the larger is reported.
 */
final class ContentionAnalyzer implements Analyzer {
    private static final Frame UNKNOWN_SITE = new Frame(null, null, Frame.UNKNOWN_LINE);
    private static final List<String> LOCK_SYNCHRONIZERS = List.of(
            "java.util.concurrent.locks.ReentrantLock$",
            "java.util.concurrent.locks.ReentrantReadWriteLock$",
            "java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.Semaphore$");

    private final Map<RunSite, SiteCounts> countsPerRunSite = new HashMap<>();
    private final Map<SiteKey, ContentionTally> jucWaits = new HashMap<>();
    private final Map<SiteKey, ContentionTally> monitorWaits = new HashMap<>();
    private final Map<SiteKey, ContentionTally> parkWaits = new HashMap<>();
    private Map<SiteKey, ContentionTally> parkWaitsOfRecording = new HashMap<>();
    private boolean recordingHasJucWaits;
    private int recording;

    @Override
    public Set<String> eventTypes() {
        return Set.of(WeftEvents.LockStatistics.NAME, WeftEvents.LockContended.NAME,
                JdkEvents.JAVA_MONITOR_ENTER, JdkEvents.THREAD_PARK);
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

        Set<SiteKey> keys = new LinkedHashSet<>(counted.keySet());
        keys.addAll(timed.keySet());
        for (SiteKey key : keys) {
            ContentionEntry entry = entryOf(key, counted.get(key), timed.getOrDefault(key, new ContentionTally()));
            if (entry.contended() > 0 || entry.waitNanos().total() > 0) {
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
        SiteCounts counts = new SiteCounts(key,
                EventFields.number(event, WeftEvents.LockStatistics.ACQUISITIONS),
                EventFields.number(event, WeftEvents.LockStatistics.CONTENDED),
                EventFields.number(event, WeftEvents.LockStatistics.WAIT_NANOS));
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
        Frame site = StackFrames.top(event.getStackTrace());
        SiteKey key = new SiteKey(LockKind.MONITOR, EventFields.className(event, JdkEvents.MONITOR_CLASS),
                site == null ? UNKNOWN_SITE : site);
        tallyOf(monitorWaits, key).add(event.getDuration().toNanos(), EventFields.threadName(event.getThread()),
                EventFields.threadName(event, JdkEvents.PREVIOUS_OWNER));
    }

    private void onThreadPark(RecordedEvent event) {
        String lockClass = lockOfSynchronizer(EventFields.className(event, JdkEvents.PARKED_CLASS));
        if (lockClass == null) {
            return;
        }
        Frame site = StackFrames.firstApplicationFrame(event.getStackTrace());
        SiteKey key = new SiteKey(LockKind.PARK, lockClass, site == null ? UNKNOWN_SITE : site);
        tallyOf(parkWaitsOfRecording, key).add(event.getDuration().toNanos(),
                EventFields.threadName(event.getThread()), null);
    }

    /** {@code ReentrantLock} for its {@code ReentrantLock$NonfairSync}; null for what is not a lock's. */
    private static String lockOfSynchronizer(String parkedClass) {
        if (parkedClass == null) {
            return null;
        }
        for (String synchronizer : LOCK_SYNCHRONIZERS) {
            if (parkedClass.startsWith(synchronizer)) {
                int nested = parkedClass.indexOf('$');
                return nested < 0 ? parkedClass : parkedClass.substring(0, nested);
            }
        }
        return null;
    }

    private static ContentionEntry entryOf(SiteKey key, SiteCounts counts, ContentionTally timed) {
        long contended = Math.max(counts == null ? 0 : counts.contended(), timed.count());
        WaitTimes waits = timed.waitTimes(counts == null ? 0 : counts.waitNanos());
        return new ContentionEntry(key.lockClass(), key.kind(), key.site(),
                counts == null ? null : counts.acquisitions(), contended, waits,
                timed.topWaiters(), timed.topOwners());
    }

    private static ContentionTally tallyOf(Map<SiteKey, ContentionTally> tallies, SiteKey key) {
        return tallies.computeIfAbsent(key, k -> new ContentionTally());
    }

    /** weft's site numbers are unique within one run only. */
    private record RunSite(int recording, long siteId) {
    }

    /** weft's counts for one site. */
    private record SiteCounts(SiteKey key, long acquisitions, long contended, long waitNanos) {
        /** Of two cumulative snapshots of a site, the later: the counts only grow. */
        SiteCounts latest(SiteCounts later) {
            return new SiteCounts(later.key, Math.max(acquisitions, later.acquisitions),
                    Math.max(contended, later.contended), Math.max(waitNanos, later.waitNanos));
        }

        SiteCounts plus(SiteCounts other) {
            return new SiteCounts(key, acquisitions + other.acquisitions, contended + other.contended,
                    waitNanos + other.waitNanos);
        }
    }
}
