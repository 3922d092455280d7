package dev.weft.runtime;

/**
 * A numbered, append-only table that hooks read without locking: the agent adds entries while
 * it transforms classes and bakes their numbers into the bytecode; hooks look them up by number.
 * The table grows in fixed chunks that never move, and the chunk array is republished through a
 * volatile write after each addition, so a reader sees either the old or the new array, both
 * valid for every number it can have been given.
 */
final class Registry<T> {
    private static final int CHUNK = 1024;
    private volatile Object[][] chunks = new Object[][] {new Object[CHUNK]};
    private int count;

    /** Adds {@code entry} and returns its number. */
    synchronized int add(T entry) {
        int id = count;
        Object[][] current = chunks;
        if (id / CHUNK == current.length) {
            Object[][] grown = new Object[current.length + 1][];
            System.arraycopy(current, 0, grown, 0, current.length);
            grown[current.length] = new Object[CHUNK];
            current = grown;
        }
        current[id / CHUNK][id % CHUNK] = entry;
        count = id + 1;
        chunks = current;
        return id;
    }

    @SuppressWarnings("unchecked")
    T get(int id) {
        return (T) chunks[id / CHUNK][id % CHUNK];
    }

    synchronized int size() {
        return count;
    }
}
