package dev.weft.cli.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.render.SourceIndex.SourceFile;
import dev.weft.cli.report.Frame;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns code positions into SARIF locations: the class's source file relative to
 * {@code %SRCROOT%} and the line, plus the method as a logical location. Remembers the classes
 * whose source was not found, whose locations are only a guess, so that the run can say so.
 */
final class SarifLocations {
    static final String SRCROOT = "%SRCROOT%";

    /** {@code pkg.Class.method(File.java:42)}, the form of {@link Frame#toString()} and of stack lines. */
    private static final Pattern STACK_LINE = Pattern.compile("(.+)\\.([^.(]+)\\([^:)]*(?::(\\d+))?\\)");

    private final SourceIndex sources;
    private final Set<String> guessedClasses = new TreeSet<>();

    SarifLocations(SourceIndex sources) {
        this.sources = sources;
    }

    /** A location at {@code frame}; a guessed file when its source is not under the source roots. */
    void write(ObjectNode location, Frame frame, String message) {
        SourceFile file = sources.locate(frame.className());
        if (!file.found()) {
            guessedClasses.add(frame.className());
        }
        writePhysical(location.putObject("physicalLocation"), file, frame);
        ObjectNode method = location.putArray("logicalLocations").addObject();
        method.put("name", frame.method());
        method.put("fullyQualifiedName", frame.className() + "." + frame.method());
        method.put("kind", "function");
        location.putObject("message").put("text", message);
    }

    /** A location for one line of a stack trace, only when that line's source file exists. */
    Optional<Frame> foundFrame(String stackLine) {
        Matcher matcher = STACK_LINE.matcher(stackLine);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int line = matcher.group(3) == null ? Frame.UNKNOWN_LINE : Integer.parseInt(matcher.group(3));
        Frame frame = new Frame(matcher.group(1), matcher.group(2), line);
        return sources.locate(frame.className()).found() ? Optional.of(frame) : Optional.empty();
    }

    /** The classes located so far whose source was not found, sorted. */
    Set<String> guessedClasses() {
        return guessedClasses;
    }

    String describeRoots() {
        return sources.describeRoots();
    }

    String baseUri() {
        return sources.base().toUri().toString();
    }

    private static void writePhysical(ObjectNode physical, SourceFile file, Frame frame) {
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", file.uri());
        if (file.underBase()) {
            artifact.put("uriBaseId", SRCROOT);
        }
        if (frame.hasLine()) {
            physical.putObject("region").put("startLine", frame.line());
        }
    }
}
