package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

class LoopChecksTest {
    @SuppressWarnings("unused")
    static final class Kernels {
        private final double[] weights = new double[8];
        private double[] scratch = new double[8];
        private int hits;

        double sum(double[] data) {
            double sum = 0;
            for (int i = 0; i < data.length; i++) {
                sum += data[i] * weights[i]; // data from a local, weights a final field: covered
            }
            return sum;
        }

        void scale(double[] data, double factor) {
            for (int i = 0; i < data.length; i++) {
                data[i] = data[i] * factor; // read and written: one need, both kinds
            }
        }

        double throughScratch(double[] data) {
            double sum = 0;
            for (int i = 0; i < data.length; i++) {
                sum += scratch[i] + data[i]; // scratch is not final: not loadable at the head
            }
            return sum;
        }

        void withACall(double[] data) {
            for (int i = 0; i < data.length; i++) {
                data[i] = String.valueOf(data[i]).length(); // calls inside: no covered loop, memos only
            }
        }

        void withMath(double[] data) {
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.sqrt(Math.abs(data[i])); // Math synchronizes nothing: covered
            }
        }

        double withRandom(double[] data) {
            double sum = 0;
            for (int i = 0; i < data.length; i++) {
                sum += data[i] * Math.random(); // an atomic seed: not covered
            }
            return sum;
        }

        void reassigned(double[][] rows) {
            double[] row = rows[0];
            for (int i = 0; i < row.length; i++) {
                row[i] = 1;
                row = rows[i % rows.length]; // the local changes inside the loop
            }
        }

        void nested(double[][] grid) {
            for (int r = 0; r < grid.length; r++) {
                double[] row = grid[r];
                for (int c = 0; c < row.length; c++) {
                    row[c] = r + c; // the inner loop is covered, not the outer one
                }
            }
        }

        int switched(int[] data) {
            int sum = 0;
            for (int i = 0; i < data.length; i++) {
                switch (data[i] & 3) { // the first case's label follows the switch: no loop of its own
                    case 0:
                        sum++;
                        break;
                    case 1:
                        sum += data[i];
                        break;
                    default:
                        sum--;
                }
            }
            return sum;
        }

        int straightLine(int[] data) {
            return data[0] + data[1]; // no loop: nothing
        }

        void counting() {
            for (int i = 0; i < 10; i++) {
                hits++; // a field in a loop: a memo for the write (the read is covered by it)
            }
        }
    }

    private static LoopChecks.Method plan(String method, String descriptor) throws IOException {
        String resource = Kernels.class.getName().replace('.', '/') + ".class";
        try (InputStream in = LoopChecksTest.class.getClassLoader().getResourceAsStream(resource)) {
            ClassReader reader = new ClassReader(in.readAllBytes());
            return LoopChecks.of(reader, CoveredReads.of(reader)).of(method, descriptor);
        }
    }

    private static LoopChecks.Need onlyNeed(LoopChecks.Method plan) {
        assertThat(plan.loops()).hasSize(1);
        return plan.loops().values().iterator().next().needs().get(0);
    }

    @Test
    void aLoopOverALocalAndAFinalFieldIsCoveredAtItsHead() throws IOException {
        LoopChecks.Method plan = plan("sum", "([D)D");

        assertThat(plan.arraySites().cardinality()).isEqualTo(2);
        assertThat(plan.loops()).hasSize(1);
        assertThat(plan.loops().values().iterator().next().needs()).containsExactly(
            new LoopChecks.Need(ArrayOrigins.Source.local(1), true, false),
            new LoopChecks.Need(new ArrayOrigins.Source(0, Kernels.class.getName().replace('.', '/'), "weights", "[D"),
                true, false));
        assertThat(plan.needOfArraySite()).hasSize(2);
        assertThat(plan.flagLocal()).isEqualTo(plan.firstLocal() + plan.count());
    }

    @Test
    void anArrayReadAndWrittenNeedsBothKinds() throws IOException {
        assertThat(onlyNeed(plan("scale", "([DD)V"))).isEqualTo(new LoopChecks.Need(ArrayOrigins.Source.local(1), true, true));
    }

    @Test
    void aNonFinalFieldIsNotLoadedAtTheHead() throws IOException {
        LoopChecks.Method plan = plan("throughScratch", "([D)D");

        assertThat(onlyNeed(plan).source()).isEqualTo(ArrayOrigins.Source.local(1));
        assertThat(plan.needOfArraySite()).hasSize(1);
        assertThat(plan.arraySites().cardinality()).as("both still have memos").isEqualTo(2);
    }

    @Test
    void aLoopWithACallInsideGetsMemosButNoHeadCheck() throws IOException {
        LoopChecks.Method plan = plan("withACall", "([D)V");

        assertThat(plan.count()).isEqualTo(2);
        assertThat(plan.loops()).isEmpty();
        assertThat(plan.flagLocal()).isEqualTo(-1);
    }

    @Test
    void callsThatSynchronizeNothingKeepTheLoopCovered() throws IOException {
        assertThat(onlyNeed(plan("withMath", "([D)V"))).isEqualTo(new LoopChecks.Need(ArrayOrigins.Source.local(1), true, true));
        assertThat(plan("withRandom", "([D)D").loops()).isEmpty();
    }

    @Test
    void anArrayFromALocalTheLoopStoresIsNotCovered() throws IOException {
        LoopChecks.Method plan = plan("reassigned", "([[D)V");

        assertThat(onlyNeed(plan)).as("rows, not row").isEqualTo(new LoopChecks.Need(ArrayOrigins.Source.local(1), true, false));
        assertThat(plan.loops().values().iterator().next().needs()).hasSize(1);
    }

    @Test
    void onlyTheInnermostLoopIsCovered() throws IOException {
        LoopChecks.Method plan = plan("nested", "([[D)V");

        assertThat(onlyNeed(plan)).isEqualTo(new LoopChecks.Need(ArrayOrigins.Source.local(3), false, true));
    }

    @Test
    void aLoopWithASwitchInsideIsCovered() throws IOException {
        assertThat(onlyNeed(plan("switched", "([I)I"))).isEqualTo(new LoopChecks.Need(ArrayOrigins.Source.local(1), true, false));
    }

    @Test
    void straightLineCodeGetsNothing() throws IOException {
        LoopChecks.Method plan = plan("straightLine", "([I)I");

        assertThat(plan.localsAdded()).isZero();
    }

    @Test
    void aFieldWrittenInALoopGetsAMemo() throws IOException {
        LoopChecks.Method plan = plan("counting", "()V");

        assertThat(plan.fieldSites().cardinality()).isEqualTo(1);
        assertThat(plan.arraySites().isEmpty()).isTrue();
        assertThat(plan.firstLocal()).isEqualTo(2);
    }
}
