package dev.weft.cli.testing;

import dev.weft.runtime.TestRaceHooks;
import dev.weft.runtime.TestThreadHooks;
import org.h2.weftfixture.PageCache;

/**
 * Data races for tests to record: real threads that take turns reading and writing a field with
 * nothing to order them, reported by {@link TestRaceHooks} as the agent would report them.
 */
public final class RaceScenarios {
    public static final String READER = "worker-1";
    public static final String WRITER = "worker-2";
    public static final String COUNT = Counter.class.getName() + ".count";
    public static final String TOTAL = Counter.class.getName() + ".total";

    private RaceScenarios() {
    }

    /** A counter that is not thread-safe, with two fields for two races. */
    public static final class Counter {
        private int count;
        private long total;

        void increment() {
            TestRaceHooks.write(this, COUNT);
            count++;
        }

        int get() {
            TestRaceHooks.read(this, COUNT);
            return count;
        }

        void add(long amount) {
            TestRaceHooks.write(this, TOTAL);
            total += amount;
        }

        long total() {
            TestRaceHooks.read(this, TOTAL);
            return total;
        }
    }

    /**
     * {@code rounds} times, "worker-1" reads the count and then "worker-2" increments it. Every turn
     * but the first races with the one before, told by whichever thread came second: the writer's
     * write against the reader's read first, then each way in turn, {@code 2 * rounds - 1} reports.
     */
    public static void countReadAndIncremented(int rounds) throws InterruptedException {
        Counter counter = new Counter();
        try (NamedWorker reader = new NamedWorker(READER); NamedWorker writer = new NamedWorker(WRITER)) {
            for (int round = 0; round < rounds; round++) {
                reader.run(counter::get);
                writer.run(counter::increment);
            }
        }
    }

    /** The count race once each way, and the same between the total's reader and writer: two fields. */
    public static void countAndTotalRaced() throws InterruptedException {
        Counter counter = new Counter();
        try (NamedWorker reader = new NamedWorker(READER); NamedWorker writer = new NamedWorker(WRITER)) {
            reader.run(counter::get);
            writer.run(counter::increment);
            reader.run(counter::total);
            writer.run(() -> counter.add(2));
        }
    }

    /** A race wholly inside a dependency's code: a library's page cache read and written by two threads. */
    public static void raceInADependency() throws InterruptedException {
        PageCache cache = new PageCache();
        try (NamedWorker reader = new NamedWorker(READER); NamedWorker writer = new NamedWorker(WRITER)) {
            reader.run(cache::size);
            writer.run(cache::evict);
        }
    }

    /**
     * The count race after another thread named like the reader was started elsewhere and ended:
     * the reader's name no longer tells where it was started.
     */
    public static void countRacedAfterANamesakeOfTheReader() throws InterruptedException {
        Thread namesake = new Thread(() -> { }, READER);
        namesake.start();
        TestThreadHooks.started(namesake);
        namesake.join();
        countReadAndIncremented(2);
    }

    /** A cache whose map is not thread-safe, for races on an object rather than a field. */
    public static final class Cache {
        private final java.util.Map<String, String> entries = new java.util.HashMap<>();

        void store(String key) {
            TestRaceHooks.call(entries, ENTRIES, "java.util.Map.put", true);
            entries.put(key, key);
        }

        String load(String key) {
            TestRaceHooks.call(entries, ENTRIES, "java.util.Map.get", false);
            return entries.get(key);
        }
    }

    /** How the agent names the cache's map: the field it was loaded from, and its class. */
    public static final String ENTRIES = Cache.class.getName() + ".entries (java.util.HashMap)";

    /** "worker-1" reads the cache's map, then "worker-2" puts into it: one race on the map, told once. */
    public static void cacheReadAndStored() throws InterruptedException {
        Cache cache = new Cache();
        try (NamedWorker reader = new NamedWorker(READER); NamedWorker writer = new NamedWorker(WRITER)) {
            reader.run(() -> cache.load("k"));
            writer.run(() -> cache.store("k"));
        }
    }

    /** Threads that share nothing: a recording with race detection and no race. */
    public static void nothingShared() throws InterruptedException {
        try (NamedWorker worker = new NamedWorker(READER)) {
            worker.run(() -> new Counter().increment());
        }
    }
}
