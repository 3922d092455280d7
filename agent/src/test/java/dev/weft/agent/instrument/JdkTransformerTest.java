package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkTransformerTest {
    private final AtomicLong transformed = new AtomicLong();
    private final ModelCoverage coverage = new ModelCoverage();
    private final List<JdkModels.Model> models = new JdkModels()
        .type(named(Thread.class.getName()))
        .transform(new PreparedAdvice().advice(named("start"), ThreadStartAdvice.class))
        .list();
    private final JdkTransformer transformer = new JdkTransformer(models, false, transformed, coverage, JdkClassCache.OFF);

    @Test
    void aModelledBootClassGetsItsAdvice() throws IOException {
        byte[] rewritten = transformer.transform(null, "java/lang/Thread", null, null, bootClassFile(Thread.class));

        assertThat(rewritten).isNotNull();
        assertThat(new String(rewritten, StandardCharsets.ISO_8859_1)).contains("dev/weft/runtime/Hooks");
        assertThat(transformed).hasValue(1);
        coverage.modelsAre(models, false);
        assertThat(coverage.notApplied(new Class<?>[] {Thread.class})).isEmpty();
    }

    @Test
    void everyOtherClassIsLeftAtOnce() throws IOException {
        assertThat(transformer.transform(null, "java/lang/String", null, null, bootClassFile(String.class))).isNull();
        assertThat(transformer.transform(getClass().getClassLoader(), "java/lang/Thread", null, null,
            bootClassFile(Thread.class))).isNull();
        assertThat(transformer.transform(null, null, null, null, new byte[0])).isNull();
        assertThat(transformed).hasValue(0);
    }

    @Test
    void withRacesTheModelsMatchByNameAndByPackage() {
        assertThat(Instrumenter.jdkCandidate("java.lang.Thread", false)).isTrue();
        assertThat(Instrumenter.jdkCandidate("java.util.concurrent.ConcurrentHashMap", false)).isFalse();
        assertThat(Instrumenter.jdkCandidate("java.util.concurrent.ConcurrentHashMap", true)).isTrue();
        assertThat(Instrumenter.jdkCandidate("java.lang.String", true)).isFalse();
    }

    @Test
    void aClassTransformedOnceIsTakenFromTheCacheAfter(@TempDir File cacheDirectory) throws IOException {
        byte[] thread = bootClassFile(Thread.class);
        byte[] fresh = new JdkTransformer(models, false, transformed, coverage, new JdkClassCache(cacheDirectory))
            .transform(null, "java/lang/Thread", null, null, thread);

        // models that match nothing: what the second transformer returns can only come from the cache
        ModelCoverage later = new ModelCoverage();
        byte[] cached = new JdkTransformer(List.of(), false, transformed, later, new JdkClassCache(cacheDirectory))
            .transform(null, "java/lang/Thread", null, null, thread);

        assertThat(cached).isEqualTo(fresh);
        assertThat(transformed).hasValue(2);
        later.modelsAre(models, false);
        assertThat(later.notApplied(new Class<?>[] {Thread.class})).isEmpty();
    }

    @Test
    void aCandidateNoModelMatchesIsKeptAsUntouched(@TempDir File cacheDirectory) throws IOException {
        List<JdkModels.Model> matchingNothing = new JdkModels()
            .type(named("no.such.Type"))
            .transform(new PreparedAdvice().advice(named("start"), ThreadStartAdvice.class))
            .list();
        byte[] thread = bootClassFile(Thread.class);
        assertThat(new JdkTransformer(matchingNothing, false, transformed, coverage, new JdkClassCache(cacheDirectory))
            .transform(null, "java/lang/Thread", null, null, thread)).isNull();

        assertThat(new JdkTransformer(models, false, transformed, coverage, new JdkClassCache(cacheDirectory))
            .transform(null, "java/lang/Thread", null, null, thread)).isNull();
        assertThat(transformed).hasValue(0);
    }

    private static byte[] bootClassFile(Class<?> type) throws IOException {
        return ClassFileLocator.ForClassLoader.ofBootLoader().locate(type.getName()).resolve();
    }
}
