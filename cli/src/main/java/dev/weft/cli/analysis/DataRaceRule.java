package dev.weft.cli.analysis;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Fingerprint;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.schema.WeftEvents.DataRace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * {@code data-race}: two threads accessed a field or an array element, at least one writing, with no
 * happens-before order between the accesses (an array's elements are named after the field the
 * array was loaded from, {@code com.acme.Foo.data[]}, or after its type, {@code int[] (element)}) —
 * or called one object that is not thread-safe (a {@code HashMap}, a {@code SimpleDateFormat}), at
 * least one call mutating it ({@link ObjectRaceHints}). The agent does the hard part while the program runs (vector clocks,
 * shadow state) and writes one {@code DataRace} event per racing access, up to 100 per field, pair
 * of sites and access kinds; this rule turns those into findings a person can act on.
 *
 * <p>Either thread may report a race (whichever accessed second), so events are keyed by the field
 * and the <em>unordered</em> pair of accesses: "write at X, earlier read at Y" and "read at Y,
 * earlier write at X" are one race ({@link ObservedRace}, which counts the reports and tells the
 * earliest). Then the races whose fingerprints are equal — the same field between the same
 * two methods, at other lines or with other access kinds (a {@code count++} races both as
 * read-write and as write-write) — fold into one finding: the most frequent of them is shown, and
 * {@code count} is the number of events of all of them. Fingerprints stay unique within a report,
 * as baselines, SARIF alerts and JUnit test names expect. An error: the program has a bug now —
 * unless the program synchronizes through something weft does not model where it matters
 * ({@link UnmodelledSynchronization}): then weft cannot justify the race, and the finding is a
 * warning that says which primitive, where, may order the accesses.
 */
final class DataRaceRule implements Rule {
    static final String RULE = "data-race";
    /** Races kept across all recordings; the agent bounds the events per race, not the number of races. */
    static final int MAX_RACES = 100_000;
    /** Unmodelled primitives a note names; the rest are counted. */
    static final int NOTED_PRIMITIVES = 3;

    private static final Comparator<Shown> MOST_FREQUENT_FIRST = Comparator
            .comparingLong((Shown shown) -> shown.race().count()).reversed()
            .thenComparing(shown -> shown.race().first(), RaceEvent.EARLIEST_FIRST);

    private final ThreadTree threads;
    private final SiteStacks siteStacks;
    private final UnmodelledSynchronization unmodelled;
    private final Map<RaceEvent.Key, ObservedRace> races = new LinkedHashMap<>();
    private int recording;
    private long eventsDropped;

