package com.acme.it;

import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Programs the agent once disturbed (regression tests named after what broke):
 * {@code writer} — a writer behind busy readers of a non-fair read/write lock must get its turn
 * (trying read locks first starved it); {@code loop} — a synchronized method whose body starts
 * with a loop (a hook on the loop head ran every iteration and grew the held-lock stack);
 * {@code serial} — classes with a misdeclared or missing serialVersionUID (a second field made
 * the class fail to load; the default must stay what it was).
 */
public final class AgentSafety {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "writer" -> writerGetsItsTurn();
            case "loop" -> synchronizedLoop();
            case "serial" -> serialVersions();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void writerGetsItsTurn() throws InterruptedException {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        long until = System.nanoTime() + 3_000_000_000L;
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            Thread reader = new Thread(() -> {
                while (System.nanoTime() < until) {
                    lock.readLock().lock();
                    try {
                        pause(2);
                    } finally {
                        lock.readLock().unlock();
                    }
                }
            }, "reader-" + r);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        pause(100);
        long start = System.nanoTime();
        lock.writeLock().lock();
        long waited = (System.nanoTime() - start) / 1_000_000;
        lock.writeLock().unlock();
        System.out.println("writer waited " + (waited < 1000 ? "less than a second" : waited + " ms"));
    }

    private static int turns;

    private static synchronized int spin(int rounds) {
        int i = 0;
        while (i < rounds) {
            i++;
            turns++;
        }
        return i;
    }

    private static void synchronizedLoop() {
        for (int call = 0; call < 3000; call++) {
            spin(1000);
        }
        System.out.println("turns " + turns);
    }

    static class MisdeclaredUid implements Serializable {
        private final long serialVersionUID = 1L;
        int value;
    }

    static class DefaultUid implements Serializable {
        int value;
        private transient String cache;

        void touch() {
            value++;
        }
    }

    private static void serialVersions() {
        MisdeclaredUid odd = new MisdeclaredUid();
        odd.value++;
        System.out.println("misdeclared " + ObjectStreamClass.lookup(MisdeclaredUid.class).getSerialVersionUID());
        System.out.println("default " + ObjectStreamClass.lookup(DefaultUid.class).getSerialVersionUID());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
