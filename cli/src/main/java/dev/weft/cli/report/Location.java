package dev.weft.cli.report;

import java.util.List;

/**
 * One place a finding was seen: the code position and the thread, plus what the rule knows about
 * it.
 *
 * @param at              the code position
 * @param thread          the thread's name, or null when unknown
 * @param access          what happened there ({@code read}, {@code write}, {@code acquired},
 *                        {@code waits for}), or null
 * @param stack           frames in {@code pkg.Class.method(File:line)} form, innermost first
 * @param locksHeld       the locks the thread held there, empty when none or unknown
 * @param threadCreatedAt where that thread was started, or null when unknown
 * @param lock            the lock the access was about (the one acquired, or waited for), or null
 * @param lockOwner       the thread that held {@code lock} while this one waited for it, or null
 * @param stackSource     where {@code stack} and {@code locksHeld} were seen, when the rule says (data
 *                        races); null when they are simply this location's
 * @param stackThread     the thread they were seen on, when not {@code thread}; else null
 * @param locksKnown      whether {@code locksHeld} is known, so that an empty list means "none"
 *                        rather than "not recorded"
 * @param origin          whose code {@code at} is in; when null, judged by its package name until the
 *                        {@link ReportBuilder} attributes it by the recorded code sources
 */
public record Location(Frame at, String thread, String access, List<String> stack, List<String> locksHeld,
                       Frame threadCreatedAt, String lock, String lockOwner, StackSource stackSource,
                       String stackThread, boolean locksKnown, CodeOrigin origin) {
    public Location {
        stack = stack == null ? List.of() : List.copyOf(stack);
        locksHeld = locksHeld == null ? List.of() : List.copyOf(locksHeld);
        locksKnown = locksKnown || !locksHeld.isEmpty();
        if (origin == null) {
            origin = CodeOrigin.byPackageName(at.className());
        }
    }

    /** A location whose stack and locks are its own, its origin judged by package until attributed. */
    public Location(Frame at, String thread, String access, List<String> stack, List<String> locksHeld,
                    Frame threadCreatedAt, String lock, String lockOwner, StackSource stackSource,
                    String stackThread, boolean locksKnown) {
        this(at, thread, access, stack, locksHeld, threadCreatedAt, lock, lockOwner, stackSource, stackThread,
                locksKnown, null);
    }

    /** A location that is about one lock, as lock rules report them. */
    public Location(Frame at, String thread, String access, List<String> stack, List<String> locksHeld,
                    Frame threadCreatedAt, String lock, String lockOwner) {
        this(at, thread, access, stack, locksHeld, threadCreatedAt, lock, lockOwner, null, null, false);
    }

    /** A location of a field access or other event that is not about one particular lock. */
    public Location(Frame at, String thread, String access, List<String> stack, List<String> locksHeld,
                    Frame threadCreatedAt) {
        this(at, thread, access, stack, locksHeld, threadCreatedAt, null, null);
    }

    public Location(Frame at, String thread) {
        this(at, thread, null, List.of(), List.of(), null);
    }

    /** This location with its origin as the recordings tell it. */
    public Location attributedBy(CodeOrigins origins) {
        return new Location(at, thread, access, stack, locksHeld, threadCreatedAt, lock, lockOwner, stackSource,
                stackThread, locksKnown, origins.of(at.className()));
    }
}
