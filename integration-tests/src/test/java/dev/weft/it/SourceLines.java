package dev.weft.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Finds source lines by their text, so tests do not hard-code line numbers. */
final class SourceLines {
    private final List<String> lines;

    private SourceLines(Path file) {
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test program of this module. */
    static SourceLines ofTestProgram(Class<?> program) {
        return new SourceLines(Paths.get("src/test/java", program.getName().replace('.', '/') + ".java"));
    }

    /** A class of the sample app. */
    static SourceLines ofSample(String className) {
        return new SourceLines(Paths.get("../sample-apps/src/main/java", className.replace('.', '/') + ".java"));
    }

    /** The 1-based number of the first line containing {@code text}. */
    int lineOf(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains '" + text + "'");
    }

    /** The line tagged {@code // SITE:tag} (the tag ends the line). */
    int site(String tag) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + tag)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line is tagged SITE:" + tag);
    }
}
