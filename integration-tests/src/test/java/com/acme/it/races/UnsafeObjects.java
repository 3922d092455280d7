package com.acme.it.races;

import java.text.FieldPosition;
import java.text.SimpleDateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Objects of JDK classes that are not thread-safe, shared between threads: correctly (published
 * before read-only use, guarded by one lock, confined to a thread) and racily (two threads calling
 * them, at least one call mutating, with nothing ordering them). {@code UnsafeObjects correct} runs
 * the correct programs and prints what they computed (the same with and without weft);
 * {@code UnsafeObjects racy} runs the racy ones. Each program lives in methods named
 * {@code <name>Correct} / {@code <name>Racy}; the calls of the racy ones are tagged {@code SITE:}.
 */
public final class UnsafeObjects {
    private static final Map<String, Body> CORRECT = new LinkedHashMap<>();
    private static final Map<String, Body> RACY = new LinkedHashMap<>();

    interface Body {
        String run() throws Exception;
    }

    static {
        CORRECT.put("publishedByStart", UnsafeObjects::publishedByStartCorrect);
        CORRECT.put("publishedByVolatile", UnsafeObjects::publishedByVolatileCorrect);
        CORRECT.put("publishedByQueue", UnsafeObjects::publishedByQueueCorrect);
        CORRECT.put("lockedList", UnsafeObjects::lockedListCorrect);
        CORRECT.put("confinedBuilder", UnsafeObjects::confinedBuilderCorrect);
        CORRECT.put("formatPerThread", UnsafeObjects::formatPerThreadCorrect);
        CORRECT.put("handedOverByExecutor", UnsafeObjects::handedOverByExecutorCorrect);
        CORRECT.put("threadSafeKinds", UnsafeObjects::threadSafeKindsCorrect);
        CORRECT.put("callShapes", UnsafeObjects::callShapesCorrect);
        RACY.put("mapPut", UnsafeObjects::mapPutRacy);
        RACY.put("listAddGet", UnsafeObjects::listAddGetRacy);
        RACY.put("sharedFormat", UnsafeObjects::sharedFormatRacy);
        RACY.put("sharedBuilder", UnsafeObjects::sharedBuilderRacy);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Body> programs = args[0].equals("racy") ? RACY : CORRECT;
        for (Map.Entry<String, Body> program : programs.entrySet()) {
            if (args.length < 2 || args[1].equals(program.getKey())) {
                System.out.println(program.getKey() + ": " + program.getValue().run());
            }
        }
    }

    /** The racy programs' names. */
    public static List<String> racyPrograms() {
        return new ArrayList<>(RACY.keySet());
    }

    // ---- helpers ------------------------------------------------------------------------------

    interface Task {
        void run() throws Exception;
    }

    private static Thread start(String name, Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
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

    /** A price list: a map filled once, then only read. */
    static final class PriceList {
        final Map<String, Integer> prices = new HashMap<>();
        volatile Map<String, Integer> published;

        void fill() {
            for (int i = 0; i < 100; i++) {
                prices.put("item" + i, i * 10);
            }
        }

        int total(Map<String, Integer> map) {
            int total = 0;
            for (int i = 0; i < 100; i++) {
                if (map.containsKey("item" + i)) {
                    total += map.get("item" + i);
                }
            }
            return total + map.size();
        }
    }

    // ---- correct programs -----------------------------------------------------------------------

    /** A map filled before the readers start, then only read by all of them at once. */
    static String publishedByStartCorrect() throws Exception {
        PriceList list = new PriceList();
        list.fill();
        int[] totals = new int[4];
        Thread[] readers = new Thread[totals.length];
        for (int r = 0; r < readers.length; r++) {
            int index = r;
            readers[r] = start("reader-" + r, () -> {
                totals[index] = list.total(list.prices);
                list.prices.forEach((key, value) -> totals[index] += value > 990 ? 1 : 0);
            });
        }
        joinAll(readers);
        return String.valueOf(totals[0] + totals[1] + totals[2] + totals[3]);
    }

    /** A map filled, then published through a volatile field to readers already running. */
    static String publishedByVolatileCorrect() throws Exception {
        PriceList list = new PriceList();
        int[] totals = new int[2];
        Thread[] readers = new Thread[totals.length];
        for (int r = 0; r < readers.length; r++) {
            int index = r;
            readers[r] = start("reader-" + r, () -> {
                Map<String, Integer> map;
                while ((map = list.published) == null) {
                    Thread.onSpinWait();
                }
                totals[index] = list.total(map);
            });
        }
        Map<String, Integer> prices = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            prices.put("item" + i, i);
        }
        list.published = prices;
        joinAll(readers);
        return totals[0] + "," + totals[1];
    }

