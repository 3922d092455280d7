package com.acme.it.races;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Array elements shared between threads, correctly and not. {@code ArrayRaces correct} runs the
 * programs that must yield no race, {@code ArrayRaces racy} the ones that race; each case's code
 * lives in methods named {@code <case>Correct} / {@code <case>Racy}, so a race's site names its case.
 */
public final class ArrayRaces {
    private static final Map<String, Body> CORRECT = new LinkedHashMap<>();
    private static final Map<String, Body> RACY = new LinkedHashMap<>();

    interface Body {
        void run() throws Exception;
    }

    static {
        CORRECT.put("disjointHalves", ArrayRaces::disjointHalvesCorrect);
        CORRECT.put("interleavedElements", ArrayRaces::interleavedElementsCorrect);
        CORRECT.put("neighbourElements", ArrayRaces::neighbourElementsCorrect);
        CORRECT.put("volatilePublish", ArrayRaces::volatilePublishCorrect);
        CORRECT.put("queuePublish", ArrayRaces::queuePublishCorrect);
        CORRECT.put("startPublish", ArrayRaces::startPublishCorrect);
        CORRECT.put("lockGuarded", ArrayRaces::lockGuardedCorrect);
        CORRECT.put("threadLocalHotLoop", ArrayRaces::threadLocalHotLoopCorrect);
        CORRECT.put("sharedReadOnlyRows", ArrayRaces::sharedReadOnlyRowsCorrect);
        CORRECT.put("lockedSweeps", ArrayRaces::lockedSweepsCorrect);
        CORRECT.put("handedOverSweeps", ArrayRaces::handedOverSweepsCorrect);
        CORRECT.put("requestHandOff", ArrayRaces::requestHandOffCorrect);
        CORRECT.put("readMostlyTable", ArrayRaces::readMostlyTableCorrect);

        RACY.put("counter", ArrayRaces::counterRacy);
        RACY.put("writerReader", ArrayRaces::writerReaderRacy);
        RACY.put("objectSlots", ArrayRaces::objectSlotsRacy);
        RACY.put("parameter", ArrayRaces::parameterRacy);
        RACY.put("gridCell", ArrayRaces::gridCellRacy);
        RACY.put("sweeps", ArrayRaces::sweepsRacy);
        RACY.put("lateWriter", ArrayRaces::lateWriterRacy);
        RACY.put("readMostlyTable", ArrayRaces::readMostlyTableRacy);
    }

    /** The shared arrays, as fields, so that races name them: {@code com.acme.it.races.ArrayRaces$Shared.counts[]}. */
    static final class Shared {
        int[] counts = new int[4];
        long[] totals = new long[16];
        Object[] slots = new Object[8];
        int[][] grid = new int[3][3];
        volatile int[] published;
        double[] halves = new double[1000];
        double[] sweep = new double[256];
        double[] rates = new double[16];
    }

    public static void main(String[] args) throws Exception {
        Map<String, Body> cases = args[0].equals("racy") ? RACY : CORRECT;
        List<String> ran = new ArrayList<>();
        for (Map.Entry<String, Body> entry : cases.entrySet()) {
            if (args.length < 2 || args[1].equals(entry.getKey())) {
                entry.getValue().run();
                ran.add(entry.getKey());
            }
        }
        System.out.println(String.join(",", ran));
    }

    /** The cases with a racy program. */
    public static List<String> racyCases() {
        return new ArrayList<>(RACY.keySet());
    }

