package dev.weft.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RecursiveAction;
import org.junit.jupiter.api.Test;

class ModelCoverageTest {
    private static final Class<?>[] LOADED = {
        Thread.class, ConcurrentHashMap.class, ArrayList.class, uniApply(), RecursiveAction.class,
        ApplicationTask.class, ModelCoverageTest.class,
    };

    @Test
    void withRacesEveryModelledJdkClassThatWasNotTransformedIsNamed() {
        ModelCoverage coverage = coverage(true);
        coverage.transformed(Thread.class.getName());
        coverage.transformed(ConcurrentHashMap.class.getName());

        // ArrayList is not modelled; the application's own classes are never the models' business
        assertThat(coverage.notApplied(LOADED))
            .containsExactly(uniApply().getName(), RecursiveAction.class.getName());
    }

    @Test
    void withoutRacesOnlyTheThreadClassesAreModelled() {
        ModelCoverage coverage = coverage(false);

        assertThat(coverage.notApplied(LOADED)).containsExactly(Thread.class.getName());
        coverage.transformed(Thread.class.getName());
        assertThat(coverage.notApplied(LOADED)).isEmpty();
    }

    @Test
    void beforeInstallationNothingIsMissing() {
        assertThat(new ModelCoverage().notApplied()).isEmpty();
    }

    @Test
    void aLongListIsCut() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ModelCoverage.NAMED + 3; i++) {
            names.add("C" + i);
        }

        assertThat(ModelCoverage.describe(names)).startsWith("C0, C1, ").endsWith("C9 and 3 more");
        assertThat(ModelCoverage.describe(List.of("A", "B"))).isEqualTo("A, B");
    }

    /** A coverage of the models the agent applies; {@code races}: with the synchronization models. */
    private static ModelCoverage coverage(boolean races) {
        ModelCoverage coverage = new ModelCoverage();
        coverage.modelsAre(Instrumenter.jdkModels(races), races);
        return coverage;
    }

    /** A completion class of the JDK's: what the models must reach however it was loaded. */
    private static Class<?> uniApply() {
        try {
            return Class.forName("java.util.concurrent.CompletableFuture$UniApply", false, CompletableFuture.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static final class ApplicationTask extends RecursiveAction {
        @Override
        protected void compute() {
        }
    }
}