    /** A list filled, then handed to a consumer through a blocking queue; the producer no longer touches it. */
    static String publishedByQueueCorrect() throws Exception {
        BlockingQueue<List<Integer>> queue = new ArrayBlockingQueue<>(4);
        long[] sum = new long[1];
        Thread consumer = start("consumer", () -> {
            for (int batch = 0; batch < 10; batch++) {
                List<Integer> numbers = queue.take();
                for (int i = 0; i < numbers.size(); i++) {
                    sum[0] += numbers.get(i);
                }
            }
        });
        for (int batch = 0; batch < 10; batch++) {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                numbers.add(batch * i);
            }
            queue.put(numbers);
        }
        joinAll(consumer);
        return String.valueOf(sum[0]);
    }

    /** An ArrayList that every thread only calls while holding the list's one lock. */
    static String lockedListCorrect() throws Exception {
        List<Integer> shared = new ArrayList<>();
        Object lock = new Object();
        Thread[] writers = new Thread[3];
        for (int w = 0; w < writers.length; w++) {
            int base = w * 1000;
            writers[w] = start("writer-" + w, () -> {
                for (int i = 0; i < 200; i++) {
                    synchronized (lock) {
                        shared.add(base + i);
                        if (shared.size() > 100) {
                            shared.remove(0);
                        }
                    }
                }
            });
        }
        Thread reader = start("reader", () -> {
            for (int i = 0; i < 200; i++) {
                synchronized (lock) {
                    if (!shared.isEmpty()) {
                        shared.get(shared.size() - 1);
                    }
                }
            }
        });
        joinAll(writers);
        joinAll(reader);
        synchronized (lock) {
            return String.valueOf(shared.size());
        }
    }

    /** Each thread builds its own strings. */
    static String confinedBuilderCorrect() throws Exception {
        String[] built = new String[3];
        Thread[] builders = new Thread[built.length];
        for (int b = 0; b < builders.length; b++) {
            int index = b;
            builders[b] = start("builder-" + b, () -> {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    text.append(i % 10);
                    if (text.length() > 50) {
                        text.setLength(10);
                    }
                }
                built[index] = new StringBuilder().append(text.length()).append(':').append(text).toString();
            });
        }
        joinAll(builders);
        return String.join(",", built);
    }

    private static final ThreadLocal<SimpleDateFormat> FORMAT_PER_THREAD = ThreadLocal.withInitial(() -> {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    });

    /** A SimpleDateFormat per thread. */
    static String formatPerThreadCorrect() throws Exception {
        String[] formatted = new String[3];
        Thread[] threads = new Thread[formatted.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = start("formatter-" + t, () -> {
                SimpleDateFormat format = FORMAT_PER_THREAD.get();
                String text = "";
                for (int i = 0; i < 100; i++) {
                    text = format.format(new Date(86_400_000L * (i + index)));
                    format.parse(text);
                }
                formatted[index] = text;
            });
        }
        joinAll(threads);
        return String.join(",", formatted);
    }

    /** A list built in a task and read by the submitter after {@code Future.get}. */
    static String handedOverByExecutorCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                int base = task;
                futures.add(pool.submit(() -> {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        names.add("n" + (base * 10 + i));
                    }
                    return names;
                }));
            }
            int total = 0;
            for (Future<List<String>> future : futures) {
                List<String> names = future.get();
                names.add("done");
                total += names.size();
            }
            return String.valueOf(total);
        } finally {
            pool.shutdown();
        }
    }

    /** Thread-safe kinds called by threads at once: concurrent and synchronized collections, StringBuffer. */
    static String threadSafeKindsCorrect() throws Exception {
        Map<Integer, Integer> concurrent = new ConcurrentHashMap<>();
        Map<Integer, Integer> synchronizedMap = Collections.synchronizedMap(new HashMap<>());
        List<Integer> synchronizedList = Collections.synchronizedList(new ArrayList<>());
        StringBuffer buffer = new StringBuffer();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 100;
            threads[t] = start("safe-" + t, () -> {
                for (int i = 0; i < 100; i++) {
                    concurrent.merge(i % 10, 1, Integer::sum);
                    synchronizedMap.put(base + i, i);
                    synchronizedList.add(i);
                    buffer.append('x');
                }
            });
        }
        joinAll(threads);
        return concurrent.get(3) + "," + synchronizedMap.size() + "," + synchronizedList.size() + "," + buffer.length();
    }

    /**
     * Calls of every shape weft rewrites, on one thread: receivers from fields, locals, calls and
     * conditionals, with no, one, wide and several arguments (longs and doubles among them), chained,
     * in loops, handlers and constructors. What they compute must not change under weft.
     */
    static String callShapesCorrect() throws Exception {
        Shapes shapes = new Shapes(new HashMap<>(Map.of("seed", 7)));
        return shapes.run();
    }

    static final class Shapes extends ArrayList<Long> {
        private final Map<String, Integer> counts;
        private final StringBuilder text = new StringBuilder();
        private final ArrayDeque<Double> deque = new ArrayDeque<>();

        Shapes(Map<String, Integer> counts) {
            super(counts.size() + counts.get("seed")); // calls before super(): arguments of the constructor
            this.counts = counts;
        }

        String run() throws Exception {
            counts.put("a", 1);
            counts.merge("a", 41, Integer::sum);
            counts.computeIfAbsent("b", key -> key.length() * 2);
            boolean flag = counts.size() > 2;
            (flag ? counts : new HashMap<String, Integer>()).put("c", 3);
            own().putIfAbsent("d", 4);
            text.append(1L).append(' ').append(2.5d).append(',').append(3.5f).append(true);
            text.insert(0, 9.75d).insert(0, 11L).insert(2, new char[] {'x', 'y', 'z'}, 1, 2);
            text.setCharAt(0, '#');
            text.replace(1, 2, "R");
            long total = 0;
            for (long i = 0; i < 5; i++) {
                add(i * 3);
                add(0, i);
                total += get((int) i);
                deque.offerFirst(i * 0.5d);
                deque.addLast((double) i);
            }
            set(0, total);
            try {
                counts.put(null == text ? "never" : "e", Integer.parseInt("x"));
            } catch (NumberFormatException e) {
                counts.put("e", text.length());
            }
            StringBuffer buffer = new StringBuffer();
            SimpleDateFormat format = new SimpleDateFormat("yyyy");
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
            format.format(new Date(0L), buffer, new FieldPosition(0));
            text.append(buffer).append(new StringBuilder("-").append(2L).append(3.0d).reverse());
            return new TreeMap<>(counts) + "|" + text + "|" + this + "|" + deque + "|" + deque.pollLast();
        }

        private Map<String, Integer> own() {
            return counts;
        }
    }

    // ---- racy programs ------------------------------------------------------------------------

    /** A stock map that two threads fill at once. */
    static final class Inventory {
        final Map<String, Integer> stock = new HashMap<>();

        void receive(String item, int quantity) {
            stock.put(item, quantity); // SITE:mapPut
        }
    }

    static String mapPutRacy() throws Exception {
        Inventory inventory = new Inventory();
        Thread first = start("stock-1", () -> inventory.receive("apples", 1));
        Thread second = start("stock-2", () -> inventory.receive("pears", 2));
        joinAll(first, second);
        return String.valueOf(inventory.stock.size());
    }

    /** A list one thread adds to while another reads it. */
    static String listAddGetRacy() throws Exception {
        List<Integer> numbers = new ArrayList<>();
        Thread writer = start("adder", () -> {
            for (int i = 0; i < 50; i++) {
                numbers.add(i); // SITE:listAdd
            }
        });
        Thread reader = start("getter", () -> {
            int seen = 0;
            for (int i = 0; i < 50; i++) {
                seen += numbers.isEmpty() ? 0 : numbers.get(0); // SITE:listGet
            }
        });
        joinAll(writer, reader);
        return String.valueOf(numbers.size());
    }

    static final SimpleDateFormat SHARED_FORMAT = new SimpleDateFormat("yyyy-MM-dd");

    /** One SimpleDateFormat for all threads: format changes its calendar. */
    static String sharedFormatRacy() throws Exception {
        Thread first = start("format-1", () -> SHARED_FORMAT.format(new Date(0L))); // SITE:format1
        Thread second = start("format-2", () -> SHARED_FORMAT.format(new Date(86_400_000L))); // SITE:format2
        joinAll(first, second);
        return "formatted";
    }

    /** An audit trail appended to by two threads. */
    static final class Audit {
        final StringBuilder trail = new StringBuilder();

        void record(String who, long when) {
            trail.append(who).append('@').append(when); // SITE:append
        }
    }

    static String sharedBuilderRacy() throws Exception {
        Audit audit = new Audit();
        Thread first = start("audit-1", () -> audit.record("one", 1L));
        Thread second = start("audit-2", () -> audit.record("two", 2L));
        joinAll(first, second);
        return String.valueOf(audit.trail.length() > 0);
    }
}
