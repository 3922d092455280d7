package bench.workloads;

/**
 * Compute over shared read-mostly data, in the style of the Java Grande "SOR" and "Series"
 * kernels: threads read a shared immutable matrix and coefficient table and each writes only its
 * own rows of the result; rounds are separated by thread start/join. Sized like the Grande SOR
 * kernel's larger data sets (a 1,600 × 1,600 matrix, 100 sweeps a round), so that a run lasts
 * seconds and its wall time is mostly the kernel's rather than the JVM's start.
 */
public final class ReadMostlyCompute extends Workload {
    private static final int THREADS = 2;
    private static final int SIZE = 1600;
    private static final int SWEEPS = 100;
    private final double[][] input = new double[SIZE][SIZE];
    private final double[][] output = new double[SIZE][SIZE];
    private final double[] coefficients = new double[SIZE];

    private ReadMostlyCompute() {
        for (int i = 0; i < SIZE; i++) {
            coefficients[i] = Math.sin(i);
            for (int j = 0; j < SIZE; j++) {
                input[i][j] = (i * 31 + j) % 17;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        new ReadMostlyCompute().run();
    }

    @Override
    protected int measured() {
        return 10;
    }

    @Override
    protected long round() throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int first = t * SIZE / THREADS;
            int last = (t + 1) * SIZE / THREADS;
            threads[t] = new Thread(() -> relax(first, last), "compute-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (long) SIZE * SIZE * SWEEPS;
    }

    private void relax(int firstRow, int lastRow) {
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int i = Math.max(1, firstRow); i < Math.min(SIZE - 1, lastRow); i++) {
                double[] row = output[i];
                double[] above = input[i - 1];
                double[] here = input[i];
                double[] below = input[i + 1];
                for (int j = 1; j < SIZE - 1; j++) {
                    row[j] = 0.25 * (above[j] + below[j] + here[j - 1] + here[j + 1]) * coefficients[j];
                }
            }
        }
    }
}
