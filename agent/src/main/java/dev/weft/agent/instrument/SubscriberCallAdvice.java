package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the methods of {@code SubmissionPublisher.BufferedSubscription} — the buffer
 * between a publisher and one subscriber — that call the subscriber ({@code consumeNext},
 * {@code consumeSubscribe}, {@code consumeComplete}, {@code consumeError}), on a task of the
 * publisher's executor. The publisher hands items and signals over through the buffer's array and
 * control word with the JDK's own {@code VarHandle}s, which no model orders; so its hand-offs
 * ({@code offer}, {@code onComplete}, ...) publish on the subscription, and each call of the
 * subscriber takes that in first: what a thread did before {@code submit}, {@code offer} or
 * {@code close} happens before the subscriber's {@code onNext} or {@code onComplete}, as the class
 * promises. The call then publishes what the subscriber did, so that its calls are ordered one
 * after another (the {@code Flow} contract) though successive consumer tasks may run on different
 * threads of the executor; nothing publishes them to the publisher's threads.
 */
final class SubscriberCallAdvice {
    private SubscriberCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object subscription) {
        Hooks.syncExit(subscription);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object subscription) {
        Hooks.syncEnter(subscription);
    }
}