    private static Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        thread.start();
        return thread;
    }

    private static void joinAll(Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    // ---- correct ------------------------------------------------------------------------------

    /** Two threads fill disjoint halves of one array, over and over; the joiner reads it all. */
    static void disjointHalvesCorrect() throws Exception {
        Shared shared = new Shared();
        int half = shared.halves.length / 2;
        Thread low = start("halves-low", () -> fillHalvesCorrect(shared, 0, half));
        Thread high = start("halves-high", () -> fillHalvesCorrect(shared, half, shared.halves.length));
        joinAll(low, high);
        double sum = 0;
        for (double value : shared.halves) {
            sum += value;
        }
        shared.halves[0] = sum;
    }

    static void fillHalvesCorrect(Shared shared, int from, int to) {
        for (int round = 0; round < 200; round++) {
            for (int i = from; i < to; i++) {
                shared.halves[i] = shared.halves[i] + i * round;
            }
        }
    }

    /** Even and odd elements, two threads: every range of the array is shared, no element is. */
    static void interleavedElementsCorrect() throws Exception {
        int[] numbers = new int[300];
        Thread even = start("elements-even", () -> strideCorrect(numbers, 0));
        Thread odd = start("elements-odd", () -> strideCorrect(numbers, 1));
        joinAll(even, odd);
        numbers[0] += numbers[1];
    }

    static void strideCorrect(int[] numbers, int first) {
        for (int round = 0; round < 300; round++) {
            for (int i = first; i < numbers.length; i += 2) {
                numbers[i]++;
            }
        }
    }

    /** A small array, one element per thread, each thread hammering its own. */
    static void neighbourElementsCorrect() throws Exception {
        Shared shared = new Shared();
        Thread first = start("neighbour-0", () -> bumpOwnCorrect(shared, 0));
        Thread second = start("neighbour-1", () -> bumpOwnCorrect(shared, 1));
        Thread third = start("neighbour-2", () -> {
            for (int i = 0; i < 20_000; i++) {
                shared.slots[2] = Integer.valueOf(i);
            }
        });
        joinAll(first, second, third);
        shared.counts[3] = shared.counts[0] + shared.counts[1];
    }

    static void bumpOwnCorrect(Shared shared, int index) {
        for (int i = 0; i < 20_000; i++) {
            shared.counts[index]++;
            shared.totals[index] += i;
        }
    }

    /** Filled, then published through a volatile field; the reader reads and writes it afterwards. */
    static void volatilePublishCorrect() throws Exception {
        Shared shared = new Shared();
        Thread reader = start("volatile-reader", () -> {
            int[] seen;
            while ((seen = shared.published) == null) {
                Thread.onSpinWait();
            }
            int sum = 0;
            for (int value : seen) {
                sum += value;
            }
            seen[0] = sum;
        });
        int[] data = new int[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        shared.published = data;
        reader.join();
        data[1] = data[0];
    }

    /** Buffers filled by a producer, handed over a queue, read and recycled by the consumer. */
    static void queuePublishCorrect() throws Exception {
        BlockingQueue<long[]> full = new ArrayBlockingQueue<>(4);
        BlockingQueue<long[]> empty = new ArrayBlockingQueue<>(4);
        for (int i = 0; i < 2; i++) {
            empty.put(new long[64]);
        }
        Thread consumer = start("queue-consumer", () -> {
            for (int n = 0; n < 200; n++) {
                long[] buffer = full.take();
                long sum = 0;
                for (int i = 0; i < buffer.length; i++) {
                    sum += buffer[i];
                    buffer[i] = 0;
                }
                buffer[0] = sum;
                empty.put(buffer);
            }
        });
        for (int n = 0; n < 200; n++) {
            long[] buffer = empty.take();
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = n + i;
            }
            full.put(buffer);
        }
        consumer.join();
    }

    /** Filled before the thread that reads it starts; written again after it is joined. */
    static void startPublishCorrect() throws Exception {
        char[] text = "hello, arrays".toCharArray();
        String[] words = new String[] {"a", "b", "c"};
        words[1] = "B";
        Thread reader = start("start-reader", () -> {
            int letters = 0;
            for (char c : text) {
                letters += Character.isLetter(c) ? 1 : 0;
            }
            text[0] = (char) ('a' + letters % 26);
            words[2] = words[0] + words[1];
        });
        reader.join();
        text[1] = text[0];
        words[0] = words[2];
    }

    /** Every access under one lock. */
    static void lockGuardedCorrect() throws Exception {
        Shared shared = new Shared();
        Object lock = new Object();
        Body add = () -> {
            for (int i = 0; i < 2_000; i++) {
                synchronized (lock) {
                    shared.totals[i % 3] += i;
                    shared.slots[i % 2] = shared.slots[(i + 1) % 2];
                    shared.counts[0]++;
                }
            }
        };
        Thread first = start("guarded-1", add);
        Thread second = start("guarded-2", add);
        joinAll(first, second);
    }

    /** Each thread's own array in a hot loop. */
    static void threadLocalHotLoopCorrect() throws Exception {
        Body work = () -> {
            double[] own = new double[512];
            for (int round = 0; round < 2_000; round++) {
                for (int i = 1; i < own.length; i++) {
                    own[i] = own[i - 1] * 0.5 + round;
                }
            }
            if (own[1] < 0) {
                throw new IllegalStateException();
            }
        };
        Thread first = start("local-1", work);
        Thread second = start("local-2", work);
        joinAll(first, second);
    }

    /** A matrix built before the threads start, read by both, each writing its own row. */
    static void sharedReadOnlyRowsCorrect() throws Exception {
        Shared shared = new Shared();
        int[][] input = new int[8][64];
        for (int[] row : input) {
            for (int j = 0; j < row.length; j++) {
                row[j] = j;
            }
        }
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int own = t;
            threads[t] = start("rows-" + t, () -> {
                for (int round = 0; round < 100; round++) {
                    for (int j = 0; j < 3; j++) {
                        shared.grid[own][j] = input[own][j] + input[own + 1][j] + input[7][j];
                    }
                }
            });
        }
        joinAll(threads);
        shared.grid[2][0] = shared.grid[0][0] + shared.grid[1][0];
    }

    /**
     * Sweeps over one array — loops with no synchronization inside, whose checks weft hoists to the
     * loop's head once the thread has checked the array in its current epoch — taken in turns
     * under a lock: every turn is a new epoch, so each sweep's head finds the array unchecked.
     */
    static void lockedSweepsCorrect() throws Exception {
        double[] data = new Shared().sweep;
        Object lock = new Object();
        Body sweeps = () -> {
            for (int turn = 0; turn < 300; turn++) {
                synchronized (lock) {
                    sweepCorrect(data, turn);
                    sweepCorrect(data, turn + 1);
                }
            }
        };
        joinAll(start("locked-sweeps-1", sweeps), start("locked-sweeps-2", sweeps));
    }

    static void sweepCorrect(double[] data, int turn) {
        for (int i = 0; i < data.length; i++) {
            data[i] = data[i] * 0.5 + turn;
        }
    }

    /** Sweeps handed back and forth over a queue: each thread's sweeps are ordered after the other's. */
    static void handedOverSweepsCorrect() throws Exception {
        BlockingQueue<double[]> toWorker = new ArrayBlockingQueue<>(1);
        BlockingQueue<double[]> back = new ArrayBlockingQueue<>(1);
        Thread worker = start("sweep-worker", () -> {
            for (int turn = 0; turn < 200; turn++) {
                double[] data = toWorker.take();
                sweepCorrect(data, turn);
                sweepCorrect(data, -turn);
                back.put(data);
            }
        });
        double[] data = new Shared().sweep;
        for (int turn = 0; turn < 200; turn++) {
            sweepCorrect(data, turn);
            toWorker.put(data);
            data = back.take();
            sweepCorrect(data, turn);
        }
        worker.join();
    }

    /**
     * The server shape: a listener fills a fresh request array per request (element stores after the
     * array is in a local, so they are checked) and hands it over a queue; workers read it, write a
     * reply into it and hand it back over another queue, where the listener reads the reply.
     */
    static void requestHandOffCorrect() throws Exception {
        BlockingQueue<int[]> requests = new ArrayBlockingQueue<>(16);
        BlockingQueue<int[]> replies = new ArrayBlockingQueue<>(16);
        int count = 4_000;
        Body worker = () -> {
            for (int n = 0; n < count / 2; n++) {
                int[] request = requests.take();
                request[2] = request[0] + request[1];
                replies.put(request);
            }
        };
        Thread first = start("request-worker-1", worker);
        Thread second = start("request-worker-2", worker);
        long sum = 0;
        for (int n = 0; n < count; n++) {
            int[] request = new int[3];
            request[0] = n;
            request[1] = n % 7;
            requests.put(request);
            if (n >= 8) {
                sum += replies.take()[2];
            }
        }
        for (int n = 0; n < 8; n++) {
            sum += replies.take()[2];
        }
        joinAll(first, second);
        if (sum < 0) {
            throw new IllegalStateException();
        }
    }

    /**
     * A table written before the readers start, then read by two threads in every step (each step
     * ends with a monitor release of the reader's own, a new epoch) and written now and then under a
     * write lock that the readers' reads take too: read-mostly, shared, never racing.
     */
    static void readMostlyTableCorrect() throws Exception {
        Shared shared = new Shared();
        for (int i = 0; i < shared.rates.length; i++) {
            shared.rates[i] = 1.0 + i;
        }
        java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
        Body reader = () -> {
            Object own = new Object();
            double total = 0;
            for (int step = 0; step < 20_000; step++) {
                lock.readLock().lock();
                try {
                    total += shared.rates[step & 15];
                } finally {
                    lock.readLock().unlock();
                }
                if ((step & 1023) == 0) {
                    lock.writeLock().lock();
                    try {
                        shared.rates[step & 15] = 1.0 + (shared.rates[step & 15] % 0.5);
                    } finally {
                        lock.writeLock().unlock();
                    }
                }
                synchronized (own) {
                    total *= 0.5;
                }
            }
            if (total < 0) {
                throw new IllegalStateException();
            }
        };
        Thread first = start("table-reader-1", reader);
        Thread second = start("table-reader-2", reader);
        joinAll(first, second);
    }

    // ---- racy ---------------------------------------------------------------------------------

    /** Two threads increment {@code counts[0]} without synchronization. */
    static void counterRacy() throws Exception {
        Shared shared = new Shared();
        Body increment = () -> {
            for (int i = 0; i < 10_000; i++) {
                shared.counts[0]++;
            }
        };
        joinAll(start("counter-1", increment), start("counter-2", increment));
    }

    /**
     * One write and one read of one element, once each, the read after the write in time but not
     * ordered after it: the thread state says the writer ended, which is no synchronization.
     */
    static void writerReaderRacy() throws Exception {
        Shared shared = new Shared();
        long[] totals = shared.totals;
        Thread writer = start("element-writer", () -> totals[5] = 42L);
        while (writer.getState() != Thread.State.TERMINATED) {
            Thread.sleep(5);
        }
        long seen = shared.totals[5];
        writer.join();
        if (seen != 42L && seen != 0L) {
            throw new IllegalStateException();
        }
    }

    /** An {@code Object[]} slot stored by one thread and loaded by another. */
    static void objectSlotsRacy() throws Exception {
        Shared shared = new Shared();
        Thread writer = start("slot-writer", () -> {
            for (int i = 0; i < 5_000; i++) {
                shared.slots[3] = Integer.valueOf(i);
            }
        });
        Thread reader = start("slot-reader", () -> {
            int nonNull = 0;
            for (int i = 0; i < 5_000; i++) {
                nonNull += shared.slots[3] == null ? 0 : 1;
            }
            shared.counts[2] = nonNull; // its own element, written by nobody else
        });
        joinAll(writer, reader);
    }

    /** An array reached only through a parameter: named by its type. */
    static void parameterRacy() throws Exception {
        short[] marks = new short[10];
        Thread first = start("parameter-1", () -> parameterRacyMark(marks));
        Thread second = start("parameter-2", () -> parameterRacyMark(marks));
        joinAll(first, second);
    }

    static void parameterRacyMark(short[] marks) {
        for (int i = 0; i < 5_000; i++) {
            marks[7] = (short) (marks[7] + 1);
        }
    }

    /** Two threads sweep one array at once, one writing, one reading, with no synchronization at all. */
    static void sweepsRacy() throws Exception {
        double[] data = new Shared().sweep;
        Thread writer = start("sweep-writer", () -> {
            for (int turn = 0; turn < 2_000; turn++) {
                sweepsRacyWrite(data, turn);
            }
        });
        Thread reader = start("sweep-reader", () -> {
            double sum = 0;
            for (int turn = 0; turn < 2_000; turn++) {
                sum += sweepsRacyRead(data);
            }
            if (Double.isNaN(sum)) {
                throw new IllegalStateException();
            }
        });
        joinAll(writer, reader);
    }

    static void sweepsRacyWrite(double[] data, int turn) {
        for (int i = 0; i < data.length; i++) {
            data[i] = turn;
        }
    }

    static double sweepsRacyRead(double[] data) {
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i];
        }
        return sum;
    }

    /**
     * A thread sweeps an array over and over in one epoch (after its first sweep, its sweeps skip
     * their checks at the loop's head); a thread it started writes one element meanwhile, ordered
     * after the first sweep only. The write is no race with what the sweeper's coarse check
     * remembered (another element): it refines the array, and the sweeper's next sweep is checked
     * element by element again and finds the race. The sweeper watches the writer's state, which
     * orders nothing.
     */
    static void lateWriterRacy() throws Exception {
        double[] data = new Shared().sweep;
        Thread sweeper = start("late-sweeper", () -> {
            double sum = lateWriterRacySweep(data);
            Thread writer = start("late-writer", () -> data[128] = 1.0);
            while (writer.getState() != Thread.State.TERMINATED) {
                sum += lateWriterRacySweep(data);
            }
            sum += lateWriterRacySweep(data);
            writer.join();
            if (Double.isNaN(sum)) {
                throw new IllegalStateException();
            }
        });
        sweeper.join();
    }

    static double lateWriterRacySweep(double[] data) {
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i];
        }
        return sum;
    }

    /** One cell of a row of {@code grid}, written by two threads. */
    static void gridCellRacy() throws Exception {
        Shared shared = new Shared();
        Body write = () -> {
            for (int i = 0; i < 5_000; i++) {
                shared.grid[1][2] = i;
            }
        };
        joinAll(start("grid-1", write), start("grid-2", write));
    }

    /**
     * A table read by two threads in every step (each step a new epoch: a monitor of their own),
     * and written once, while they read, by a third thread without any synchronization: the write
     * races with the reads of that element before it, and the reads after it race with the write.
     */
    static void readMostlyTableRacy() throws Exception {
        Shared shared = new Shared();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Body reader = () -> {
            Object own = new Object();
            double total = 0;
            while (!done.get()) {
                total += shared.rates[3];
                synchronized (own) {
                    total *= 0.5;
                }
            }
            if (total < 0) {
                throw new IllegalStateException();
            }
        };
        Thread first = start("rates-reader-1", reader);
        Thread second = start("rates-reader-2", reader);
        Thread.sleep(100);
        Thread writer = new Thread(() -> shared.rates[3] = 2.0, "rates-writer");
        writer.start();
        while (writer.getState() != Thread.State.TERMINATED) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        done.set(true);
        joinAll(first, second, writer);
    }
}
