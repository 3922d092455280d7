package dev.weft.runtime;

/**
 * The locks a thread holds, told for an event: one a line, outermost first, each as
 * {@code lockClass@hexIdentity siteClass.siteMethod:siteLine} with where it was taken (the event
 * schema's {@code heldLocks}). A lock held reentrantly is listed once, where it was first taken.
 *
 * <p>Only report paths call this: the identity hash inflates a held monitor.
 */
final class HeldLocks {
    private HeldLocks() {
    }

    /** The locks {@code state}'s thread holds; empty when none. */
    static String describe(ThreadState state) {
        int held = state.held;
        if (held == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        Object[] locks = state.locks;
        for (int index = 0; index < held; index++) {
            Object lock = locks[index];
            if (lock == null || heldBefore(locks, index)) {
                continue;
            }
            LockSite site = LockSites.get(state.sites[index]);
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(lock.getClass().getName()).append('@').append(Integer.toHexString(System.identityHashCode(lock)))
                .append(' ').append(site.className()).append('.').append(site.methodName()).append(':')
                .append(site.line());
        }
        return text.toString();
    }

    private static boolean heldBefore(Object[] locks, int index) {
        for (int outer = 0; outer < index; outer++) {
            if (locks[outer] == locks[index]) {
                return true;
            }
        }
        return false;
    }
}
