package dev.weft.agent.origin;

import dev.weft.schema.WeftEvents.Origins;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Decides whose code a code source holds — the application's or a third-party library's — from
 * evidence in the jar and its place, never from package names.
 *
 * <p>The evidence, strongest first:
 * <ol>
 *   <li>a class directory is the application's (build output: {@code target/classes},
 *       {@code build/classes/java/main}, an IDE's output);</li>
 *   <li>the jar the JVM was started with ({@code java -jar}), the jar holding the main class or the
 *       main module is the application's, although a jar built by Maven carries Maven's metadata
 *       like any library;</li>
 *   <li>a jar with Maven metadata ({@code META-INF/maven/<group>/<artifact>/pom.properties}) is a
 *       dependency, as is a jar inside a Maven repository's layout or Gradle's module cache;</li>
 *   <li>a jar whose manifest names it as a reusable artifact — an OSGi bundle
 *       ({@code Bundle-SymbolicName}) or a module for others to require
 *       ({@code Automatic-Module-Name}) — is a dependency (H2 and most of Gradle-built libraries carry
 *       these but no Maven metadata);</li>
 *   <li>a jar packaged in an archive's library folder ({@code BOOT-INF/lib/}, {@code WEB-INF/lib/})
 *       is a dependency; the archive's {@code BOOT-INF/classes}, {@code WEB-INF/classes} the
 *       application's.</li>
 * </ol>
 * Anything else — a jar without such metadata, a location weft does not read — is {@link
 * Origins#UNKNOWN}: the CLI then falls back to its list of well-known library packages, and
 * otherwise counts the code as the application's, so that no application finding is hidden for lack
 * of evidence. {@code Implementation-Vendor} and the like are not evidence: applications set them too.
 *
 * <p>Each jar is opened once, without verifying signatures; the JDK shares the open file with the
 * class loader that already reads it. Called off the class-loading path (when the code sources are
 * written to the recording), never while a class loads.
 */
final class CodeSourceClassifier {
    private static final String POM_PROPERTIES = "/pom.properties";
    private static final String MAVEN_METADATA = "META-INF/maven/";
    private static final String[] LIBRARY_FOLDERS = {"BOOT-INF/lib/", "WEB-INF/lib/"};
    private static final String[] CLASS_FOLDERS = {"BOOT-INF/classes", "WEB-INF/classes"};

    private final MainArtifact main;

    CodeSourceClassifier(MainArtifact main) {
        this.main = main;
    }

    /** Whose code, and why. */
    record Classification(String origin, String reason) {
        static Classification application(String reason) {
            return new Classification(Origins.APPLICATION, reason);
        }

        static Classification dependency(String reason) {
            return new Classification(Origins.DEPENDENCY, reason);
        }

        static Classification unknown(String reason) {
            return new Classification(Origins.UNKNOWN, reason);
        }
    }

    /** @param location a code source's location, as {@code CodeSource.getLocation().toString()} gives it */
    Classification classify(String location) {
        if (location.regionMatches(true, 0, "file:", 0, "file:".length())) {
            try {
                return classifyFile(filePath(location), location);
            } catch (RuntimeException e) {
                return Classification.unknown("a location weft cannot read");
            }
        }
        try {
            URI uri = new URI(location);
            if ("jar".equalsIgnoreCase(uri.getScheme())) {
                String inner = location.substring("jar:".length());
                int separator = inner.indexOf("!/");
                if (separator > 0 && inner.substring(separator + 2).isEmpty() && inner.startsWith("file:")) {
                    return classifyFile(filePath(inner.substring(0, separator)), location); // jar:file:/x.jar!/
                }
            }
            Classification packaged = byPackaging(location);
            return packaged != null ? packaged
                : Classification.unknown("a location weft does not read (" + uri.getScheme() + ":)");
        } catch (URISyntaxException | RuntimeException e) {
            Classification packaged = byPackaging(location);
            return packaged != null ? packaged : Classification.unknown("a location weft cannot read");
        }
    }

    private Classification classifyFile(Path path, String location) {
        if (Files.isDirectory(path)) {
            return Classification.application("a class directory");
        }
        if (!Files.isRegularFile(path)) {
            return location.endsWith("/") ? Classification.application("a class directory")
                : Classification.unknown("not found");
        }
        if (main.isJar(path)) {
            return Classification.application("the main jar (java -jar)");
        }
        try (JarFile jar = new JarFile(path.toFile(), false)) {
            return classifyJar(jar, path, location);
        } catch (IOException | RuntimeException e) {
            Classification byPlace = byPlace(path, location);
            return byPlace != null ? byPlace : Classification.unknown("a jar weft cannot read (" + e.getMessage() + ")");
        }
    }

    private Classification classifyJar(JarFile jar, Path path, String location) throws IOException {
        if (main.mainClass() != null && jar.getEntry(main.mainClass().replace('.', '/') + ".class") != null) {
            return Classification.application("holds the main class " + main.mainClass());
        }
        if (main.mainModule() != null && main.mainModule().equals(moduleName(jar))) {
            return Classification.application("holds the main module " + main.mainModule());
        }
        String pom = pomProperties(jar, path.getFileName().toString());
        if (pom != null) {
            return Classification.dependency("Maven " + coordinates(jar, pom) + " (" + pom + ")");
        }
        Classification byPlace = byPlace(path, location);
        if (byPlace != null) {
            return byPlace;
        }
        Manifest manifest = jar.getManifest();
        if (manifest != null) {
            Attributes attributes = manifest.getMainAttributes();
            String bundle = attributes.getValue("Bundle-SymbolicName");
            if (bundle != null && !bundle.isBlank()) {
                String version = attributes.getValue("Bundle-Version");
                return Classification.dependency("OSGi bundle " + bundle.split(";", 2)[0].trim()
                    + (version == null || version.isBlank() ? "" : " " + version.trim()));
            }
            String module = attributes.getValue("Automatic-Module-Name");
            if (module != null && !module.isBlank()) {
                return Classification.dependency("Automatic-Module-Name " + module.trim());
            }
        }
        Classification packaged = byPackaging(location);
        return packaged != null ? packaged : Classification.unknown("a jar without library metadata");
    }

    /** A repository's layout or an archive's library folder, from the path alone. */
    private Classification byPlace(Path path, String location) {
        String coordinates = gradleCache(path);
        if (coordinates != null) {
            return Classification.dependency("in Gradle's cache as " + coordinates);
        }
        coordinates = mavenRepository(path);
        if (coordinates != null) {
            return Classification.dependency("in a Maven repository as " + coordinates);
        }
        return null;
    }

    /**
     * {@code .../files-2.1/<group>/<artifact>/<version>/<hash>/<file>.jar}: Gradle's module cache.
     */
    static String gradleCache(Path path) {
        List<String> names = names(path);
        int i = names.size() - 6;
        if (i >= 0 && names.get(i).equals("files-2.1")) {
            return names.get(i + 1) + ":" + names.get(i + 2) + ":" + names.get(i + 3);
        }
        return null;
    }

    /**
     * {@code <group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar}: a Maven
     * repository's layout; the group is known when the path has a {@code repository} folder above it.
     */
    static String mavenRepository(Path path) {
        List<String> names = names(path);
        int n = names.size();
        if (n < 3) {
            return null;
        }
        String file = names.get(n - 1);
        String version = names.get(n - 2);
        String artifact = names.get(n - 3);
        // a timestamped snapshot: .../1.0-SNAPSHOT/x-1.0-20250101.101010-1.jar
        String stem = version.endsWith("-SNAPSHOT") ? version.substring(0, version.length() - "SNAPSHOT".length()) : version;
        if (!file.startsWith(artifact + "-" + stem) || !file.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return null;
        }
        int repository = names.lastIndexOf("repository");
        if (repository >= 0 && repository < n - 4) {
            return String.join(".", names.subList(repository + 1, n - 3)) + ":" + artifact + ":" + version;
        }
        return artifact + ":" + version;
    }

    /** {@code BOOT-INF/lib/} and friends: a library packaged inside an application's archive. */
    static Classification byPackaging(String location) {
        for (String folder : LIBRARY_FOLDERS) {
            int at = location.indexOf(folder);
            if (at >= 0) {
                return Classification.dependency("in " + folder + " of " + archiveName(location, at));
            }
        }
        for (String folder : CLASS_FOLDERS) {
            int at = location.indexOf(folder);
            if (at >= 0) {
                return Classification.application("in " + folder + " of " + archiveName(location, at));
            }
        }
        return null;
    }

    /** The name of the archive (or exploded directory) a packaged folder at {@code at} is in. */
    private static String archiveName(String location, int at) {
        int end = at;
        while (end > 0 && (location.charAt(end - 1) == '/' || location.charAt(end - 1) == '!')) {
            end--;
        }
        String outer = location.substring(0, end);
        return outer.substring(outer.lastIndexOf('/') + 1);
    }

    /**
     * The Maven metadata that describes the jar: of several (a jar that shades others carries theirs
     * too), the one whose artifact its file is named after, else the first by name.
     */
    private static String pomProperties(JarFile jar, String fileName) {
        List<String> found = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(MAVEN_METADATA) && name.endsWith(POM_PROPERTIES)) {
                found.add(name);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        found.sort(null);
        for (String name : found) {
            String[] parts = name.split("/");
            if (parts.length == 5 && fileName.startsWith(parts[3] + "-")) {
                return name;
            }
        }
        return found.get(0);
    }

    /** {@code group:artifact:version} from the metadata, or from its path when it cannot be read. */
    private static String coordinates(JarFile jar, String pom) {
        String[] parts = pom.split("/");
        String fallback = parts.length == 5 ? parts[2] + ":" + parts[3] : pom;
        try (InputStream in = jar.getInputStream(jar.getEntry(pom))) {
            Properties properties = new Properties();
            properties.load(in);
            String group = properties.getProperty("groupId");
            String artifact = properties.getProperty("artifactId");
            String version = properties.getProperty("version");
            if (group == null || artifact == null) {
                return fallback;
            }
            return group + ":" + artifact + (version == null ? "" : ":" + version);
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String moduleName(JarFile jar) {
        JarEntry descriptor = jar.getJarEntry("module-info.class");
        if (descriptor == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(descriptor)) {
            return ModuleDescriptor.read(in).name();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The path of a {@code file:} URL, escaped as a URI or not (as {@code File.toURL()} left it). */
    static Path filePath(String location) {
        try {
            return Path.of(new URI(location));
        } catch (URISyntaxException | RuntimeException e) {
            String raw = location.substring("file:".length());
            if (raw.startsWith("//")) {
                raw = raw.substring(raw.indexOf('/', 2)); // file://host/path: the host is this one
            }
            return Path.of(raw.contains("%") ? URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8) : raw);
        }
    }

    private static List<String> names(Path path) {
        List<String> names = new ArrayList<>();
        for (Path name : path) {
            names.add(name.toString());
        }
        return names;
    }
}
