package dev.weft.runtime;

/**
 * What weft remembers of one memory location (a field of one object, or a static field):
 * FastTrack's last write epoch, and the last read as an epoch while reads are ordered, or a read
 * clock once reads are concurrent. Sites are kept beside the epochs so a race can name both
 * places. Updates are not atomic: two unordered accesses updating one shadow at once are a race
 * themselves (or both reads), and losing one of their updates can only hide a later race, never
 * invent one — provided no read time is reported without the site recorded with it (see
 * {@link #readSites}). An instance field's shadow is its object's
 * {@link ShadowMap} itself (the first field checked) or a {@link FieldShadow}.
 */
class Shadow {
    long write = Epochs.NONE;
    int writeSite;
    long read = Epochs.NONE;
    int readSite;
    /** Reads per thread (and their sites) once unordered reads were seen; null while ordered. */
    VectorClock reads;
    /**
     * Each thread's read site plus one: 0 where racing updates of the shadow lost a thread's site
     * though its read time stayed; such a read is not reported, rather than reported at a site
     * that is not its own.
     */
    int[] readSites;
}
