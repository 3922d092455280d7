package dev.weft.agent.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.origin.CodeSourceClassifier.Classification;
import dev.weft.schema.WeftEvents.Origins;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSourceClassifierTest {
    private static final CodeSourceClassifier NO_MAIN = new CodeSourceClassifier(MainArtifact.NONE);

    @TempDir
    Path dir;

    @Test
    void aJarWithMavenMetadataIsADependencyNamedByItsCoordinates() throws IOException {
        Path jar = jar("h2-2.3.232.jar", null, Map.of(
            "META-INF/maven/com.h2database/h2/pom.properties", "groupId=com.h2database\nartifactId=h2\nversion=2.3.232\n",
            "org/h2/Driver.class", ""));

        assertThat(NO_MAIN.classify(url(jar))).isEqualTo(new Classification(Origins.DEPENDENCY,
            "Maven com.h2database:h2:2.3.232 (META-INF/maven/com.h2database/h2/pom.properties)"));
    }

    @Test
    void ofSeveralMavenMetadataTheJarsOwnIsNamed() throws IOException {
        Path jar = jar("client-1.0.jar", null, Map.of(
            "META-INF/maven/com.google.guava/guava/pom.properties", "groupId=com.google.guava\nartifactId=guava\nversion=33\n",
            "META-INF/maven/org.acme/client/pom.properties", "groupId=org.acme\nartifactId=client\nversion=1.0\n"));

        assertThat(NO_MAIN.classify(url(jar)).reason()).startsWith("Maven org.acme:client:1.0 ");
    }

    @Test
    void aClassDirectoryIsTheApplications() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("target/classes"));

        assertThat(NO_MAIN.classify(classes.toUri().toURL().toString()))
            .isEqualTo(new Classification(Origins.APPLICATION, "a class directory"));
    }

    @Test
    void theMainJarIsTheApplicationsThoughMavenBuiltItWithMetadata() throws IOException {
        Path app = jar("shop.jar", null, Map.of(
            "META-INF/maven/com.acme/shop/pom.properties", "groupId=com.acme\nartifactId=shop\nversion=1\n",
            "com/acme/shop/Main.class", ""));
        MainArtifact started = new MainArtifact(app, null, null);

        assertThat(new CodeSourceClassifier(started).classify(url(app)))
            .isEqualTo(new Classification(Origins.APPLICATION, "the main jar (java -jar)"));
        assertThat(new CodeSourceClassifier(new MainArtifact(null, "com.acme.shop.Main", null)).classify(url(app)))
            .isEqualTo(new Classification(Origins.APPLICATION, "holds the main class com.acme.shop.Main"));
        assertThat(NO_MAIN.classify(url(app)).origin()).as("run by something else, it is a library").isEqualTo(Origins.DEPENDENCY);
    }

    @Test
    void anOsgiBundleOrAnAutomaticModuleIsADependency() throws IOException {
        Path h2 = jar("h2-2.3.232.jar", manifest(Map.of("Bundle-SymbolicName", "com.h2database;singleton:=true",
            "Bundle-Version", "2.3.232", "Automatic-Module-Name", "com.h2database")), Map.of());
        Path module = jar("lib.jar", manifest(Map.of("Automatic-Module-Name", "org.acme.lib")), Map.of());

        assertThat(NO_MAIN.classify(url(h2)))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "OSGi bundle com.h2database 2.3.232"));
        assertThat(NO_MAIN.classify(url(module)))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "Automatic-Module-Name org.acme.lib"));
    }

    @Test
    void aJarWithoutLibraryMetadataIsUnknownNotADependency() throws IOException {
        Path plain = jar("tools.jar", manifest(Map.of("Implementation-Vendor", "ACME", "Implementation-Title", "tools")),
            Map.of("com/acme/tools/Tool.class", ""));

        assertThat(NO_MAIN.classify(url(plain)))
            .isEqualTo(new Classification(Origins.UNKNOWN, "a jar without library metadata"));
    }

    @Test
    void aJarInAMavenRepositoryOrGradlesCacheIsADependencyByItsPlace() throws IOException {
        Path maven = jar(".m2/repository/org/acme/util/1.2/util-1.2.jar", null, Map.of());
        Path snapshot = jar("repo/util/1.3-SNAPSHOT/util-1.3-20250101.101010-4.jar", null, Map.of());
        Path gradle = jar(".gradle/caches/modules-2/files-2.1/org.acme/util/1.2/0123abcd/util-1.2.jar", null, Map.of());

        assertThat(NO_MAIN.classify(url(maven)))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "in a Maven repository as org.acme:util:1.2"));
        assertThat(NO_MAIN.classify(url(snapshot)))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "in a Maven repository as util:1.3-SNAPSHOT"));
        assertThat(NO_MAIN.classify(url(gradle)))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "in Gradle's cache as org.acme:util:1.2"));
        assertThat(NO_MAIN.classify(url(jar("shop/target/shop-1.0.jar", null, Map.of()))).origin())
            .as("a build's output is not a repository").isEqualTo(Origins.UNKNOWN);
    }

    @Test
    void aJarPackagedInAnApplicationArchiveIsADependencyAndItsClassesTheApplications() {
        assertThat(NO_MAIN.classify("jar:nested:/srv/shop.jar/!BOOT-INF/lib/h2-2.3.232.jar!/"))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "in BOOT-INF/lib/ of shop.jar"));
        assertThat(NO_MAIN.classify("jar:file:/srv/shop.jar!/BOOT-INF/lib/h2-2.3.232.jar!/"))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "in BOOT-INF/lib/ of shop.jar"));
        assertThat(NO_MAIN.classify("jar:nested:/srv/shop.jar/!BOOT-INF/classes/!/"))
            .isEqualTo(new Classification(Origins.APPLICATION, "in BOOT-INF/classes of shop.jar"));
        assertThat(NO_MAIN.classify("vfs:/content/shop.war/WEB-INF/classes/"))
            .isEqualTo(new Classification(Origins.APPLICATION, "in WEB-INF/classes of shop.war"));
        assertThat(NO_MAIN.classify("http://example.com/applet.jar").origin()).isEqualTo(Origins.UNKNOWN);
    }

    @Test
    void aJarUrlOfAWholeJarIsReadAsThatJar() throws IOException {
        Path h2 = jar("h2.jar", manifest(Map.of("Bundle-SymbolicName", "com.h2database")), Map.of());

        assertThat(NO_MAIN.classify("jar:" + url(h2) + "!/"))
            .isEqualTo(new Classification(Origins.DEPENDENCY, "OSGi bundle com.h2database"));
    }

    @Test
    void aFileUrlWithUnescapedSpacesIsStillRead() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("my classes"));

        assertThat(NO_MAIN.classify("file:" + classes + "/"))
            .isEqualTo(new Classification(Origins.APPLICATION, "a class directory"));
    }

    @Test
    void aMissingOrBrokenJarIsUnknown() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");

        assertThat(NO_MAIN.classify(url(dir.resolve("gone.jar"))))
            .isEqualTo(new Classification(Origins.UNKNOWN, "not found"));
        assertThat(NO_MAIN.classify(url(broken)).origin()).isEqualTo(Origins.UNKNOWN);
        assertThat(NO_MAIN.classify(url(broken)).reason()).startsWith("a jar weft cannot read");
    }

    private static String url(Path path) throws IOException {
        return path.toUri().toURL().toString();
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        return manifest;
    }

    /** A jar at {@code name} under the test directory, with a manifest (or none) and these entries. */
    private Path jar(String name, Manifest manifest, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
