package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.List;

/**
 * One edge of the lock-order graph, from weft's {@code LockOrder} event: a thread took
 * {@code secondLock} while it held {@code firstLock}.
 *
 * @param stack       the stack that took the second lock, innermost first, without weft's frames
 * @param heldLockIds every lock the thread held then, outermost first (the first lock among them)
 */
record LockOrderEdge(long firstLock, long secondLock, Frame firstSite, Frame secondSite, String thread,
                     long threadId, List<Frame> stack, List<Long> heldLockIds) {
}
