package dev.weft.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where {@code weft record} has the agent write its recordings, one file per JVM
 * ({@code weft-<pid>.jfr}), and which of them the recorded command wrote.
 *
 * <p>A directory the user names may hold recordings of earlier runs, and process ids repeat (in a
 * container the JVM may get the same pid every run), so a recording belongs to this run when it
 * was not there before or has changed since: its size or modification time differs from the
 * snapshot taken when the directory was opened. Without a named directory a new temporary one is
 * used and deleted when closed.
 */
final class RecordingsDirectory implements AutoCloseable {
    static final String FILE_PATTERN = "weft-%p.jfr";

    private final Path directory;
    private final boolean temporary;
    private final Map<Path, Snapshot> before;

    private RecordingsDirectory(Path directory, boolean temporary) throws IOException {
        this.directory = directory;
        this.temporary = temporary;
        this.before = snapshot();
    }

    /** @param requested the directory the user named (created when missing), or null for a temporary one */
    static RecordingsDirectory open(Path requested) throws UsageOrInputException {
        Path directory = requested == null ? null : requested.toAbsolutePath().normalize();
        if (directory != null && directory.toString().contains(",")) {
            throw new UsageOrInputException("--recordings '" + requested + "' contains a comma, which the agent's"
                    + " options cannot hold: pass a directory whose path has none");
        }
        try {
            if (directory == null) {
                return new RecordingsDirectory(Files.createTempDirectory("weft-record-"), true);
            }
            Files.createDirectories(directory);
            return new RecordingsDirectory(directory, false);
        } catch (IOException e) {
            throw new UsageOrInputException("cannot use '" + (requested == null ? "a temporary directory" : requested)
                    + "' for the recordings (" + e.getMessage() + "): pass a writable directory to --recordings");
        }
    }

    /** The agent's {@code filename} option: one recording per JVM in this directory. */
    String filenameOption() {
        return directory.resolve(FILE_PATTERN).toString();
    }

    Path path() {
        return directory;
    }

    boolean temporary() {
        return temporary;
    }

    /** The recordings written since the directory was opened, sorted by name. */
    List<Path> written() throws IOException {
        Map<Path, Snapshot> now = snapshot();
        return now.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(before.get(entry.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Deletes the directory when it is a temporary one; a named one is left as it is. */
    @Override
    public void close() throws IOException {
        if (!temporary) {
            return;
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            entries.sorted(Comparator.reverseOrder()).forEach(RecordingsDirectory::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<Path, Snapshot> snapshot() throws IOException {
        Map<Path, Snapshot> files = new HashMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(RecordingsDirectory::isRecording).toList()) {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                files.put(entry, new Snapshot(attributes.size(), attributes.lastModifiedTime()));
            }
        }
        return files;
    }

    private static boolean isRecording(Path entry) {
        return entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jfr") && Files.isRegularFile(entry);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Snapshot(long size, FileTime modified) {
    }
}
