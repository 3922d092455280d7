package dev.weft.cli.testing;

import dev.weft.runtime.TestRaceHooks;

/** A back-off that spins, as reported by the agent: synchronization weft does not model, far from any data. */
final class Backoff {
    private Backoff() {
    }

    static void spin() {
        TestRaceHooks.unmodelled("Thread.onSpinWait");
    }
}
