package com.acme.signup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;

/**
 * A worker thread's loop: take an accepted connection off the work queue, answer the one request on it, close it.
 * Stops when it takes {@link #STOP}, which {@link SignupServer#close()} queues once per worker after the listener
 * has stopped, so connections queued before that are still answered.
 */
final class Worker implements Runnable {

    /** Poison pill: never connected, only ever compared by identity. */
    static final Socket STOP = new Socket();

    /** Bounds how long a silent client can hold a worker (and therefore how long close() can wait). */
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final BlockingQueue<Socket> workQueue;
    private final SignupHandler handler;
    private final RequestCounter requestCounter;

    Worker(BlockingQueue<Socket> workQueue, SignupHandler handler, RequestCounter requestCounter) {
        this.workQueue = workQueue;
        this.handler = handler;
        this.requestCounter = requestCounter;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Socket connection = workQueue.take();
                if (connection == STOP) {
                    return;
                }
                serve(connection);
            }
        } catch (InterruptedException e) {
            // asked to stop without a poison pill: just end the thread
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(READ_TIMEOUT_MILLIS);
            Response response = respondTo(new BufferedInputStream(connection.getInputStream()));
            requestCounter.increment(); // counted before the client sees the response
            response.writeTo(new BufferedOutputStream(connection.getOutputStream()));
        } catch (IOException e) {
            // the client went away or stalled mid-request: there is nobody left to answer
        }
    }

    private Response respondTo(InputStream in) throws IOException {
        try {
            return handler.handle(Request.readFrom(in));
        } catch (MalformedRequestException e) {
            return Response.badRequest(e.getMessage());
        }
    }
}
