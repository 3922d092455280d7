package dev.weft.runtime;

/**
 * The shadows of one object's fields, by weft field id: a small open-addressed table (objects
 * have few fields and most are never shared). Each instrumented application class gets a
 * private field holding its objects' map (see {@code weft$shadows()}); concurrent first uses may
 * briefly create two maps, which can only lose history, never invent a race.
 *
 * <p>Keys and values live in one {@link Table} that is replaced whole when it grows, so a
 * lock-free reader always pairs a key with its own value.
 */
public final class ShadowMap {
    private volatile Table table = new Table(4);
    /** The clock of the object's monitor, and the weft number of the thread that released it last (see {@link MonitorClocks}). */
    VectorClock monitorClock;
    int monitorReleaser;
    int monitorReleaseTime;

    /** The map a fresh object starts with; called by injected code. */
    public static ShadowMap create() {
        return new ShadowMap();
    }

    private static final class Table {
        final int[] ids;
        final Shadow[] shadows;
        int size;

        Table(int capacity) {
            ids = new int[capacity];
            shadows = new Shadow[capacity];
        }
    }

    Shadow get(int fieldId) {
        Table current = table;
        int[] keys = current.ids;
        int mask = keys.length - 1;
        int key = fieldId + 1;
        for (int i = key & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                Shadow found = current.shadows[i];
                if (found != null) {
                    return found;
                }
                return insert(fieldId);
            }
            if (k == 0) {
                return insert(fieldId);
            }
        }
    }

    private synchronized Shadow insert(int fieldId) {
        Table current = table;
        int key = fieldId + 1;
        int mask = current.ids.length - 1;
        for (int i = key & mask; ; i = (i + 1) & mask) {
            if (current.ids[i] == key) {
                return current.shadows[i];
            }
            if (current.ids[i] == 0) {
                if ((current.size + 1) * 2 > current.ids.length) {
                    table = grown(current);
                    return insert(fieldId);
                }
                Shadow shadow = new Shadow();
                current.shadows[i] = shadow; // value before key: a reader that sees the key finds it
                current.ids[i] = key;
                current.size++;
                return shadow;
            }
        }
    }

    private static Table grown(Table old) {
        Table grown = new Table(old.ids.length * 2);
        int mask = grown.ids.length - 1;
        for (int j = 0; j < old.ids.length; j++) {
            if (old.ids[j] != 0) {
                int i = old.ids[j] & mask;
                while (grown.ids[i] != 0) {
                    i = (i + 1) & mask;
                }
                grown.ids[i] = old.ids[j];
                grown.shadows[i] = old.shadows[j];
            }
        }
        grown.size = old.size;
        return grown;
    }
}
