package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.LockKind;

/** What one contention entry is about: a kind and class of lock acquired at one site. */
record SiteKey(LockKind kind, String lockClass, Frame site) {
    SiteKey {
        lockClass = lockClass == null || lockClass.isEmpty() ? "<unknown>" : lockClass;
    }
}
