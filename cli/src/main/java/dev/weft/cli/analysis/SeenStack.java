package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A stack seen at an access site: the thread, its frames (innermost first, without weft's) and the
 * locks it held there (null when not recorded).
 */
record SeenStack(int recording, Instant time, String thread, List<Frame> stack, List<String> locks) {
    static final Comparator<SeenStack> EARLIEST_FIRST = Comparator.comparing(SeenStack::time,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(seen -> String.valueOf(seen.thread()));

    /** The frames as a location shows them. */
    List<String> lines() {
        return stack.stream().map(Frame::toString).toList();
    }
}
