package dev.weft.runtime;

/**
 * One access to one element, as a shadow that covers several elements remembers it. Immutable,
 * so that a thread reading another's record always pairs an epoch with the element that access
 * touched: a torn pair (one access's epoch with another's element) could report a race between
 * two different elements.
 */
final class ArrayAccess {
    final long epoch;
    final int index;
    final int site;

    ArrayAccess(long epoch, int index, int site) {
        this.epoch = epoch;
        this.index = index;
        this.site = site;
    }

    int tid() {
        return Epochs.tid(epoch);
    }
}
