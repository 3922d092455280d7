package bench.workloads;

/**
 * A benchmark workload: runs in its own JVM (with or without the agent), does {@link #warmUp}
 * rounds, then measured rounds, and prints one result line for the harness:
 * {@code RESULT ops=<operations> nanos=<measured wall time> hwmKb=<peak RSS>}.
 */
public abstract class Workload {
    /** Operations done by one round (the unit of throughput). */
    protected abstract long round() throws Exception;

    protected int warmUp() {
        return 3;
    }

    protected int measured() {
        return 5;
    }

    protected final void run() throws Exception {
        for (int i = 0; i < warmUp(); i++) {
            round();
        }
        long operations = 0;
        long start = System.nanoTime();
        for (int i = 0; i < measured(); i++) {
            operations += round();
        }
        long nanos = System.nanoTime() - start;
        System.out.println("RESULT ops=" + operations + " nanos=" + nanos + " hwmKb=" + PeakMemory.highWaterMarkKb());
    }
}
