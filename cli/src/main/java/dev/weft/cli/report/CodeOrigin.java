package dev.weft.cli.report;

import java.util.List;

/**
 * Whose code a class is — the application's, or a dependency's — and the evidence. A team can fix a
 * race in its own code today; a race inside a library it can only report upstream or work around,
 * so findings that lie wholly in libraries are listed apart and, by default, left out of the gate.
 *
 * <p>The evidence is the code source the class was loaded from, as the agent recorded it
 * ({@link CodeOrigins}): a class directory or the main jar is the application's; a jar with Maven
 * or OSGi metadata, or from a repository, a dependency's. Only where the recording tells nothing —
 * recordings without weft's {@code CodeSource} events (plain JFR files, older agents), classes it
 * did not see, jars without any metadata — does weft go by package name ({@link #byPackageName}):
 * a class is a dependency's when its name starts with one of the well-known library prefixes
 * below. The list is short on purpose: a library it misses counts as application code, which gates
 * a finding rather than hiding it.
 *
 * @param dependency whether the class is a dependency's
 * @param codeSource the location of the jar or directory it came from, or null when not recorded
 * @param reason     why, in words that follow the code source's name: {@code OSGi bundle
 *                   com.h2database 2.3.232}, {@code a class directory}
 */
public record CodeOrigin(boolean dependency, String codeSource, String reason) {
    /** Package prefixes of widely used libraries, each ending in a dot; kept in the order of REPORTS.md. */
    static final List<String> DEPENDENCY_PREFIXES = List.of(
            "org.h2.",
            "com.fasterxml.",
            "org.apache.",
            "org.springframework.",
            "io.netty.",
            "com.google.",
            "org.slf4j.",
            "ch.qos.",
            "org.hibernate.",
            "com.zaxxer.",
            "org.eclipse.",
            "org.jboss.",
            "io.micrometer.",
            "io.grpc.",
            "io.vertx.",
            "reactor.",
            "okhttp3.",
            "kotlin.",
            "kotlinx.",
            "scala.",
            "net.bytebuddy.",
            "org.postgresql.",
            "com.mysql.",
            "org.mariadb.",
            "org.junit.",
            "org.mockito.");

    /** What {@code reason} says when no code source and no library package tell. */
    static final String NO_EVIDENCE = "no code source recorded, not a well-known library's package";

    /** The origin a class's name alone suggests: a well-known library's package, else the application. */
    public static CodeOrigin byPackageName(String className) {
        String prefix = libraryPrefix(className);
        return prefix == null ? new CodeOrigin(false, null, NO_EVIDENCE)
                : new CodeOrigin(true, null, "package " + prefix + "* of a well-known library");
    }

    /** The well-known library prefix {@code className} starts with, or null. */
    static String libraryPrefix(String className) {
        for (String prefix : DEPENDENCY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * The code source's short name: a jar's file name ({@code h2-2.3.232.jar}), a directory's last
     * name with a slash ({@code classes/}), or null when none was recorded.
     */
    public String codeSourceName() {
        if (codeSource == null) {
            return null;
        }
        String path = codeSource;
        int nested = path.lastIndexOf("!/");
        if (nested >= 0 && nested == path.length() - 2) {
            path = path.substring(0, nested); // jar:...!/ names the jar before it
        }
        boolean directory = path.endsWith("/");
        String trimmed = directory ? path.substring(0, path.length() - 1) : path;
        String name = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('!')) + 1);
        return name.isEmpty() ? codeSource : name + (directory ? "/" : "");
    }

    /** {@code h2-2.3.232.jar (OSGi bundle com.h2database 2.3.232)}, or the reason alone without a code source. */
    public String describe() {
        String name = codeSourceName();
        return name == null ? reason : name + " (" + reason + ")";
    }
}
