package dev.weft.cli.analysis;

/**
 * How findings name a lock instance: {@code java.util.concurrent.locks.ReentrantLock@1b6d3586}, the
 * class and identity hash in hex as {@code Object.toString()} and thread dumps show them. weft's
 * lock ids are identity hashes, so both of its events name the same lock the same way.
 */
final class LockNames {
    private LockNames() {
    }

    /** The full name of lock {@code id} of {@code className} (null when unknown). */
    static String name(String className, long id) {
        String hex = id == (int) id ? Integer.toHexString((int) id) : Long.toHexString(id);
        return (className == null ? "lock" : className) + "@" + hex;
    }

    /** {@code ReentrantLock@1b6d3586} for {@code java.util.concurrent.locks.ReentrantLock@1b6d3586}: for messages. */
    static String shortName(String lockName) {
        int at = lockName.indexOf('@');
        String className = at < 0 ? lockName : lockName.substring(0, at);
        return className.substring(className.lastIndexOf('.') + 1) + (at < 0 ? "" : lockName.substring(at));
    }
}
