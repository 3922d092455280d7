package dev.weft.cli.testing;

import dev.weft.runtime.TestThreadHooks;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A named thread that runs the tasks it is handed one at a time, each to completion before
 * {@link #run} returns: scenarios use a few of them to let threads take turns in an exact order.
 * Its start is reported as the agent reports it (weft's {@code ThreadStart}, committed by the
 * starting thread), so findings can say where it was created.
 */
public final class NamedWorker implements AutoCloseable {
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;

    public NamedWorker(String name) {
        thread = new Thread(this::work, name);
        thread.start();
        TestThreadHooks.started(thread);
    }

    /** Runs {@code task} on this worker's thread and returns when it is done. */
    public void run(Runnable task) {
        FutureTask<Void> done = new FutureTask<>(task, null);
        tasks.add(done);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the task failed on " + thread.getName(), e.getCause());
        }
    }

    @Override
    public void close() throws InterruptedException {
        tasks.add(STOP);
        thread.join();
    }

    private void work() {
        try {
            for (Runnable task = tasks.take(); task != STOP; task = tasks.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
