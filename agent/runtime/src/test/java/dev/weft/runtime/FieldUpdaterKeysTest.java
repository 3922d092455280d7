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

    @Test
    void updatersNotSeenMadeAndUpdatersOfTheJdksClassesHaveNoClock() {
        AtomicReferenceFieldUpdater<Holder, String> unseen =
            AtomicReferenceFieldUpdater.newUpdater(Holder.class, String.class, "name");
        FieldUpdaterKeys.made(new Object(), Thread.class, "threadStatus");

        assertThat(FieldUpdaterKeys.slot(unseen, new Holder())).isEqualTo(FieldUpdaterKeys.IGNORED);
        assertThat(FieldUpdaterKeys.slot(unseen, new Holder())).isEqualTo(FieldUpdaterKeys.IGNORED);
    }
}
