package dev.weft.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Shadow state for objects weft cannot give a field of their own — arrays, and objects of JDK
 * classes that are not thread-safe — keyed by identity and held weakly.
 *
 * <p>A global identity map is the expensive way to keep shadows (measured at 3–13× on its own),
 * so it is only for these objects, and callers keep a per-thread cache in front of it. Each value
 * is its own table {@link Entry}, a weak reference to its key: a key costs one reference object,
 * and a cache can hold the entry and tell its key without keeping it alive. The table is split into
 * independently locked segments with their own counts (a counter shared by all segments cost a
 * contended write on every insert and every purge); each segment's chains are purged of collected
 * keys whenever it inserts, so the table never keeps an application object alive.
 *
 * <p>Programs allocate short-lived objects by the million (an array per request), and purging alone
 * does not keep up: a G1 young collection that promotes a weak reference the table still holds
 * treats its referent as strong, so such keys leave only with the next old-generation cycle (a
 * table that kept every key took 1.3 GB and long pauses on a queue server). Each segment therefore
 * keeps two generations: new entries are <em>young</em>, at most {@value #MAX_YOUNG} per segment;
 * an entry the caller {@linkplain #keep keeps} (for arrays: one a second thread has used) moves to
 * the <em>old</em> generation, at most {@value #MAX_OLD} per segment. A full generation is dropped
 * whole — its bucket array replaced, its entries left unreachable, so they die young and are never
 * queued — and its keys get fresh values when next looked up ({@link #dropped()} counts them). In
 * all, at most {@value #MAX_ENTRIES} keys. For shadow state a dropped key loses its history, which
 * can miss a race but never invent one; holders of a dropped entry (thread caches) keep using it,
 * apart from the table's new one, which also only loses history.
 *
 * <p>An entry whose value must never be lost while its key lives — for arrays: one whose shadow
 * holds the clock of the array's monitor, which a fresh value would forget, ordering nothing and
 * so inventing races — is {@linkplain #pin pinned}: it moves to the old generation, and a drop of
 * that generation keeps it; it leaves the table only with its collected key. At most
 * {@value #MAX_PINNED} entries of a segment are pinned, so that a program locking array after
 * array cannot fill the table with entries that are never dropped; past that, {@link #pin}
 * refuses and the caller keeps the value elsewhere.
 *
 * <p>Values are created by the caller's {@link Factory} under the segment lock, once per key and
 * generation.
 *
 * <p>A key already in the table is first looked for without the lock (a few steps of each chain at
 * most): a look-up of a shared array's entry (a session locked by request after request) then
 * writes nothing, where the lock took the segment's cache line from the thread that used it last.
 * Chains change only under the lock; a reader without it can miss an entry that is being moved
 * (kept, rehashed, inserted) and then looks again under the lock, and it only returns an entry
 * whose hash and key are the ones looked for — at worst one whose generation was dropped that very
 * moment, which its holder keeps using as thread caches do (history lost, never invented).
 */
final class WeakIdentityTable {
    private static final int SEGMENTS = 64;
    static final int MAX_YOUNG = 1024;
    static final int MAX_OLD = 3072;
    /** Pinned entries a segment holds at most, among its old generation's {@value #MAX_OLD}. */
    static final int MAX_PINNED = 1024;
    static final int MAX_ENTRIES = SEGMENTS * (MAX_YOUNG + MAX_OLD);

    /** Creates the entry (the value) of a key seen for the first time. */
    interface Factory {
        /** A new entry for {@code key}, registered with {@code queue} (pass both to {@link Entry}'s constructor). */
        Entry create(Object key, ReferenceQueue<Object> queue);
    }

    /** A key's value: a weak reference to the key, linked into its segment's chain. */
    static class Entry extends WeakReference<Object> {
        /** The key's mixed identity hash: its low bits choose the segment, the rest the bucket. Set by the table. */
        int hash;
        Entry next;
        boolean old;
        /** Never dropped: the entry leaves the table only with its collected key (see {@link #pin}). */
        boolean pinned;

        Entry(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
        }
    }

    private final Segment[] segments = new Segment[SEGMENTS];
    private final Factory factory;

    WeakIdentityTable(Factory factory) {
        this.factory = factory;
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** The entry of {@code key}, created on first use (or again after its generation was dropped). */
    Entry get(Object key) {
        return get(key, hashOf(key));
    }

    /** As {@link #get(Object)}, with the key's {@link #hashOf hash}, which the caller took. */
    Entry get(Object key, int hash) {
        Segment segment = segments[hash & (SEGMENTS - 1)];
        Entry found = segment.peek(key, hash);
        return found != null ? found : segment.get(this, key, hash);
    }

    /** The entry of {@code key} if it has one, else null (none is created). */
    Entry find(Object key) {
        int hash = hashOf(key);
        Segment segment = segments[hash & (SEGMENTS - 1)];
        Entry found = segment.peek(key, hash);
        return found != null ? found : segment.find(key, hash);
    }

    /** Moves {@code entry}, which {@link #get} returned, to the old generation, if it is still in the table. */
    void keep(Entry entry) {
        if (!entry.old) {
            segments[entry.hash & (SEGMENTS - 1)].keep(entry);
        }
    }

    /**
     * Keeps {@code entry}, which {@link #get} returned, in the table for as long as its key lives:
     * true if it is pinned now (or was), false if it has left the table (dropped with its
     * generation: {@link #get} answers a new entry) or its segment has {@value #MAX_PINNED} pinned
     * entries already.
     */
    boolean pin(Entry entry) {
        return entry.pinned || segments[entry.hash & (SEGMENTS - 1)].pin(entry);
    }

    /** How many entries were dropped with a full generation (live keys among them lost their values). */
    long dropped() {
        long sum = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                sum += segment.dropped;
            }
        }
        return sum;
    }

    /** Keys in the table (live or not yet purged). */
    int size() {
        int sum = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                sum += segment.young.count + segment.old.count;
            }
        }
        return sum;
    }

    /** The hash the table keeps {@code key} under (its entry's {@link Entry#hash}): its identity hash, mixed. */
    static int hashOf(Object key) {
        int h = System.identityHashCode(key) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** One generation of a segment: chains in a power-of-two bucket array. */
    private static final class Generation {
        Entry[] buckets = new Entry[16];
        int count;

        /** The entry of {@code key} within a few steps of its chain, read without the segment lock, or null. */
        Entry peek(Object key, int hash) {
            Entry[] table = buckets;
            Entry e = table[index(hash, table)];
            for (int steps = 0; e != null && steps < PEEK_STEPS; steps++, e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e;
                }
            }
            return null;
        }

        /** The entry of {@code key} (under the segment's lock). */
        Entry find(Object key, int hash) {
            Entry[] table = buckets;
            for (Entry e = table[index(hash, table)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e;
                }
            }
            return null;
        }

        void add(Entry entry) {
            if (count * 4 >= buckets.length * 3) {
                grow();
            }
            int index = index(entry.hash, buckets);
            entry.next = buckets[index];
            buckets[index] = entry;
            count++;
        }

        boolean remove(Entry entry) {
            int index = index(entry.hash, buckets);
            Entry previous = null;
            for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
                if (e == entry) {
                    if (previous == null) {
                        buckets[index] = e.next;
                    } else {
                        previous.next = e.next;
                    }
                    count--;
                    return true;
                }
            }
            return false;
        }

        /** The bucket of a hash: the bits above those that chose the segment. */
        private static int index(int hash, Entry[] buckets) {
            return (hash >>> 6) & (buckets.length - 1);
        }

        /** Whether {@code entry} is in this generation. */
        boolean contains(Entry entry) {
            for (Entry e = buckets[index(entry.hash, buckets)]; e != null; e = e.next) {
                if (e == entry) {
                    return true;
                }
            }
            return false;
        }

        /** Forgets every entry at once; returns how many. */
        int drop() {
            int gone = count;
            buckets = new Entry[buckets.length];
            count = 0;
            return gone;
        }

        /**
         * Forgets every entry but the pinned ones, which move to a fresh bucket array as
         * {@link #grow} moves entries; returns how many were forgotten.
         */
        int dropUnpinned() {
            Entry[] kept = new Entry[buckets.length];
            int left = 0;
            for (Entry head : buckets) {
                for (Entry e = head, next; e != null; e = next) {
                    next = e.next;
                    if (e.pinned) {
                        int index = index(e.hash, kept);
                        e.next = kept[index];
                        kept[index] = e;
                        left++;
                    }
                }
            }
            int gone = count - left;
            buckets = kept;
            count = left;
            return gone;
        }

        private void grow() {
            Entry[] old = buckets;
            Entry[] grown = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head, next; e != null; e = next) {
                    next = e.next;
                    int index = index(e.hash, grown);
                    e.next = grown[index];
                    grown[index] = e;
                }
            }
            buckets = grown;
        }
    }

    /** How many entries of a chain a look-up without the lock looks at (chains average under one). */
    private static final int PEEK_STEPS = 4;

    private static final class Segment {
        private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();
        final Generation young = new Generation();
        final Generation old = new Generation();
        long dropped;
        /** Pinned entries (all in the old generation). */
        int pinned;

        /** The entry of {@code key} if a look-up without the lock finds it, else null (see the class comment). */
        Entry peek(Object key, int hash) {
            Entry found = old.peek(key, hash);
            return found != null ? found : young.peek(key, hash);
        }

        synchronized Entry find(Object key, int hash) {
            Entry found = old.find(key, hash);
            return found != null ? found : young.find(key, hash);
        }

        synchronized Entry get(WeakIdentityTable table, Object key, int hash) {
            Entry found = find(key, hash);
            if (found != null) {
                return found;
            }
            purge();
            if (young.count >= MAX_YOUNG) {
                dropped += young.drop();
            }
            Entry entry = table.factory.create(key, collected);
            entry.hash = hash;
            young.add(entry);
            return entry;
        }

        synchronized void keep(Entry entry) {
            if (!entry.old) {
                inOld(entry);
            }
        }

        synchronized boolean pin(Entry entry) {
            if (entry.pinned) {
                return true;
            }
            if (pinned >= MAX_PINNED) {
                purge();
            }
            if (pinned >= MAX_PINNED || !inOld(entry)) {
                return false;
            }
            entry.pinned = true;
            pinned++;
            return true;
        }

        /**
         * Whether {@code entry} is in the old generation, where it moves now if it is young; false
         * if it is in neither (dropped with its generation: stays out).
         */
        private boolean inOld(Entry entry) {
            if (entry.old) {
                return old.contains(entry);
            }
            if (!young.remove(entry)) {
                return false;
            }
            if (old.count >= MAX_OLD) {
                dropped += pinned == 0 ? old.drop() : old.dropUnpinned();
            }
            entry.old = true;
            old.add(entry);
            return true;
        }

        /** Unlinks the entries whose keys the collector has cleared. */
        private void purge() {
            for (Object dead; (dead = collected.poll()) != null; ) {
                Entry gone = (Entry) dead;
                if ((gone.old ? old : young).remove(gone) && gone.pinned) {
                    pinned--;
                }
            }
        }
    }
}
