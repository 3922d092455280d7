package bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs each workload in fresh JVMs with and without the weft agent, interleaved run by run so
 * that machine noise hits both alike, and prints the ratios agent / no agent of steady-state
 * throughput (measured rounds after warm-up), whole-run wall time and peak RSS. {@code StartUp}
 * does nothing: its wall time and RSS are the fixed cost every run pays. Each agent configuration
 * first runs each workload once untimed, which fills weft's JDK class cache as any earlier run
 * would; {@code StartUp} also measures race detection without the cache, the first run's cost.
 *
 * <pre>java -jar bench/target/weft-bench.jar [--runs 5] [--agent agent/target/weft-agent.jar]
 *     [--workloads LockHeavy,ReadMostlyCompute,QueueServer] [--java /path/to/java]</pre>
 */
public final class BenchmarkRunner {
    private static final List<String> ALL = List.of("StartUp", "LockHeavy", "ReadMostlyCompute", "QueueServer");

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int runs = Integer.parseInt(options.getOrDefault("--runs", "5"));
        Path agent = Paths.get(options.getOrDefault("--agent", "agent/target/weft-agent.jar")).toAbsolutePath();
        String java = options.getOrDefault("--java", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        List<String> workloads = options.containsKey("--workloads")
            ? List.of(options.get("--workloads").split(",")) : ALL;
        if (!Files.isRegularFile(agent)) {
            System.err.println("weft-bench: no agent jar at " + agent + " (build it with mvn -B package, or pass --agent)");
            System.exit(2);
        }
        Path classpath = Paths.get(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<Configuration> configurations = List.of(
            Configuration.withoutAgent(),
            Configuration.withAgent("lockorder=off (low)", agent, "lockorder=off"),
            Configuration.withAgent("default", agent, ""),
            Configuration.withAgent("races=on", agent, "races=on"));
        System.out.printf(Locale.ROOT, "weft benchmarks: %d runs per configuration, %s, %d cores%n",
            runs, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (String workload : workloads) {
            String mainClass = "bench.workloads." + workload;
            for (Configuration configuration : configurations) {
                configuration.fillCache(java, classpath, mainClass);
            }
            List<Configuration> measured = new ArrayList<>(configurations);
            if (workload.equals("StartUp")) {
                // what the first JVM of a weft build on a JDK pays once
                measured.add(Configuration.withAgent("races=on, cache=off", agent, "races=on,cache=off"));
            }
            Map<Configuration, List<Measurement>> results = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Configuration configuration : measured) {
                    results.computeIfAbsent(configuration, c -> new ArrayList<>())
                        .add(configuration.run(java, classpath, mainClass));
                }
            }
            Report.print(workload, results);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** How one JVM of a benchmark is started. */
    record Configuration(String name, Path agent, String agentOptions) {
        static Configuration withoutAgent() {
            return new Configuration("no agent", null, "");
        }

        static Configuration withAgent(String name, Path agent, String options) {
            return new Configuration(name, agent, options);
        }

        /**
         * One untimed run, so that the agent's JDK class cache ({@code cache=}) holds what the
         * workload loads, as it does after the first run of a weft build on a JDK: the measured
         * runs are the ones every later run is like.
         */
        void fillCache(String java, Path classpath, String mainClass) throws IOException, InterruptedException {
            if (agent != null) {
                run(java, classpath, mainClass);
            }
        }

        Measurement run(String java, Path classpath, String mainClass) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(java));
            Path recording = null;
            if (agent != null) {
                recording = Files.createTempFile("weft-bench-", ".jfr");
                command.add("-javaagent:" + agent + "=filename=" + recording + (agentOptions.isEmpty() ? "" : "," + agentOptions));
            }
            command.addAll(List.of("-cp", classpath.toString(), mainClass));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            long wallNanos = System.nanoTime() - start;
            if (recording != null) {
                Files.deleteIfExists(recording);
            }
            if (exit != 0) {
                throw new IllegalStateException(mainClass + " (" + name + ") exited " + exit + ":\n" + output);
            }
            return Measurement.parse(output, wallNanos);
        }
    }

    /** One run's result line, plus the harness's own wall-clock time of the whole JVM. */
    record Measurement(long operations, long measuredNanos, long peakRssKb, long wallNanos) {
        static Measurement parse(String output, long wallNanos) {
            for (String line : output.split("\n")) {
                if (line.startsWith("RESULT ")) {
                    Map<String, Long> values = new LinkedHashMap<>();
                    for (String pair : line.substring(7).trim().split(" ")) {
                        String[] keyValue = pair.split("=");
                        values.put(keyValue[0], Long.parseLong(keyValue[1]));
                    }
                    return new Measurement(values.get("ops"), values.get("nanos"), values.get("hwmKb"), wallNanos);
                }
            }
            throw new IllegalStateException("no RESULT line in:\n" + output);
        }

        double throughput() {
            return operations * 1e9 / measuredNanos;
        }
    }
}
