package dev.weft.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Shadow state for objects weft cannot give a field of their own — arrays, and objects of JDK
 * classes that are not thread-safe — keyed by identity and held weakly.
 *
 * <p>A global identity map is the expensive way to keep shadows (measured at 3–13× on its own),
 * so it is only for these objects, and callers keep a per-thread cache of the last key in front
 * of it. The table is split into independently locked segments; each segment's chains are
 * purged of collected keys whenever it inserts, so the table never keeps an application object
 * alive and shrinks back as they die. Its size is capped ({@value #MAX_ENTRIES} live keys): past
 * that, {@link #get} returns null and the caller leaves the object unchecked (counted in
 * {@link #overflowed()}), which can miss a race but never invent one.
 *
 * <p>Values are created by the caller's {@link Factory} under the segment lock, once per key.
 */
final class WeakIdentityTable {
    static final int MAX_ENTRIES = 1 << 22;
    private static final int SEGMENTS = 64;

    /** Creates the value of a key seen for the first time. */
    interface Factory {
        Object create(Object key);
    }

    private final Segment[] segments = new Segment[SEGMENTS];
    private final Factory factory;
    /** Approximate: segments update these without a common lock (a cap, not an account). */
    private volatile int size;
    private volatile long overflowed;

    WeakIdentityTable(Factory factory) {
        this.factory = factory;
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** The value of {@code key}, created on first use; null once the table is full. */
    Object get(Object key) {
        int hash = mix(System.identityHashCode(key));
        return segments[hash & (SEGMENTS - 1)].get(this, key, hash >>> 6);
    }

    /** How many lookups found the table full and left their object unchecked. */
    long overflowed() {
        return overflowed;
    }

    /** Live (or not yet purged) keys. */
    int size() {
        return size;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final Object value;
        Entry next;

        Entry(Object key, int hash, Object value, Entry next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final class Segment {
        private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();
        private Entry[] buckets = new Entry[16];
        private int count;

        synchronized Object get(WeakIdentityTable table, Object key, int hash) {
            Entry[] current = buckets;
            for (Entry e = current[hash & (current.length - 1)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e.value;
                }
            }
            purge(table);
            if (table.size >= MAX_ENTRIES) {
                table.overflowed++;
                return null;
            }
            if (count * 4 >= buckets.length * 3) {
                grow();
            }
            Object value = table.factory.create(key);
            int index = hash & (buckets.length - 1);
            buckets[index] = new Entry(key, hash, value, buckets[index], collected);
            count++;
            table.size++;
            return value;
        }

        /** Unlinks the entries whose keys the collector has cleared. */
        private void purge(WeakIdentityTable table) {
            for (Object dead; (dead = collected.poll()) != null; ) {
                Entry gone = (Entry) dead;
                int index = gone.hash & (buckets.length - 1);
                Entry previous = null;
                for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
                    if (e == gone) {
                        if (previous == null) {
                            buckets[index] = e.next;
                        } else {
                            previous.next = e.next;
                        }
                        count--;
                        table.size--;
                        break;
                    }
                }
            }
        }

        private void grow() {
            Entry[] old = buckets;
            Entry[] grown = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head, next; e != null; e = next) {
                    next = e.next;
                    int index = e.hash & (grown.length - 1);
                    e.next = grown[index];
                    grown[index] = e;
                }
            }
            buckets = grown;
        }
    }
}
