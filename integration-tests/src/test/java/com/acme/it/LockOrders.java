package com.acme.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes a pair of locks ({@code monitors}: two monitors; {@code locks}: two ReentrantLocks) in two
 * threads, one after the other so the run never hangs: {@code inverted} takes the pair in
 * opposite orders (a potential deadlock), {@code consistent} in the same order, {@code gated} in
 * opposite orders but always inside one outer "gate" lock (which makes the inversion harmless).
 */
public final class LockOrders {
    static final Object GATE = new Object();
    static final Object LEFT = new Object();
    static final Object RIGHT = new Object();
    static final ReentrantLock FIRST = new ReentrantLock();
    static final ReentrantLock SECOND = new ReentrantLock();

    public static void main(String[] args) throws InterruptedException {
        String shape = args[0];
        boolean monitors = args[1].equals("monitors");
        run("forward", () -> take(monitors, false, shape.equals("gated")));
        run("backward", () -> take(monitors, !shape.equals("consistent"), shape.equals("gated")));
        System.out.println(shape + " " + args[1] + " done");
    }

    private static void run(String name, Runnable body) throws InterruptedException {
        Thread thread = new Thread(body, name);
        thread.start();
        thread.join();
    }

    private static void take(boolean monitors, boolean reversed, boolean gated) {
        if (gated) {
            synchronized (GATE) {
                takePair(monitors, reversed);
            }
        } else {
            takePair(monitors, reversed);
        }
    }

    private static void takePair(boolean monitors, boolean reversed) {
        if (monitors) {
            takeMonitors(reversed);
        } else {
            takeLocks(reversed);
        }
    }

    private static void takeMonitors(boolean reversed) {
        Object outer = reversed ? RIGHT : LEFT;
        Object inner = reversed ? LEFT : RIGHT;
        synchronized (outer) { // SITE:outer-monitor
            synchronized (inner) { // SITE:inner-monitor
                Thread.onSpinWait();
            }
        }
    }

    private static void takeLocks(boolean reversed) {
        ReentrantLock first = reversed ? SECOND : FIRST;
        ReentrantLock second = reversed ? FIRST : SECOND;
        first.lock(); // SITE:outer-lock
        try {
            second.lock(); // SITE:inner-lock
            try {
                Thread.onSpinWait();
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }
}
