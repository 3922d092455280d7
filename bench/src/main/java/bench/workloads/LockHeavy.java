package bench.workloads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lock-heavy code: two threads (one per core of the reference machine) update shared state under
 * fine-grained locks — a monitor per account on every operation, a read/write lock around a rate
 * table every 8th, a ReentrantLock around a ledger map every 32nd — with a little real work
 * inside and outside each lock, as a service's bookkeeping does: many acquisitions, few waits.
 */
public final class LockHeavy extends Workload {
    private static final int THREADS = 2;
    private static final int OPERATIONS_PER_THREAD = 6_000_000;
    private final Account[] accounts = new Account[64];
    private final ReentrantLock ledgerLock = new ReentrantLock();
    private final Map<Integer, Long> ledger = new HashMap<>();
    private final ReentrantReadWriteLock ratesLock = new ReentrantReadWriteLock();
    private final double[] rates = new double[16];

    private LockHeavy() {
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = new Account();
        }
        java.util.Arrays.fill(rates, 1.0);
    }

    public static void main(String[] args) throws Exception {
        new LockHeavy().run();
    }

    @Override
    protected long round() throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            threads[t] = new Thread(() -> work(seed), "lock-heavy-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (long) THREADS * OPERATIONS_PER_THREAD;
    }

    private void work(int seed) {
        int x = seed * 7919 + 1;
        double rate = 1.0;
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            x = x * 1103515245 + 12345;
            int account = (x >>> 8) & (accounts.length - 1);
            if ((i & 7) == 0) {
                rate = rate(x >>> 20 & (rates.length - 1));
            }
            accounts[account].deposit((long) (rate * (x & 0xff)));
            if ((i & 31) == 0) {
                record(account, x & 0xff);
            }
            if ((i & 8191) == 0) {
                updateRate(x >>> 4 & (rates.length - 1));
            }
        }
    }

    private double rate(int index) {
        ratesLock.readLock().lock();
        try {
            return rates[index];
        } finally {
            ratesLock.readLock().unlock();
        }
    }

    private void updateRate(int index) {
        ratesLock.writeLock().lock();
        try {
            rates[index] = 1.0 + (rates[index] % 0.5);
        } finally {
            ratesLock.writeLock().unlock();
        }
    }

    private void record(int account, long amount) {
        ledgerLock.lock();
        try {
            ledger.merge(account, amount, Long::sum);
        } finally {
            ledgerLock.unlock();
        }
    }

    private static final class Account {
        private long balance;
        private long deposits;

        synchronized void deposit(long amount) {
            balance += amount;
            deposits++;
        }
    }
}
