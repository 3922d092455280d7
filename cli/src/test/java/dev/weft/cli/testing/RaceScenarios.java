package dev.weft.cli.testing;

import dev.weft.runtime.TestRaceHooks;
import dev.weft.runtime.TestThreadHooks;
import java.util.concurrent.locks.ReentrantLock;
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

    public static final String DEPOSITOR = "depositor";
    public static final String AUDITOR = "auditor";
    public static final String TELLER = "teller";
    public static final String PUBLISHER = "publisher";
    public static final String SUBSCRIBER = "subscriber";
    public static final String BALANCE = Account.class.getName() + ".balance";
    public static final String MEMO = Account.class.getName() + ".memo";
    public static final String DATA = Handoff.class.getName() + ".data";

    private RaceScenarios() {
    }

    /** An account whose balance is changed under its lock and read without it. */
    public static final class Account {
        private final ReentrantLock lock = new ReentrantLock();
        private long balance;
        private String memo;

        void deposit(long amount) {
            lock.lock();
            TestRaceHooks.acquired(lock); // LOCK
            try {
                TestRaceHooks.write(this, BALANCE);
                balance += amount;
            } finally {
                TestRaceHooks.released(lock);
                lock.unlock();
            }
        }

        long peek() {
            TestRaceHooks.read(this, BALANCE);
            return balance;
        }

        void writeMemo(String text) {
            TestRaceHooks.write(this, MEMO);
            memo = text;
        }

        String readMemo() {
            TestRaceHooks.read(this, MEMO);
            return memo;
        }
    }

    /** Data handed over between threads; how it is ordered is up to the scenario. */
    public static final class Handoff {
        private int data;

        void publish(int value) {
            TestRaceHooks.write(this, DATA);
            data = value;
        }

        void publishThroughAFence(int value) {
            publish(value);
            TestRaceHooks.unmodelled("VarHandle.releaseFence"); // RELEASE
        }

        /** As with {@code Unsafe.putOrderedInt}, whose release weft does not model. */
        void publishOrdered(int value) {
            TestRaceHooks.unmodelled("Unsafe.putOrderedInt"); // ORDERED
            publish(value);
        }

        int read() {
            TestRaceHooks.read(this, DATA);
            return data;
        }

        int readAfterAFence() {
            TestRaceHooks.unmodelled("VarHandle.acquireFence"); // ACQUIRE
            return read();
        }
    }

    /**
     * "depositor" deposits under the account's lock and writes a memo; "auditor" reads both without
     * the lock (two races, told by the auditor). Then everything is ordered, and the depositor
     * deposits again: no race, but the deposit's site runs again and its stack is taken. The memo's
     * site never runs again.
     */
    public static void auditedWithoutTheLock() throws InterruptedException {
        Account account = new Account();
        try (NamedWorker depositor = new NamedWorker(DEPOSITOR); NamedWorker auditor = new NamedWorker(AUDITOR)) {
            depositor.run(() -> {
                account.deposit(10);
                account.writeMemo("first");
            });
            auditor.run(() -> {
                account.peek();
                account.readMemo();
            });
            TestRaceHooks.orderEverything();
            depositor.run(() -> account.deposit(20));
        }
    }

    /**
     * "depositor" deposits, "auditor" peeks without the lock (the race told), then "teller" deposits
     * too: it races with the depositor's deposit, so a stack of the deposit's site is seen, by the
     * teller, in another race.
     */
    public static void auditedThenDepositedByATeller() throws InterruptedException {
        Account account = new Account();
        try (NamedWorker depositor = new NamedWorker(DEPOSITOR); NamedWorker auditor = new NamedWorker(AUDITOR);
             NamedWorker teller = new NamedWorker(TELLER)) {
            depositor.run(() -> account.deposit(10));
            auditor.run(account::peek);
            teller.run(() -> account.deposit(5));
        }
    }

    /** "publisher" writes and releases through a fence, "subscriber" acquires through one and reads. */
    public static void handedOverThroughFences() throws InterruptedException {
        Handoff handoff = new Handoff();
        try (NamedWorker publisher = new NamedWorker(PUBLISHER);
             NamedWorker subscriber = new NamedWorker(SUBSCRIBER)) {
            subscriber.run(() -> TestRaceHooks.unmodelled("Thread.onSpinWait")); // SPIN
            publisher.run(() -> handoff.publishThroughAFence(42));
            subscriber.run(handoff::readAfterAFence);
        }
    }

    /** Only the publisher synchronizes through something unmodelled, in the class of its access. */
    public static void publishedOrderedReadPlainly() throws InterruptedException {
        Handoff handoff = new Handoff();
        try (NamedWorker publisher = new NamedWorker(PUBLISHER);
             NamedWorker subscriber = new NamedWorker(SUBSCRIBER)) {
            publisher.run(() -> handoff.publishOrdered(42));
            subscriber.run(handoff::read);
        }
    }

    /** Only the subscriber spins, in a class that has nothing to do with the data: no excuse for the race. */
    public static void publishedWhileAnUnrelatedClassSpins() throws InterruptedException {
        Handoff handoff = new Handoff();
        try (NamedWorker publisher = new NamedWorker(PUBLISHER);
             NamedWorker subscriber = new NamedWorker(SUBSCRIBER)) {
            subscriber.run(Backoff::spin);
            publisher.run(() -> handoff.publish(42));
            subscriber.run(handoff::read);
        }
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
