package bench.harness;

import bench.harness.BenchmarkRunner.Configuration;
import bench.harness.BenchmarkRunner.Measurement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Prints one workload's medians and their ratios to the first (baseline) configuration. */
final class Report {
    private Report() {
    }

    static void print(String workload, Map<Configuration, List<Measurement>> results) {
        System.out.printf(Locale.ROOT, "%n%s%n", workload);
        System.out.printf(Locale.ROOT, "  %-24s %14s %10s %10s %8s %10s %8s%n",
            "configuration", "ops/s (median)", "slowdown", "wall (s)", "ratio", "RSS (MB)", "ratio");
        Measurement baseline = null;
        double baseThroughput = 0;
        double baseWall = 0;
        double baseRss = 0;
        for (Map.Entry<Configuration, List<Measurement>> entry : results.entrySet()) {
            List<Measurement> runs = entry.getValue();
            double throughput = median(runs, Measurement::throughput);
            double wall = median(runs, m -> m.wallNanos() / 1e9);
            double rss = median(runs, m -> m.peakRssKb() / 1024.0);
            if (baseline == null) {
                baseline = runs.get(0);
                baseThroughput = throughput;
                baseWall = wall;
                baseRss = rss;
            }
            if (runs.get(0).operations() == 0) { // no steady state: start-up only
                System.out.printf(Locale.ROOT, "  %-24s %14s %10s %10.2f %7.2fx %10.0f %7.2fx%n",
                    entry.getKey().name(), "-", "-", wall, wall / baseWall, rss, rss / baseRss);
                continue;
            }
            System.out.printf(Locale.ROOT, "  %-24s %14.0f %9.3fx %10.2f %7.2fx %10.0f %7.2fx%n",
                entry.getKey().name(), throughput, baseThroughput / throughput, wall, wall / baseWall, rss, rss / baseRss);
        }
    }

    private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
