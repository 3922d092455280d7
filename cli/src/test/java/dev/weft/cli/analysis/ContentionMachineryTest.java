package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentionMachineryTest {
    private static final List<Frame> FROM_THE_JDK = List.of(
        new Frame("java.util.concurrent.atomic.AtomicLong", "compareAndSet", 151),
        new Frame("com.acme.Counter", "next", 12));

    @Test
    void weftsOwnLocksAreNotTheProgramsContention() {
        // race detection's clock table, locked inside a hook of AtomicLong (weft's frames are left out)
        assertThat(ContentionAnalyzer.isMachinery("dev.weft.runtime.SyncClocks$Slot[]", FROM_THE_JDK)).isTrue();
        assertThat(ContentionAnalyzer.isMachinery("dev.weft.runtime.SyncClocks$Slot", FROM_THE_JDK)).isTrue();
    }

    @Test
    void theProgramsAndTheJdksLocksAre() {
        assertThat(ContentionAnalyzer.isMachinery("com.acme.Account", FROM_THE_JDK)).isFalse();
        assertThat(ContentionAnalyzer.isMachinery("java.util.ArrayDeque", FROM_THE_JDK)).isFalse();
        assertThat(ContentionAnalyzer.isMachinery("dev.weft.cli.testing.Scenarios$GuardedResource", FROM_THE_JDK))
            .isFalse();
    }

    @Test
    void jfrsRecorderAndAnEndingThreadAreMachinery() {
        assertThat(ContentionAnalyzer.isMachinery("java.lang.Object",
            List.of(new Frame("jdk.jfr.internal.PlatformRecorder", "rotate", 1)))).isTrue();
        assertThat(ContentionAnalyzer.isMachinery(Thread.class.getName(), List.of())).isTrue();
    }

    @Test
    void theJvmsClassLoadingLocksAreToldApart() {
        assertThat(ContentionAnalyzer.classLoadingLock("int[]", FROM_THE_JDK)).isEqualTo("class initialization");
        assertThat(ContentionAnalyzer.classLoadingLock("java.lang.Object",
            List.of(new Frame("jdk.internal.loader.BuiltinClassLoader", "loadClassOrNull", 651),
                new Frame("com.acme.Client", "send", 100)))).isEqualTo("class loading");
        assertThat(ContentionAnalyzer.classLoadingLock("java.lang.Object", FROM_THE_JDK)).isNull();
        assertThat(ContentionAnalyzer.classLoadingLock("com.acme.Account", List.of())).isNull();
    }
}
