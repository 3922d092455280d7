package dev.weft.cli.render;

import dev.weft.cli.report.ThreadCount;
import java.util.List;
import java.util.stream.Collectors;

/** Table cells the HTML report's panels share. */
final class Cells {

    private Cells() {
    }

    /** A right-aligned cell that sorts by {@code value} (a missing value sorts lowest). */
    static void number(Html html, Long value, String shown) {
        html.element("td", shown, "class", "num", "data-value", value == null ? -1 : value);
    }

    /** {@code worker-1 (7), worker-2 (3)}: the two most frequent threads, and how many more; {@code -} for none. */
    static String threads(List<ThreadCount> threads) {
        return threads(threads, 2);
    }

    /** The {@code named} most frequent threads with their counts, and how many more there are. */
    static String threads(List<ThreadCount> threads, int named) {
        if (threads.isEmpty()) {
            return "-";
        }
        String first = threads.stream().limit(named)
                .map(thread -> thread.thread() + " (" + Units.count(thread.count()) + ")")
                .collect(Collectors.joining(", "));
        return threads.size() > named ? first + " and " + (threads.size() - named) + " more" : first;
    }
}
