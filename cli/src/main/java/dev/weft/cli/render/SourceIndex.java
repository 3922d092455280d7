package dev.weft.cli.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the source file of a class, as a path relative to the project's root, for outputs that
 * link findings to code (SARIF: code scanning annotates only files of the repository).
 *
 * <p>JFR frames name classes, not files, so the index maps {@code package/Outer.java} (the outer
 * class of {@code Outer$Inner}, as javac names files) to the files under the source roots. The
 * roots are found and scanned once, on the first look-up, so that formats which never ask pay
 * nothing. With no roots given, the Maven and Gradle layouts under the base directory are used:
 * {@code src/*}{@code /java} at the base and in modules one or two levels below it (build output,
 * hidden and {@code node_modules} directories are skipped). The first root holding a file wins.
 */
public final class SourceIndex {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "build", "out", "bin", "node_modules");
    private static final int MODULE_DEPTH = 2;

    private final Path base;
    private final List<Path> givenRoots;
    private List<Path> roots;
    private Map<String, Path> files;

    private SourceIndex(Path base, List<Path> givenRoots) {
        this.base = base;
        this.givenRoots = givenRoots;
    }

    /**
     * @param base  the project's root, to which file paths are relative (SARIF's {@code %SRCROOT%})
     * @param roots source roots, relative to {@code base} or absolute; empty for the usual layouts
     */
    public static SourceIndex under(Path base, List<Path> roots) {
        Path absoluteBase = base.toAbsolutePath().normalize();
        List<Path> resolved = roots.stream().map(root -> absoluteBase.resolve(root).normalize()).toList();
        return new SourceIndex(absoluteBase, resolved);
    }

    Path base() {
        return base;
    }

    /** The roots searched, relative to the base where they are under it, for messages. */
    String describeRoots() {
        if (roots().isEmpty()) {
            return "no source root (none of src/*/java exists under " + base + ")";
        }
        return roots().stream().map(this::displayPath).collect(Collectors.joining(", "));
    }

    /** Where {@code className}'s source is, or where it would be when no root holds it. */
    SourceFile locate(String className) {
        String expected = expectedPath(className);
        Path file = files().get(expected);
        if (file == null) {
            return new SourceFile(uriOf(expected), true, false);
        }
        return file.startsWith(base) ? new SourceFile(uriOf(base.relativize(file).toString()), true, true)
                : new SourceFile(file.toUri().toString(), false, true);
    }

    /** {@code com/acme/Outer.java} for {@code com.acme.Outer$Inner}. */
    static String expectedPath(String className) {
        int lastDot = className.lastIndexOf('.');
        String simpleName = className.substring(lastDot + 1);
        int nested = simpleName.indexOf('$');
        String outer = nested > 0 ? simpleName.substring(0, nested) : simpleName;
        String packagePath = lastDot < 0 ? "" : className.substring(0, lastDot).replace('.', '/') + "/";
        return packagePath + outer + ".java";
    }

    private Map<String, Path> files() {
        if (files == null) {
            Map<String, Path> index = new HashMap<>();
            for (Path root : roots()) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(path -> path.getFileName().toString().endsWith(".java") && Files.isRegularFile(path))
                            .forEach(path -> index.putIfAbsent(slashes(root.relativize(path)), path));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read source root " + root, e);
                }
            }
            files = index;
        }
        return files;
    }

    private List<Path> roots() {
        if (roots == null) {
            roots = givenRoots.isEmpty() ? conventionalRoots(base) : givenRoots;
        }
        return roots;
    }

    private static List<Path> conventionalRoots(Path base) {
        List<Path> roots = new ArrayList<>();
        List<Path> modules = List.of(base);
        for (int depth = 0; depth <= MODULE_DEPTH && !modules.isEmpty(); depth++) {
            List<Path> nextLevel = new ArrayList<>();
            for (Path module : modules) {
                roots.addAll(javaRootsOf(module));
                nextLevel.addAll(subdirectories(module));
            }
            modules = nextLevel;
        }
        return roots;
    }

    /** {@code module/src/main/java}, {@code module/src/test/java}, … in name order. */
    private static List<Path> javaRootsOf(Path module) {
        return subdirectories(module.resolve("src")).stream()
                .map(sourceSet -> sourceSet.resolve("java"))
                .filter(Files::isDirectory)
                .toList();
    }

    private static List<Path> subdirectories(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path child : entries) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !SKIPPED_DIRECTORIES.contains(name)) {
                    children.add(child);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        children.sort(null);
        return children;
    }

    private String displayPath(Path root) {
        return root.startsWith(base) ? slashes(base.relativize(root)) : root.toString();
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** A relative path as a URI reference: characters such as spaces percent-encoded. */
    private static String uriOf(String relativePath) {
        try {
            return new URI(null, null, relativePath.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + relativePath, e);
        }
    }

    /**
     * A source file's address.
     *
     * @param uri        relative to the base when {@code underBase}, else an absolute {@code file:} URI
     * @param underBase  whether {@code uri} is relative to the base
     * @param found      whether the file exists; when not, {@code uri} is where it would be by convention
     */
    record SourceFile(String uri, boolean underBase, boolean found) {
    }
}
