package dev.weft.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, in JFR's style: {@code key=value} pairs separated by commas, e.g.
 * {@code filename=out.jfr,include=com.acme.*,threshold=1ms}.
 *
 * <p>Options never stop the application: a malformed or unknown option is reported (one line on
 * stderr each) and its default used instead.
 */
final class AgentOptions {
    static final String DEFAULT_THRESHOLD = "100 us";
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h)");

    private final String raw;
    private Path filename;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private String threshold = DEFAULT_THRESHOLD;
    private Duration deadlockPeriod = Duration.ofSeconds(1);
    private boolean lockOrder = true;
    private boolean races;
    private Duration duration;
    private File cache = defaultCache();
    private final List<String> problems = new ArrayList<>();

    private AgentOptions(String raw) {
        this.raw = raw == null ? "" : raw;
    }

    static AgentOptions parse(String raw) {
        AgentOptions options = new AgentOptions(raw);
        if (raw != null && !raw.isBlank()) {
            for (String pair : raw.split(",")) {
                options.apply(pair.trim());
            }
        }
        if (options.filename == null) {
            options.filename = Paths.get("weft-" + pid() + ".jfr");
        }
        return options;
    }

    private void apply(String pair) {
        if (pair.isEmpty()) {
            return;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            problems.add("option '" + pair + "' is not key=value (e.g. filename=out.jfr); ignored");
            return;
        }
        String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = pair.substring(eq + 1).trim();
        switch (key) {
            case "filename":
                if (value.isEmpty()) {
                    problems.add("option 'filename' needs a path; writing weft-<pid>.jfr instead");
                } else {
                    filename = Paths.get(expand(value));
                }
                break;
            case "include":
                addPatterns(value, includes, key);
                break;
            case "exclude":
                addPatterns(value, excludes, key);
                break;
            case "threshold":
                String normalized = normalizeTimespan(value);
                if (normalized == null) {
                    problems.add("option 'threshold=" + value + "' is not a duration such as 100us, 1ms or 0ms; using "
                        + DEFAULT_THRESHOLD.replace(" ", ""));
                } else {
                    threshold = normalized;
                }
                break;
            case "deadlock":
                if (value.equalsIgnoreCase("off")) {
                    deadlockPeriod = null;
                } else {
                    Duration period = parseDuration(value);
                    if (period == null) {
                        problems.add("option 'deadlock=" + value + "' is not a period such as 1s, 500ms or off; using 1s");
                    } else {
                        deadlockPeriod = period;
                    }
                }
                break;
            case "duration":
                Duration recordFor = parseDuration(value);
                if (recordFor == null || recordFor.isZero()) {
                    problems.add("option 'duration=" + value + "' is not a duration such as 30s or 500ms; recording until exit");
                } else {
                    duration = recordFor;
                }
                break;
            case "cache":
                if (value.isEmpty()) {
                    problems.add("option 'cache' needs a directory or off; using " + cache);
                } else {
                    cache = value.equalsIgnoreCase("off") ? null : new File(expand(value));
                }
                break;
            case "lockorder":
                lockOrder = onOff(key, value, true);
                break;
            case "races":
                races = onOff(key, value, false);
                break;
            default:
                problems.add("unknown option '" + key + "' (known: filename, include, exclude, threshold, deadlock, "
                    + "lockorder, races, duration, cache); ignored");
        }
    }

    private boolean onOff(String key, String value, boolean byDefault) {
        if (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("off")) {
            return value.equalsIgnoreCase("on");
        }
        problems.add("option '" + key + "=" + value + "' must be on or off; using " + (byDefault ? "on" : "off"));
        return byDefault;
    }

    private void addPatterns(String value, List<String> into, String key) {
        for (String pattern : value.split(";")) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.matches("[\\w.$*]+")) {
                problems.add("option '" + key + "=" + trimmed + "' is not a class pattern such as com.acme.*; ignored");
            } else {
                into.add(trimmed);
            }
        }
    }

    /**
     * Expands {@code %p} to the process id and {@code %t} to a timestamp, as JFR's filename does.
     * The timestamp is formatted only when asked for: a date format loads the calendar and the
     * locale data (about 200 classes, tens of milliseconds) on the thread that starts weft.
     */
    private static String expand(String value) {
        String expanded = value;
        if (expanded.contains("%p")) {
            expanded = expanded.replace("%p", Long.toString(pid()));
        }
        if (expanded.contains("%t")) {
            expanded = expanded.replace("%t", new SimpleDateFormat("yyyy_MM_dd_HH_mm_ss").format(new Date()));
        }
        return expanded;
    }

    /**
     * This JVM's process id. On Linux from {@code /proc/self}, a link named after the process: the
     * JDK's {@code ProcessHandle.current()} initializes the process reaper's thread pool with it
     * (a {@code ThreadPoolExecutor}, a {@code SynchronousQueue}, a lock condition), JDK classes the
     * race models transform, which weft would otherwise retransform at start-up for nothing.
     */
    static long pid() {
        try {
            Path self = Paths.get("/proc/self");
            if (Files.isSymbolicLink(self)) {
                return Long.parseLong(Files.readSymbolicLink(self).toString());
            }
        } catch (IOException | RuntimeException e) {
            // not Linux's procfs: ask the JDK
        }
        return ProcessHandle.current().pid();
    }

    private static Duration parseDuration(String value) {
        String normalized = normalizeTimespan(value);
        if (normalized == null) {
            return null;
        }
        String[] amountAndUnit = normalized.split(" ");
        long amount = Long.parseLong(amountAndUnit[0]);
        switch (amountAndUnit[1]) {
            case "ns":
                return Duration.ofNanos(amount);
            case "us":
                return Duration.ofNanos(amount * 1000);
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    private static String normalizeTimespan(String value) {
        Matcher matcher = TIMESPAN.matcher(value.trim().toLowerCase(Locale.ROOT));
        return matcher.matches() ? matcher.group(1) + " " + matcher.group(2) : null;
    }

    String raw() {
        return raw;
    }

    Path filename() {
        return filename;
    }

    List<String> includes() {
        return Collections.unmodifiableList(includes);
    }

    List<String> excludes() {
        return Collections.unmodifiableList(excludes);
    }

    /** Minimum wait recorded as an event, in JFR's notation (e.g. {@code 100 us}). */
    String threshold() {
        return threshold;
    }

    /** How often to look for deadlocks, or null when {@code deadlock=off}. */
    Duration deadlockPeriod() {
        return deadlockPeriod;
    }

    /**
     * Whether to keep each thread's held locks, for lock-order edges and blocking hold times;
     * {@code lockorder=off} leaves only counters and waits (the low-overhead mode).
     */
    boolean lockOrder() {
        return lockOrder || races;
    }

    /** Whether to detect data races ({@code races=on}); it needs held-lock tracking, so it implies it. */
    boolean races() {
        return races;
    }

    /** How long to record before writing the file ({@code duration=}), or null: until the JVM exits. */
    Duration duration() {
        return duration;
    }

    /**
     * Where the JDK classes weft transformed are kept for the next runs ({@code cache=}), or null
     * ({@code cache=off}). By default {@code $XDG_CACHE_HOME/weft}, else {@code ~/.cache/weft}.
     */
    File cache() {
        return cache;
    }

    private static File defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new File(xdg, "weft");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? null : new File(new File(home, ".cache"), "weft");
    }

    /** What was wrong with the options, one sentence each. */
    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
