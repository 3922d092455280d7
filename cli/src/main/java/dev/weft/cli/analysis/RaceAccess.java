package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.Comparator;

/**
 * One side of a data race: a read or a write of the field at a code site.
 *
 * @param access {@code read} or {@code write} (weft's {@code Accesses})
 */
record RaceAccess(String access, Frame site) {
    /** Any fixed order will do: it only decides which side of an unordered pair is named first in its key. */
    static final Comparator<RaceAccess> ORDER = Comparator
            .comparing((RaceAccess side) -> side.site().toString())
            .thenComparing(RaceAccess::access);

    RaceAccess {
        access = access == null || access.isEmpty() ? "access" : access;
    }
}
