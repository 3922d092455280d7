package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * An object's shadows: one per field, the same one for as long as the object lives, whether it is
 * the map itself (the first field's), in the map's chain or (past {@link ShadowMap#CHAIN} more
 * fields) in its table, and whichever threads create them at once.
 */
class ShadowMapTest {
    @Test
    void aFieldKeepsItsShadowAndFieldsHaveTheirOwn() {
        ShadowMap map = ShadowMap.create();
        Shadow first = map.get(7);
        Shadow second = map.get(8);

        assertThat(map.get(7)).isSameAs(first);
        assertThat(map.get(8)).isSameAs(second);
        assertThat(first).isNotSameAs(second);
        assertThat(first).isSameAs(map); // the first field's shadow is the map itself
        assertThat(((FieldShadow) second).field).isEqualTo(8);
    }

    @Test
    void shadowsStayTheSameWhenTheChainBecomesATable() {
        ShadowMap map = ShadowMap.create();
        List<Shadow> shadows = new ArrayList<>();
        // ids that collide in a table of 16 and 32 places, and neighbours
        int[] ids = {3, 19, 35, 51, 4, 67, 5, 83, 99, 6, 115, 131, 147, 163, 179, 195, 211, 227, 243, 259, 2, 1, 0};
        for (int id : ids) {
            shadows.add(map.get(id));
            for (int i = 0; i < shadows.size(); i++) {
                assertThat(map.get(ids[i])).isSameAs(shadows.get(i));
            }
        }
        IdentityHashMap<Shadow, Boolean> distinct = new IdentityHashMap<>();
        for (Shadow shadow : shadows) {
            distinct.put(shadow, Boolean.TRUE);
        }
        assertThat(distinct).hasSize(ids.length);
    }

    @Test
    void threadsCreatingShadowsAtOnceGetTheSameOnes() throws Exception {
        for (int round = 0; round < 50; round++) {
            ShadowMap map = ShadowMap.create();
            int threads = 4;
            int fields = 3 + round % 20; // chains, the switch to a table, and tables that grow
            Shadow[][] seen = new Shadow[threads][fields];
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < fields; i++) {
                        int field = thread % 2 == 0 ? i : fields - 1 - i;
                        seen[thread][field] = map.get(field * 16 + thread % 3);
                    }
                });
                worker.start();
                started.add(worker);
            }
            start.countDown();
            for (Thread worker : started) {
                worker.join();
            }
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < fields; i++) {
                    assertThat(seen[t][i]).isSameAs(map.get(i * 16 + t % 3));
                }
            }
        }
    }
}
