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
        int hash = mix(System.identityHashCode(key));
        Segment segment = segments[hash & (SEGMENTS - 1)];
        Entry found = segment.peek(key, hash);
        return found != null ? found : segment.get(this, key, hash);
    }

    /** The entry of {@code key} if it has one, else null (none is created). */
    Entry find(Object key) {
        int hash = mix(System.identityHashCode(key));
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

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
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

        /** Forgets every entry at once; returns how many. */
        int drop() {
            int gone = count;
            buckets = new Entry[buckets.length];
            count = 0;
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
            if (entry.old || !young.remove(entry)) {
                return; // already kept, or dropped with its generation: stays out
            }
            if (old.count >= MAX_OLD) {
                dropped += old.drop();
            }
            entry.old = true;
            old.add(entry);
        }

        /** Unlinks the entries whose keys the collector has cleared. */
        private void purge() {
            for (Object dead; (dead = collected.poll()) != null; ) {
                Entry gone = (Entry) dead;
                (gone.old ? old : young).remove(gone);
            }
        }
    }
}