    DataRaceRule(ThreadTree threads, SiteStacks siteStacks, UnmodelledSynchronization unmodelled) {
        this.threads = threads;
        this.siteStacks = siteStacks;
        this.unmodelled = unmodelled;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(RULE);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(DataRace.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        RaceEvent race = raceOf(event);
        siteStacks.sawRace(race);
        RaceEvent.Key key = race.key();
        ObservedRace observed = races.get(key);
        if (observed == null) {
            if (races.size() >= MAX_RACES) {
                eventsDropped++;
                return;
            }
            observed = new ObservedRace();
            races.put(key, observed);
        }
        observed.add(race);
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        Map<String, List<Shown>> byFingerprint = new LinkedHashMap<>();
        for (ObservedRace race : races.values()) {
            List<Location> locations = race.locations(threads, siteStacks);
            String fingerprint = Fingerprint.of(RULE, race.field(), locations);
            byFingerprint.computeIfAbsent(fingerprint, alike -> new ArrayList<>()).add(new Shown(race, locations));
        }
        byFingerprint.forEach((fingerprint, alike) -> report.addFinding(findingOf(fingerprint, alike)));
        if (eventsDropped > 0) {
            report.addNote(String.format(Locale.ROOT, "weft kept the first %,d data races and left out %,d reports of"
                    + " further ones, so some data races may be missing.", MAX_RACES, eventsDropped));
        }
    }

    private RaceEvent raceOf(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        List<Frame> stack = StackFrames.framesOf(event.getStackTrace());
        Frame site = new Frame(EventFields.text(event, DataRace.SITE_CLASS),
                EventFields.text(event, DataRace.SITE_METHOD), EventFields.line(event, DataRace.SITE_LINE));
        Frame earlierSite = new Frame(EventFields.text(event, DataRace.OTHER_SITE_CLASS),
                EventFields.text(event, DataRace.OTHER_SITE_METHOD), EventFields.line(event, DataRace.OTHER_SITE_LINE));
        String call = EventFields.text(event, DataRace.CALL);
        String otherCall = EventFields.text(event, DataRace.OTHER_CALL);
        String field = EventFields.text(event, DataRace.FIELD);
        return new RaceEvent(recording, event.getStartTime(), field,
                new RaceAccess(ObjectRaceHints.access(EventFields.text(event, DataRace.ACCESS), call), site),
                EventFields.threadName(thread), thread == null ? 0 : thread.getJavaThreadId(), stack,
                HeldLocks.parse(EventFields.text(event, DataRace.HELD_LOCKS)),
                new RaceAccess(ObjectRaceHints.access(EventFields.text(event, DataRace.OTHER_ACCESS), otherCall),
                        earlierSite),
                EventFields.text(event, DataRace.OTHER_THREAD), call != null || otherCall != null);
    }

    /**
     * The most frequent of races alike is shown (the earliest of equals); the count is of them all. A
     * warning, with a note, when synchronization weft does not model may order it.
     */
    private Finding findingOf(String fingerprint, List<Shown> alike) {
        Shown shown = alike.stream().min(MOST_FREQUENT_FIRST).orElseThrow();
        long count = alike.stream().mapToLong(race -> race.race().count()).sum();
        String field = shown.race().field();
        RaceEvent first = shown.race().first();
        String fixHint = first.objectCalls()
                ? ObjectRaceHints.fixHint(nameOf(field), ObjectRaceHints.classOf(field)) : fixHint(field);
        List<UnmodelledSynchronization.Use> uses = unmodelled.explaining(first.recording(), first.currentThread(),
                first.earlierThread(), List.of(first.current().site().className(), first.earlier().site().className()));
        if (uses.isEmpty()) {
            return new Finding(RULE, Severity.ERROR, field, message(field, shown.locations(), count, false),
                    fixHint, fingerprint, count, shown.locations());
        }
        return new Finding(RULE, Severity.WARNING, field, message(field, shown.locations(), count, true),
                fixHint, fingerprint, count, shown.locations(), List.of(unmodelledNote(uses)));
    }

    /**
     * In ThreadSanitizer's words: {@code data race on com.acme.Counter.count: write by thread "worker-2"
     * at Counter.increment(Counter.java:17) and read by thread "worker-1" at Counter.get(Counter.java:22),
     * not ordered by any synchronization (3 times)} — "by any synchronization weft models" when the
     * program used some that weft does not.
     */
    static String message(String field, List<Location> accesses, long count, boolean unmodelledUsed) {
        return "data race on " + nameOf(field) + ": " + describe(accesses.get(0)) + " and " + describe(accesses.get(1))
                + ", not ordered by any synchronization" + (unmodelledUsed ? " weft models" : "") + " ("
                + times(count) + ")";
    }

    /**
     * {@code this program synchronizes through VarHandle.releaseFence at Foo.publish(Foo.java:12), which
     * weft does not model; if that orders these accesses, this is not a race}: the first few
     * primitives and sites, each once.
     */
    static String unmodelledNote(List<UnmodelledSynchronization.Use> uses) {
        Set<String> places = new java.util.LinkedHashSet<>();
        for (UnmodelledSynchronization.Use use : uses) {
            places.add(use.primitive() + " at " + use.site().withoutPackage());
        }
        List<String> named = places.stream().limit(NOTED_PRIMITIVES).toList();
        String more = places.size() > named.size()
                ? String.format(Locale.ROOT, " and %,d more", places.size() - named.size()) : "";
        String list = named.size() == 1 ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + (more.isEmpty() ? " and " : ", ")
                        + named.get(named.size() - 1);
        boolean one = places.size() == 1;
        return "this program synchronizes through " + list + more + ", which weft does not model; if "
                + (one ? "that orders" : "they order") + " these accesses, this is not a race";
    }

    static String fixHint(String field) {
        if (isArrayElement(field)) {
            return "guard every access to " + field + " with one lock, or use an atomic array (AtomicIntegerArray,"
                    + " AtomicLongArray, AtomicReferenceArray) if its elements are independent values; a volatile"
                    + " array field does not make its elements volatile";
        }
        return "guard every access to " + nameOf(field) + " with one lock, or make it volatile/atomic if it is an"
                + " independent value";
    }

    /**
     * Whether the agent named an array's elements: {@code com.acme.Foo.data[]} (the field the array
     * was loaded from) or {@code int[] (element)} (only its type).
     */
    static boolean isArrayElement(String field) {
        return field != null && (field.endsWith("[]") || field.endsWith("[] (element)"));
    }

    private static String describe(Location access) {
        String thread = access.thread() == null ? "an unknown thread" : "thread \"" + access.thread() + "\"";
        return access.access() + " by " + thread + " at " + access.at().withoutPackage();
    }

    private static String nameOf(String field) {
        return field == null ? "a field" : field;
    }

    private static String times(long count) {
        return count == 1 ? "once" : String.format(Locale.ROOT, "%,d times", count);
    }

    /** A race with the locations it is shown with. */
    private record Shown(ObservedRace race, List<Location> locations) {
    }
}
