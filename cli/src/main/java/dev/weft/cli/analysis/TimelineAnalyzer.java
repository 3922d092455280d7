package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Timeline;
import dev.weft.cli.report.Timeline.State;
import dev.weft.schema.JdkEvents;
import dev.weft.schema.WeftEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * What every thread was doing around the longest single lock wait: the data of the HTML report's
 * timeline.
 *
 * <p>The longest wait is only known at the end, and JFR files are not in time order, so the
 * analyzer keeps the wait and park intervals it reads, up to {@link #BUFFER_LIMIT}; when the buffer
 * fills it keeps those in the window around the longest wait so far and, if that is still too many,
 * the ones nearest it. Memory stays bounded whatever the file's size; the price, in a recording with
 * more waits than the buffer holds, is that a window may miss intervals read before its wait was
 * (when a later wait becomes the longest). At the end of each recording its window is cut out, and
 * the window of the recording with the longest wait is the one reported.
 */
final class TimelineAnalyzer implements Analyzer {
    static final int BUFFER_LIMIT = 100_000;
    static final int MAX_ROWS = 12;
    static final int MAX_INTERVALS_PER_ROW = 400;
    private static final long MIN_PAD_NANOS = Duration.ofMillis(1).toNanos();

    private final List<Span> spans = new ArrayList<>();
    private Span focus;
    private int recording;
    private Timeline longest;

    @Override
    public Set<String> eventTypes() {
        return Set.of(JdkEvents.JAVA_MONITOR_ENTER, WeftEvents.LockContended.NAME, JdkEvents.THREAD_PARK,
                JdkEvents.JAVA_MONITOR_WAIT);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
        spans.clear();
        focus = null;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        if (event.getEventType().getName().equals(JdkEvents.JAVA_MONITOR_ENTER) && ContentionAnalyzer
                .isMachinery(EventFields.className(event, JdkEvents.MONITOR_CLASS),
                        StackFrames.framesOf(event.getStackTrace()))) {
            return;
        }
        Span span = spanOf(event);
        if (span.state == State.BLOCKED && (focus == null || span.length() > focus.length())) {
            focus = span;
        }
        spans.add(span);
        if (spans.size() >= BUFFER_LIMIT) {
            pruneToWindow();
        }
    }

    @Override
    public void endRecording() {
        if (focus != null && (longest == null || focus.length() > longest.focus().waitNanos())) {
            longest = windowAroundFocus();
        }
        spans.clear();
        focus = null;
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        report.timeline(longest);
    }

    private Span spanOf(RecordedEvent event) {
        long start = epochNanos(event.getStartTime());
        long end = start + Math.max(0, event.getDuration().toNanos());
        String thread = String.valueOf(EventFields.threadName(event.getThread()));
        return switch (event.getEventType().getName()) {
            case JdkEvents.JAVA_MONITOR_ENTER -> new Span(thread, State.BLOCKED, start, end,
                    EventFields.className(event, JdkEvents.MONITOR_CLASS), StackFrames.top(event.getStackTrace()),
                    EventFields.threadName(event, JdkEvents.PREVIOUS_OWNER));
            case WeftEvents.LockContended.NAME -> new Span(thread, State.BLOCKED, start, end,
                    EventFields.text(event, WeftEvents.LockContended.LOCK_CLASS), new Frame(
                            EventFields.text(event, WeftEvents.LockContended.SITE_CLASS),
                            EventFields.text(event, WeftEvents.LockContended.SITE_METHOD),
                            EventFields.line(event, WeftEvents.LockContended.SITE_LINE)),
                    EventFields.text(event, WeftEvents.LockContended.OWNER_THREAD_NAME));
            case JdkEvents.THREAD_PARK -> parkSpan(event, thread, start, end);
            default -> new Span(thread, State.WAITING, start, end,
                    EventFields.className(event, JdkEvents.MONITOR_CLASS),
                    StackFrames.firstApplicationFrame(event.getStackTrace()),
                    EventFields.threadName(event, JdkEvents.NOTIFIER));
        };
    }

    /** A park on a lock's synchronizer is a thread blocked on that lock; any other park is waiting for work. */
    private static Span parkSpan(RecordedEvent event, String thread, long start, long end) {
        String parkedClass = EventFields.className(event, JdkEvents.PARKED_CLASS);
        String lock = LockSynchronizers.lockOf(parkedClass);
        return new Span(thread, lock == null ? State.WAITING : State.BLOCKED, start, end,
                lock == null ? parkedClass : lock, StackFrames.firstApplicationFrame(event.getStackTrace()), null);
    }

    private void pruneToWindow() {
        long[] window = window(focus);
        List<Span> kept = new ArrayList<>(spans.stream().filter(span -> span.overlaps(window[0], window[1])).toList());
        if (kept.size() > BUFFER_LIMIT / 2) {
            long centre = (focus.start + focus.end) / 2;
            kept.sort(Comparator.comparingLong(span -> span.distanceTo(centre)));
            kept = new ArrayList<>(kept.subList(0, BUFFER_LIMIT / 2));
        }
        spans.clear();
        spans.addAll(kept);
    }

    /** The focus wait in the middle half of the window. */
    private static long[] window(Span focus) {
        long pad = focus == null ? 0 : Math.max(MIN_PAD_NANOS, focus.length() / 2);
        return focus == null ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                : new long[] {focus.start - pad, focus.end + pad};
    }

    private Timeline windowAroundFocus() {
        long[] window = window(focus);
        long from = window[0];
        long to = window[1];
        Map<String, List<Timeline.Interval>> byThread = new LinkedHashMap<>();
        Map<String, Long> blockedNanos = new HashMap<>();
        Map<String, Long> waitingNanos = new HashMap<>();
        for (Span span : spans) {
            if (!span.overlaps(from, to)) {
                continue;
            }
            long start = Math.max(span.start, from) - from;
            long end = Math.min(span.end, to) - from;
            byThread.computeIfAbsent(span.thread, t -> new ArrayList<>())
                    .add(new Timeline.Interval(span.state, start, end, span.describe()));
            (span.state == State.BLOCKED ? blockedNanos : waitingNanos).merge(span.thread, end - start, Long::sum);
        }
        if (focus.owner != null) {
            byThread.computeIfAbsent(focus.owner, t -> new ArrayList<>()).add(new Timeline.Interval(State.HOLDING,
                    focus.start - from, ownerLetGo() - from, "holds " + focus.lockName() + ", which \"" + focus.thread
                            + "\" waits for"));
        }
        long idleFrom = to - from - (to - from) / 20;
        List<String> idle = byThread.keySet().stream()
                .filter(thread -> !thread.equals(focus.thread) && !thread.equals(focus.owner)
                        && blockedNanos.getOrDefault(thread, 0L) == 0
                        && waitingNanos.getOrDefault(thread, 0L) >= idleFrom)
                .toList();
        idle.forEach(byThread::remove);
        List<String> threads = new ArrayList<>(byThread.keySet());
        threads.sort(Comparator.comparing((String thread) -> !thread.equals(focus.thread))
                .thenComparing(thread -> !thread.equals(focus.owner))
                .thenComparing(thread -> -blockedNanos.getOrDefault(thread, 0L))
                .thenComparing(thread -> -waitingNanos.getOrDefault(thread, 0L))
                .thenComparing(Comparator.naturalOrder()));
        List<Timeline.Row> rows = threads.stream().limit(MAX_ROWS)
                .map(thread -> new Timeline.Row(thread, longestInTimeOrder(byThread.get(thread))))
                .toList();
        Timeline.Focus described = new Timeline.Focus(focus.thread, focus.owner, focus.lockClass, focus.site,
                focus.start - from, focus.length());
        return new Timeline(recording, Instant.EPOCH.plusNanos(from), to - from, described, rows, idle.size());
    }

    /**
     * When the owner let the lock go, as far as the recording tells: the end of the focus wait, or
     * earlier if the owner itself began to wait for a lock of that class meanwhile (it had let go
     * and wanted the lock back). The owner's events say who held the lock when the wait began (weft)
     * or who released it last (JFR), not for how long, so this is the best bound the events give.
     */
    private long ownerLetGo() {
        long letGo = focus.end;
        for (Span span : spans) {
            if (span.thread.equals(focus.owner) && span.state == State.BLOCKED && span.start > focus.start
                    && span.start < letGo && Objects.equals(span.lockClass, focus.lockClass)) {
                letGo = span.start;
            }
        }
        return letGo;
    }

    private static List<Timeline.Interval> longestInTimeOrder(List<Timeline.Interval> intervals) {
        return intervals.stream()
                .sorted(Comparator.comparingLong((Timeline.Interval interval) -> interval.startNanos()
                        - interval.endNanos()))
                .limit(MAX_INTERVALS_PER_ROW)
                .sorted(Comparator.comparingLong(Timeline.Interval::startNanos))
                .toList();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** One interval as read, in epoch nanoseconds. */
    private record Span(String thread, State state, long start, long end, String lockClass, Frame site, String owner) {
        long length() {
            return end - start;
        }

        boolean overlaps(long from, long to) {
            return start < to && end > from;
        }

        long distanceTo(long instant) {
            return instant < start ? start - instant : Math.max(0, instant - end);
        }

        String lockName() {
            return lockClass == null ? "a lock" : lockClass.substring(lockClass.lastIndexOf('.') + 1);
        }

        String describe() {
            String where = site == null ? "" : " at " + site.shortForm();
            return switch (state) {
                case BLOCKED -> "blocked on " + lockName() + where
                        + (owner == null ? "" : ", held by \"" + owner + "\"");
                case WAITING -> (owner == null ? "waiting on " : "waiting, notified by \"" + owner + "\", on ")
                        + lockName() + where;
                case HOLDING -> "holds " + lockName();
            };
        }
    }
}
