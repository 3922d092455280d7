package dev.weft.agent.origin;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What the JVM was started to run: the jar of {@code java -jar}, the main class, or the main module.
 * That is the application's own code whatever metadata it carries: a jar built by Maven has a
 * {@code META-INF/maven/.../pom.properties} like any library.
 *
 * <p>Read from the launcher's system properties: {@code sun.java.command} (the command after the
 * JVM options), {@code java.class.path} (exactly the jar's path under {@code -jar}) and
 * {@code jdk.module.main} ({@code -m}). Nothing is loaded.
 *
 * @param jar        the {@code -jar} jar, absolute, or null
 * @param mainClass  the main class's binary name, or null when unknown (and under {@code -jar}: the
 *                   jar is the evidence)
 * @param mainModule the main module's name ({@code -m}), or null
 */
record MainArtifact(Path jar, String mainClass, String mainModule) {
    static final MainArtifact NONE = new MainArtifact(null, null, null);

    static MainArtifact ofThisJvm() {
        return of(System.getProperties());
    }

    static MainArtifact of(Properties system) {
        String command = system.getProperty("sun.java.command", "").trim();
        String classPath = system.getProperty("java.class.path", "");
        String mainModule = system.getProperty("jdk.module.main");
        String first = command.isEmpty() ? "" : command.split(" ", 2)[0];
        if (mainModule != null && !mainModule.isEmpty()) {
            int slash = first.indexOf('/');
            String mainClass = slash > 0 ? first.substring(slash + 1) : system.getProperty("jdk.module.main.class");
            return new MainArtifact(null, emptyToNull(mainClass), mainModule);
        }
        if (isJar(classPath) && (command.equals(classPath) || command.startsWith(classPath + " "))) {
            try {
                return new MainArtifact(Path.of(classPath).toAbsolutePath().normalize(), null, null);
            } catch (RuntimeException e) {
                return NONE;
            }
        }
        if (looksLikeClassName(first)) {
            return new MainArtifact(null, first, null);
        }
        return NONE;
    }

    /** Whether {@code path} is the {@code -jar} jar. */
    boolean isJar(Path path) {
        return jar != null && jar.equals(path.toAbsolutePath().normalize());
    }

    private static boolean isJar(String classPath) {
        return !classPath.isEmpty() && !classPath.contains(File.pathSeparator)
            && classPath.toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    /** A binary class name, not a source file ({@code java Foo.java}) or a path. */
    private static boolean looksLikeClassName(String token) {
        if (token.isEmpty() || token.endsWith(".java") || token.indexOf('/') >= 0 || token.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '.' && !Character.isJavaIdentifierPart(c)) {
                return false;
            }
        }
        return Character.isJavaIdentifierStart(token.charAt(0));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
