package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.junit.jupiter.api.Test;

/** An updater's operations use the clock its field's volatile reads and writes use. */
class FieldUpdaterKeysTest {
    static final class Holder {
        volatile int count;
        volatile String name;
    }

    @Test
    void anUpdaterOfAnApplicationFieldUsesTheFieldsClockOnTheObjectItIsGiven() {
        AtomicIntegerFieldUpdater<Holder> count = AtomicIntegerFieldUpdater.newUpdater(Holder.class, "count");
        FieldUpdaterKeys.made(count, Holder.class, "count");
        int fieldId = Fields.register(Holder.class.getName() + ".count", false);
        Holder one = new Holder();
        Holder other = new Holder();

        for (int round = 0; round < 2; round++) { // the second from the cache
            assertThat(FieldUpdaterKeys.slot(count, one)).isEqualTo(SyncClocks.slotOf(one, fieldId));
            assertThat(FieldUpdaterKeys.slot(count, other)).isEqualTo(SyncClocks.slotOf(other, fieldId));
        }
        assertThat(FieldUpdaterKeys.slot(count, null)).isEqualTo(FieldUpdaterKeys.IGNORED);
    }

    /* Made before weft was attached: the field is read from the updater (the test JVM opens what the agent opens). */
    @Test
    void anUpdaterNotSeenMadeIsToldItsFieldByTheUpdaterItself() {
        AtomicReferenceFieldUpdater<Holder, String> unseen =
            AtomicReferenceFieldUpdater.newUpdater(Holder.class, String.class, "name");
        int fieldId = Fields.register(Holder.class.getName() + ".name", false);
        Holder holder = new Holder();

        for (int round = 0; round < 2; round++) { // the second from the cache
            assertThat(FieldUpdaterKeys.slot(unseen, holder)).isEqualTo(SyncClocks.slotOf(holder, fieldId));
        }
        assertThat(UpdaterFields.nameOf(AtomicIntegerFieldUpdater.newUpdater(Holder.class, "count"))).isEqualTo("count");
    }

    @Test
    void updatersOfTheJdksClassesAndOfOtherKindsHaveNoField() {
        FieldUpdaterKeys.made(new Object(), Thread.class, "threadStatus");

        assertThat(UpdaterFields.nameOf(new Object())).isNull();
        assertThat(UpdaterFields.nameOf(new ProgramsOwnUpdater())).isNull();
    }

    /** An updater class of a program's own: nothing to read from it. */
    private static final class ProgramsOwnUpdater extends AtomicIntegerFieldUpdater<Holder> {
        @Override public boolean compareAndSet(Holder obj, int expect, int update) { return false; }
        @Override public boolean weakCompareAndSet(Holder obj, int expect, int update) { return false; }
        @Override public void set(Holder obj, int newValue) { }
        @Override public void lazySet(Holder obj, int newValue) { }
        @Override public int get(Holder obj) { return 0; }
    }
}
