package com.acme.it;

/**
 * Ends the JVM the way its argument says ({@code normal}, {@code exit}, {@code throw},
 * {@code hang}), after printing a line and taking a lock in a started thread, so that tests can
 * check that the recording is written and output and exit code are untouched on every path.
 */
public final class ExitPaths {
    private static final Object LOCK = new Object();
    private static int touched;

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(ExitPaths::touch, "exit-worker");
        worker.start();
        worker.join();
        System.out.println("before " + args[0] + ", touched=" + touched);
        switch (args[0]) {
            case "normal":
                System.out.println("after normal");
                return;
            case "exit":
                System.exit(3);
                return;
            case "throw":
                throw new IllegalStateException("thrown on purpose");
            case "hang":
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(120_000);
                return;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void touch() {
        synchronized (LOCK) {
            touched++;
        }
    }
}
