package com.acme.signup;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;

/**
 * The listener thread's loop: accept connections and put them on the work queue for the workers.
 * Ends when {@link SignupServer#close()} closes the server socket.
 */
final class Listener implements Runnable {

    private final ServerSocket serverSocket;
    private final BlockingQueue<Socket> workQueue;

    Listener(ServerSocket serverSocket, BlockingQueue<Socket> workQueue) {
        this.serverSocket = serverSocket;
        this.workQueue = workQueue;
    }

    @Override
    public void run() {
        while (true) {
            Socket connection;
            try {
                connection = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                System.err.println("listener: accept failed: " + e);
                continue;
            }
            try {
                workQueue.put(connection);
            } catch (InterruptedException e) {
                closeQuietly(connection);
                return;
            }
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // nothing useful to do with a connection nobody will serve
        }
    }
}
