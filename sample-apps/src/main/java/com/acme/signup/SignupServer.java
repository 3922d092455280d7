package com.acme.signup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The signup server, built like Apache's threaded model: one {@code listener} thread accepts connections on
 * 127.0.0.1 and puts them on a bounded work queue; {@code worker-1..N} threads take connections off the queue and
 * answer one HTTP request per connection. All workers share one {@link SignupHandler} (user store, request counter,
 * audit log, recent signups); the {@link Variant} decides whether that sharing is done safely.
 *
 * <p>{@link #close()} stops the listener, lets the workers drain the queue, ends them with a poison pill, joins
 * every thread and shuts the database down, so a JVM running only this server exits on its own afterwards.
 */
public final class SignupServer implements AutoCloseable {

    private static final int WORK_QUEUE_CAPACITY = 128;
    private static final int ACCEPT_BACKLOG = 128;

    private final Variant variant;
    private final ServerSocket serverSocket;
    private final UserStore users;
    private final SignupHandler handler;
    private final BlockingQueue<Socket> workQueue = new ArrayBlockingQueue<>(WORK_QUEUE_CAPACITY);
    private final Thread listener;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SignupServer(Variant variant, ServerSocket serverSocket, UserStore users, int workerCount) {
        this.variant = variant;
        this.serverSocket = serverSocket;
        this.users = users;
        RequestCounter requestCounter = variant.newRequestCounter();
        this.handler = new SignupHandler(users, requestCounter);
        this.listener = new Thread(new Listener(serverSocket, workQueue), "listener");
        for (int i = 1; i <= workerCount; i++) {
            workers.add(new Thread(new Worker(workQueue, handler, requestCounter), "worker-" + i));
        }
    }

    /**
     * Creates the database, binds 127.0.0.1:{@code port} ({@code 0} picks a free port) and starts the listener and
     * {@code workerCount} workers.
     */
    public static SignupServer start(Variant variant, int port, int workerCount) throws IOException, SQLException {
        if (workerCount < 1) {
            throw new IllegalArgumentException("need at least one worker, got " + workerCount);
        }
        UserStore users = variant.openUserStore();
        ServerSocket serverSocket;
        try {
            serverSocket = new ServerSocket(port, ACCEPT_BACKLOG, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            try {
                users.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        SignupServer server = new SignupServer(variant, serverSocket, users, workerCount);
        server.listener.start();
        server.workers.forEach(Thread::start);
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public Variant variant() {
        return variant;
    }

    /** The same numbers {@code GET /stats} reports. */
    public ServerStats stats() throws SQLException {
        return handler.stats();
    }

    /** Stops and joins all server threads, then shuts the database down. Safe to call more than once. */
    @Override
    public void close() throws SQLException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close(); // the listener's accept() fails and its loop ends
        } catch (IOException e) {
            System.err.println("closing the server socket failed: " + e);
        }
        uninterruptibly(listener::join);
        for (int i = 0; i < workers.size(); i++) {
            uninterruptibly(() -> workQueue.put(Worker.STOP));
        }
        for (Thread worker : workers) {
            uninterruptibly(worker::join);
        }
        users.close();
    }

    private interface BlockingStep {
        void run() throws InterruptedException;
    }

    /** Finishes a shutdown step even if interrupted, then restores the interrupt for the caller. */
    private static void uninterruptibly(BlockingStep step) {
        boolean interrupted = false;
        while (true) {
            try {
                step.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
