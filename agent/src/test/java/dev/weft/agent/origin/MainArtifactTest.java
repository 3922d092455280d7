package dev.weft.agent.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainArtifactTest {

    @Test
    void javaDashJarNamesTheJarWhateverFollows() {
        MainArtifact main = MainArtifact.of(properties("build/my app.jar --port 80", "build/my app.jar", null));

        assertThat(main.jar()).isEqualTo(Path.of("build/my app.jar").toAbsolutePath().normalize());
        assertThat(main.mainClass()).isNull();
        assertThat(main.isJar(Path.of("build/./my app.jar"))).isTrue();
        assertThat(main.isJar(Path.of("lib/h2.jar"))).isFalse();
    }

    @Test
    void aMainClassOnAClassPathNamesTheClass() {
        MainArtifact main = MainArtifact.of(properties("com.acme.Main --serve",
            "target/classes" + File.pathSeparator + "lib/h2.jar", null));

        assertThat(main).isEqualTo(new MainArtifact(null, "com.acme.Main", null));
    }

    @Test
    void aSingleJarClassPathWithAMainClassIsNotJavaDashJar() {
        MainArtifact main = MainArtifact.of(properties("com.acme.Main", "app.jar", null));

        assertThat(main).isEqualTo(new MainArtifact(null, "com.acme.Main", null));
    }

    @Test
    void aMainModuleNamesTheModuleAndItsClass() {
        assertThat(MainArtifact.of(properties("com.acme/com.acme.Main", "", "com.acme")))
            .isEqualTo(new MainArtifact(null, "com.acme.Main", "com.acme"));
    }

    @Test
    void aSourceFileOrNothingNamesNothing() {
        assertThat(MainArtifact.of(properties("Hello.java", "", null))).isEqualTo(MainArtifact.NONE);
        assertThat(MainArtifact.of(new Properties())).isEqualTo(MainArtifact.NONE);
    }

    private static Properties properties(String command, String classPath, String mainModule) {
        Properties properties = new Properties();
        properties.setProperty("sun.java.command", command);
        properties.setProperty("java.class.path", classPath);
        if (mainModule != null) {
            properties.setProperty("jdk.module.main", mainModule);
        }
        return properties;
    }
}
