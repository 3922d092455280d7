package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityTableTest {
    private final WeakIdentityTable table = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public WeakIdentityTable.Entry create(Object key, java.lang.ref.ReferenceQueue<Object> queue) {
            return new WeakIdentityTable.Entry(key, queue);
        }
    });

    @Test
    void concurrentLookUpsInsertsKeepsAndDropsAlwaysAnswerWithTheKeysOwnEntry() throws InterruptedException {
        Object[] shared = new Object[2_000];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = new Object();
        }
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                java.util.Random random = new java.util.Random(seed);
                for (int i = 0; i < 200_000; i++) {
                    Object key = random.nextBoolean() ? shared[random.nextInt(shared.length)] : new int[1];
                    WeakIdentityTable.Entry entry = table.get(key);
                    if (entry.get() != key) {
                        wrong.incrementAndGet();
                    }
                    if ((i & 3) == 0) {
                        table.keep(entry); // moves entries between generations while others look
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(wrong.get()).isZero();
        assertThat(table.dropped()).as("generations were dropped meanwhile").isPositive();
    }

    @Test
    void aKeyHasOneEntryThatRefersToIt() {
        int[] key = new int[1];
        WeakIdentityTable.Entry entry = table.get(key);

        assertThat(table.get(key)).isSameAs(entry);
        assertThat(entry.get()).isSameAs(key);
        assertThat(table.get(new int[1])).as("by identity, not equality").isNotSameAs(entry);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void findingAKeyMakesNoEntry() {
        int[] key = new int[1];
        assertThat(table.find(key)).isNull();
        assertThat(table.size()).isZero();

        WeakIdentityTable.Entry entry = table.get(key);
        assertThat(table.find(key)).isSameAs(entry);
        table.keep(entry);
        assertThat(table.find(key)).isSameAs(entry);
    }

    @Test
    void aFullYoungGenerationIsDroppedWholeWhileKeptEntriesStay() {
        List<Object> kept = new ArrayList<>();
        List<WeakIdentityTable.Entry> keptEntries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Object key = new Object();
            WeakIdentityTable.Entry entry = table.get(key);
            table.keep(entry);
            kept.add(key);
            keptEntries.add(entry);
        }
        List<Object> young = new ArrayList<>();
        for (int i = 0; i < WeakIdentityTable.MAX_YOUNG * 64 * 2; i++) {
            Object key = new Object();
            young.add(key);
            table.get(key);
        }

        assertThat(table.dropped()).as("every key is still alive: full generations were dropped").isPositive();
        assertThat(table.size()).isLessThanOrEqualTo(WeakIdentityTable.MAX_ENTRIES);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(table.get(kept.get(i))).as("kept").isSameAs(keptEntries.get(i));
        }
        WeakIdentityTable.Entry again = table.get(young.get(0));
        assertThat(again.get()).as("a dropped key gets a fresh entry").isSameAs(young.get(0));
    }

    @Test
    void pinnedEntriesOutliveDropsOfTheOldGeneration() {
        List<Object> pinned = new ArrayList<>();
        List<WeakIdentityTable.Entry> pinnedEntries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Object key = new Object();
            WeakIdentityTable.Entry entry = table.get(key);
            assertThat(table.pin(entry)).isTrue();
            pinned.add(key);
            pinnedEntries.add(entry);
        }
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < WeakIdentityTable.MAX_OLD * 64 * 2; i++) {
            Object key = new Object();
            kept.add(key);
            table.keep(table.get(key));
        }

        assertThat(table.dropped()).as("old generations were dropped").isPositive();
        assertThat(table.size()).isLessThanOrEqualTo(WeakIdentityTable.MAX_ENTRIES);
        for (int i = 0; i < pinned.size(); i++) {
            assertThat(table.get(pinned.get(i))).as("pinned").isSameAs(pinnedEntries.get(i));
            assertThat(table.pin(pinnedEntries.get(i))).isTrue();
        }
    }

    @Test
    void anEntryThatLeftTheTableIsNotPinned() {
        Object key = new Object();
        WeakIdentityTable.Entry first = table.get(key);
        for (int i = 0; i < WeakIdentityTable.MAX_YOUNG * 64 * 2; i++) {
            table.get(new Object());
        }
        WeakIdentityTable.Entry second = table.get(key);

        assertThat(second).as("the first was dropped with its generation").isNotSameAs(first);
        assertThat(table.pin(first)).isFalse();
        assertThat(table.pin(second)).isTrue();
        assertThat(table.get(key)).isSameAs(second);
    }

    @Test
    void aSegmentPinsAtMostItsLimit() {
        List<Object> keys = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < WeakIdentityTable.MAX_PINNED * 64 * 2; i++) {
            Object key = new Object();
            keys.add(key);
            if (!table.pin(table.get(key))) {
                refused++;
            }
        }

        assertThat(refused).isGreaterThanOrEqualTo(WeakIdentityTable.MAX_PINNED * 64);
        assertThat(table.size()).isLessThanOrEqualTo(WeakIdentityTable.MAX_ENTRIES);
    }

    @Test
    void entriesOfCollectedKeysArePurgedAsTheTableInserts() throws InterruptedException {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object key = new Object();
            table.get(key);
            if (i % 10 == 0) {
                kept.add(key);
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            table.keep(table.get(kept.get(i)));
        }

        for (int attempt = 0; attempt < 50 && table.size() > 5_000; attempt++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 1_000; i++) {
                table.get(new Object()); // inserts purge each segment's collected keys
            }
        }

        assertThat(table.size()).as("nothing keeps keys alive").isLessThan(5_000);
        for (Object key : kept) {
            assertThat(table.get(key).get()).isSameAs(key);
        }
    }
}
