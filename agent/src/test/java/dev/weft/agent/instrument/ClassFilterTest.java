package dev.weft.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassFilterTest {

    @Test
    void byDefaultInstrumentsEverythingOutsideTheJdkAndWeft() {
        ClassFilter filter = new ClassFilter(List.of(), List.of());

        assertThat(filter.instruments("com.acme.Shop")).isTrue();
        assertThat(filter.instruments("org.h2.engine.Session")).isTrue();
        assertThat(filter.instruments("java.util.HashMap")).isFalse();
        assertThat(filter.instruments("jdk.internal.misc.Unsafe")).isFalse();
        assertThat(filter.instruments("sun.nio.ch.Net")).isFalse();
        assertThat(filter.instruments("dev.weft.runtime.Hooks")).isFalse();
        assertThat(filter.instruments("dev.weft.shaded.bytebuddy.ByteBuddy")).isFalse();
    }

    @Test
    void includeNarrowsAndExcludeCutsOut() {
        ClassFilter filter = new ClassFilter(List.of("com.acme.*"), List.of("com.acme.generated.*"));

        assertThat(filter.instruments("com.acme.Shop")).isTrue();
        assertThat(filter.instruments("com.acme.web.Handler$1")).isTrue();
        assertThat(filter.instruments("com.acme.generated.Dto")).isFalse();
        assertThat(filter.instruments("org.h2.engine.Session")).isFalse();
        assertThat(filter.instruments("com.acmex.Other")).isFalse();
    }
}
