package dev.weft.cli.report;

import dev.weft.schema.WeftEvents.CodeSource;
import dev.weft.schema.WeftEvents.Origins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose code each class is, by the code sources the agent recorded ({@code dev.weft.CodeSource}):
 * a class belongs to the code source that gave its package.
 *
 * <p>Packages are the unit because the agent records packages, not classes. A package that came from
 * several code sources (one recording ran the build's class directory, another the packaged jar, or a
 * split package) is the application's if any of them is: an application finding is never hidden
 * because a library happens to share its package. A code source of unknown origin (a jar without
 * metadata) gives way to the package-name rule ({@link CodeOrigin#byPackageName}), as does a class
 * whose package no code source listed.
 */
public final class CodeOrigins {
    /** No recorded code sources: every class is judged by its package name. */
    public static final CodeOrigins NONE = new CodeOrigins();

    /** Per package, the code sources that gave it, in the order first seen. */
    private final Map<String, Map<String, Source>> sourcesByPackage = new HashMap<>();

    private record Source(String location, String origin, String reason) {
    }

    /**
     * Adds one recorded code source; the same location recorded again (every chunk, every recording)
     * adds its packages.
     *
     * @param origin   {@link Origins}' values; anything else counts as unknown
     * @param packages the event's comma-separated packages
     */
    public void add(String location, String origin, String reason, String packages) {
        if (location == null || packages == null || packages.isEmpty()) {
            return;
        }
        Source source = new Source(location, origin == null ? Origins.UNKNOWN : origin, reason == null ? "" : reason);
        for (String packageName : packages.split(",")) {
            sourcesByPackage.computeIfAbsent(packageName.trim(), p -> new LinkedHashMap<>())
                    .putIfAbsent(location + '\n' + source.origin(), source);
        }
    }

    public boolean isEmpty() {
        return sourcesByPackage.isEmpty();
    }

    /** Whose code {@code className} (a binary name, dots) is, and why. */
    public CodeOrigin of(String className) {
        Map<String, Source> sources = className.startsWith("<") ? null : sourcesByPackage.get(packageOf(className));
        if (sources == null) {
            return CodeOrigin.byPackageName(className);
        }
        List<CodeOrigin> candidates = new ArrayList<>();
        for (Source source : sources.values()) {
            candidates.add(judge(source, className));
        }
        return candidates.stream().filter(candidate -> !candidate.dependency()).findFirst()
                .orElse(candidates.get(0));
    }

    private static CodeOrigin judge(Source source, String className) {
        switch (source.origin()) {
            case Origins.APPLICATION:
                return new CodeOrigin(false, source.location(), source.reason());
            case Origins.DEPENDENCY:
                return new CodeOrigin(true, source.location(), source.reason());
            default:
                String prefix = CodeOrigin.libraryPrefix(className);
                String unknown = source.reason().isEmpty() ? "no evidence" : source.reason();
                return prefix == null ? new CodeOrigin(false, source.location(), unknown)
                        : new CodeOrigin(true, source.location(), unknown + "; package " + prefix
                                + "* of a well-known library");
        }
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? CodeSource.UNNAMED_PACKAGE : className.substring(0, dot);
    }
}
