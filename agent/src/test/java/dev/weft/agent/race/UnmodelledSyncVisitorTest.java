package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which calls count as synchronization that weft does not model, and which do not. */
class UnmodelledSyncVisitorTest {

    @Test
    void memoryFencesOfVarHandleAndUnsafe() {
        assertThat(UnmodelledSyncVisitor.primitive("java/lang/invoke/VarHandle", "releaseFence", "()V"))
            .isEqualTo("VarHandle.releaseFence");
        assertThat(UnmodelledSyncVisitor.primitive("java/lang/invoke/VarHandle", "storeStoreFence", "()V"))
            .isEqualTo("VarHandle.storeStoreFence");
        assertThat(UnmodelledSyncVisitor.primitive("sun/misc/Unsafe", "fullFence", "()V")).isEqualTo("Unsafe.fullFence");
        assertThat(UnmodelledSyncVisitor.primitive("jdk/internal/misc/Unsafe", "loadLoadFence", "()V"))
            .isEqualTo("Unsafe.loadLoadFence");
    }

    @Test
    void unsafesOrderedOperations() {
        for (String name : new String[] {"compareAndSwapInt", "putOrderedLong", "getIntVolatile", "putObjectVolatile",
            "getAndAddLong", "getAndSetObject", "compareAndSetReference", "weakCompareAndSetIntRelease",
            "putIntRelease", "getLongAcquire", "getIntOpaque"}) {
            assertThat(UnmodelledSyncVisitor.primitive("sun/misc/Unsafe", name, "()V")).as(name)
                .isEqualTo("Unsafe." + name);
        }
    }

    @Test
    void plainCallsAndOtherMethodsOfThoseClassesAreNotSynchronization() {
        assertThat(UnmodelledSyncVisitor.primitive("sun/misc/Unsafe", "getInt", "(Ljava/lang/Object;J)I")).isNull();
        assertThat(UnmodelledSyncVisitor.primitive("sun/misc/Unsafe", "allocateMemory", "(J)J")).isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/util/concurrent/locks/LockSupport", "getBlocker",
            "(Ljava/lang/Thread;)Ljava/lang/Object;")).isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/lang/Thread", "sleep", "(J)V")).isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/util/concurrent/locks/LockSupport", "parkNanos", "(J)V"))
            .as("park and unpark order no memory: a race around them is a race").isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/util/concurrent/locks/LockSupport", "unpark",
            "(Ljava/lang/Thread;)V")).isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/lang/Thread", "onSpinWait", "()V"))
            .as("a spin loop's ordering is its volatile or atomic read").isNull();
        assertThat(UnmodelledSyncVisitor.primitive("java/lang/invoke/VarHandle", "get", "([Ljava/lang/Object;)"
            + "Ljava/lang/Object;")).as("VarHandle accesses are another matter").isNull();
        assertThat(UnmodelledSyncVisitor.primitive("com/acme/Fence", "fullFence", "()V")).isNull();
    }
}
