package dev.weft.cli.report;

import java.util.List;

/**
 * Whose code a class is: the application's, or a dependency's. A team can fix a race in its own
 * code today; a race inside a library it can only report upstream or work around, so findings that
 * lie wholly in libraries are listed apart and, by default, left out of the gate.
 *
 * <p>Recordings do not carry the jar a class came from yet, so the only evidence is the package:
 * a class is a dependency's when its name starts with one of the well-known library prefixes below,
 * and the application's otherwise. The list is short on purpose: a library it misses counts as
 * application code, which gates a finding rather than hiding it. When the agent records code
 * sources, they should decide, and this list become the fallback.
 */
final class CodeOrigin {
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

    private CodeOrigin() {
    }

    /** Whether the class is known to come from a dependency rather than the application. */
    static boolean isDependency(String className) {
        for (String prefix : DEPENDENCY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
