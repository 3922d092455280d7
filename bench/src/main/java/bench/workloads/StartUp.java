package bench.workloads;

/**
 * No work at all: what remains is the JVM's start and exit, and with the agent its own start-up
 * (JFR, the instrumentation of the JDK's modelled classes) and the writing of the recording.
 * The fixed cost that every run pays, apart from the other workloads' steady state.
 */
public final class StartUp extends Workload {
    public static void main(String[] args) throws Exception {
        new StartUp().run();
    }

    @Override
    protected long round() {
        return 0;
    }

    @Override
    protected int warmUp() {
        return 0;
    }

    @Override
    protected int measured() {
        return 0;
    }
}
