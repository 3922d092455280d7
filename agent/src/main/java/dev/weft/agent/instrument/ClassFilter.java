package dev.weft.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which classes are the application's: by default every class outside the JDK and weft itself;
 * {@code include=} patterns narrow that, {@code exclude=} patterns cut out of it. Patterns are
 * class-name globs: {@code com.acme.*} matches {@code com.acme.Foo} and {@code com.acme.web.Bar}.
 */
public final class ClassFilter {
    private static final String[] NEVER = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.ietf.jgss.", "org.w3c.dom.", "org.xml.sax.",
        "dev.weft.",
    };

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    public ClassFilter(List<String> includes, List<String> excludes) {
        this.includes = compile(includes);
        this.excludes = compile(excludes);
    }

    private static List<Pattern> compile(List<String> globs) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : globs) {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        return patterns;
    }

    /** Whether weft instruments the class named {@code className} (binary name, dots). */
    public boolean instruments(String className) {
        return outsideJdkAndWeft(className)
            && (includes.isEmpty() || matchesAny(includes, className)) && !matchesAny(excludes, className);
    }

    /**
     * Whether the class could be the application's at all, whatever {@code include=}/{@code exclude=}
     * say: it is neither the JDK's nor weft's.
     */
    public static boolean outsideJdkAndWeft(String className) {
        for (String prefix : NEVER) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(List<Pattern> patterns, String className) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }
}
