package bench.workloads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's server shape without the network: a listener thread puts requests on a bounded work
 * queue, worker threads take them, look up and update a session map, and append to a
 * synchronized audit log. 1.5 million requests a round, so that a run lasts seconds.
 */
public final class QueueServer extends Workload {
    private static final int WORKERS = 3;
    private static final int REQUESTS = 1_500_000;
    private static final int[] POISON = new int[0];
    private final ConcurrentHashMap<Integer, long[]> sessions = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();
    private final StringBuilder audit = new StringBuilder();

    public static void main(String[] args) throws Exception {
        new QueueServer().run();
    }

    @Override
    protected long round() throws InterruptedException {
        BlockingQueue<int[]> queue = new ArrayBlockingQueue<>(1024);
        Thread[] workers = new Thread[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            workers[w] = new Thread(() -> serve(queue), "worker-" + w);
            workers[w].start();
        }
        Thread listener = new Thread(() -> listen(queue), "listener");
        listener.start();
        listener.join();
        for (Thread worker : workers) {
            worker.join();
        }
        return REQUESTS;
    }

    private void listen(BlockingQueue<int[]> queue) {
        try {
            for (int i = 0; i < REQUESTS; i++) {
                queue.put(new int[] {i % 5000, i});
            }
            for (int w = 0; w < WORKERS; w++) {
                queue.put(POISON);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(BlockingQueue<int[]> queue) {
        try {
            for (int[] request = queue.take(); request != POISON; request = queue.take()) {
                long[] session = sessions.computeIfAbsent(request[0], k -> new long[2]);
                synchronized (session) {
                    session[0]++;
                    session[1] += request[1];
                }
                if ((request[1] & 255) == 0) {
                    log(request[1]);
                }
                served.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void log(int id) {
        synchronized (audit) {
            if (audit.length() > 100_000) {
                audit.setLength(0);
            }
            audit.append("served ").append(id).append('\n');
        }
    }
}
