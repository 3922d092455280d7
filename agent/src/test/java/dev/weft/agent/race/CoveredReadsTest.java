package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

class CoveredReadsTest {
    @SuppressWarnings("unused")
    static final class Counters {
        private int count;
        private long total;
        private int other;
        private Counters next;

        void increment() {
            count++; // getfield #0, covered
        }

        void add(long amount) {
            total += amount; // getfield #0, covered
        }

        void explicit() {
            count = count + 2; // aload_0; aload_0; getfield: covered
        }

        void fromAnotherField() {
            count = other + 1; // getfield other #0, then putfield count: not covered
        }

        void throughACall() {
            count += compute(); // a call between the read and the write: not covered
        }

        void ofAnotherObject() {
            next.count++; // getfield next #0 (not covered), dup, getfield count #1 (covered)
        }

        int readOnly() {
            return count; // no write after: not covered
        }

        private int compute() {
            return 3;
        }
    }

    private static BitSet covered(String method, String descriptor) throws IOException {
        String resource = Counters.class.getName().replace('.', '/') + ".class";
        try (InputStream in = CoveredReadsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return CoveredReads.of(new ClassReader(in.readAllBytes())).of(method, descriptor);
        }
    }

    @Test
    void readModifyWriteOfOneFieldIsCovered() throws IOException {
        assertThat(covered("increment", "()V")).isEqualTo(BitSet.valueOf(new long[] {0b1}));
        assertThat(covered("add", "(J)V")).isEqualTo(BitSet.valueOf(new long[] {0b1}));
        assertThat(covered("explicit", "()V")).isEqualTo(BitSet.valueOf(new long[] {0b1}));
    }

    @Test
    void readsOfOtherFieldsOrWithCallsBetweenAreNotCovered() throws IOException {
        assertThat(covered("fromAnotherField", "()V").isEmpty()).isTrue();
        assertThat(covered("throughACall", "()V").isEmpty()).isTrue();
        assertThat(covered("readOnly", "()I").isEmpty()).isTrue();
    }

    @Test
    void onlyTheReadOfTheWrittenFieldIsCovered() throws IOException {
        assertThat(covered("ofAnotherObject", "()V")).isEqualTo(BitSet.valueOf(new long[] {0b10}));
    }
}
