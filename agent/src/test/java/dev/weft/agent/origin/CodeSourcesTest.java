package dev.weft.agent.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.schema.WeftEvents;
import dev.weft.schema.WeftEvents.Origins;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSourcesTest {
    @TempDir
    Path dir;

    @Test
    void notesEachLocationOnceWithThePackagesAndClassesLoadedFromIt() throws IOException {
        CodeSources sources = new CodeSources(MainArtifact.NONE);
        ProtectionDomain classes = domain(Files.createDirectories(dir.resolve("classes")).toUri().toURL());

        sources.loaded(classes, "com/acme/Shop");
        sources.loaded(classes, "com/acme/Shop$Cart");
        sources.loaded(classes, "com/acme/web/Handler");
        sources.loaded(classes, "Main");

        List<CodeSources.Description> described = sources.describe();
        assertThat(described).hasSize(1);
        CodeSources.Description only = described.get(0);
        assertThat(only.location()).endsWith("/classes/");
        assertThat(only.origin()).isEqualTo(Origins.APPLICATION);
        assertThat(only.reason()).isEqualTo("a class directory");
        assertThat(only.packageList()).isEqualTo(WeftEvents.CodeSource.UNNAMED_PACKAGE + ",com.acme,com.acme.web");
        assertThat(only.classes()).isEqualTo(4);
        assertThat(only.truncated()).isFalse();
    }

    @Test
    void classesWithoutACodeSourceAndTheJdksModulesAreNotNoted() throws IOException {
        CodeSources sources = new CodeSources(MainArtifact.NONE);

        sources.loaded(null, "com/acme/Generated");
        sources.loaded(new ProtectionDomain(null, null), "com/acme/Generated");
        sources.loaded(domain(new URL("jrt:/jdk.compiler")), "com/sun/tools/javac/Main");

        assertThat(sources.describe()).isEmpty();
    }

    @Test
    void theListOfPackagesIsBoundedAndSaysSo() throws IOException {
        CodeSources sources = new CodeSources(MainArtifact.NONE);
        ProtectionDomain jar = domain(dir.resolve("big.jar").toUri().toURL());

        for (int i = 0; i <= CodeSources.MAX_PACKAGES; i++) {
            sources.loaded(jar, "p" + i + "/C");
        }

        CodeSources.Description big = sources.describe().get(0);
        assertThat(big.packages()).hasSize(CodeSources.MAX_PACKAGES);
        assertThat(big.truncated()).isTrue();
        assertThat(big.classes()).isEqualTo(CodeSources.MAX_PACKAGES + 1);
    }

    @Test
    void aLocationIsClassifiedOnceAndPackagesSeenLaterAreAdded() throws IOException {
        CodeSources sources = new CodeSources(MainArtifact.NONE);
        Path classes = Files.createDirectories(dir.resolve("out"));
        ProtectionDomain domain = domain(classes.toUri().toURL());
        sources.loaded(domain, "com/acme/A");
        assertThat(sources.describe().get(0).origin()).isEqualTo(Origins.APPLICATION);

        Files.delete(classes); // classified again, it would be "not found"
        sources.loaded(domain, "com/acme/more/B");

        CodeSources.Description later = sources.describe().get(0);
        assertThat(later.origin()).isEqualTo(Origins.APPLICATION);
        assertThat(later.packages()).isEqualTo(Set.of("com.acme", "com.acme.more"));
    }

    @Test
    void classesFoundLoadedAreNotedExceptTheJdksAndWefts() {
        CodeSources sources = new CodeSources(MainArtifact.NONE);

        sources.loadedAlready(new Class<?>[] {String.class, CodeSourcesTest.class, CodeSources.class, int[].class,
            org.assertj.core.api.Assertions.class});

        assertThat(sources.describe()).singleElement().satisfies(source -> {
            assertThat(source.location()).contains("assertj-core").endsWith(".jar");
            assertThat(source.packages()).containsExactly("org.assertj.core.api");
            assertThat(source.classes()).isEqualTo(1);
            assertThat(source.origin()).as("a jar from Maven Central, by its metadata").isEqualTo(Origins.DEPENDENCY);
        });
    }

    private static ProtectionDomain domain(URL location) {
        return new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null);
    }
}
