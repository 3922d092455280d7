package dev.weft.cli.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the FILE arguments into the recordings to read.
 *
 * <p>Every input is checked before the first is read, so that a typo in the last argument fails in
 * a second instead of after minutes of reading the others. JFR's own errors for these cases ("Not a
 * complete Chunk header") do not tell a user what to do, hence the explicit checks. What the checks
 * cannot see, a recording cut short, is left to {@link RecordingReader}.
 */
public final class Inputs {
    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};
    private static final String RECORDING_HINT =
            "pass the path of a .jfr recording made with -javaagent:weft-agent.jar";

    private Inputs() {
    }

    /**
     * The recordings named by the arguments, in order, each once: files as given, directories as
     * the {@code *.jfr} files directly inside them, sorted by name.
     */
    public static List<Path> recordingsIn(List<Path> arguments) throws InputException {
        Map<Path, Path> recordings = new LinkedHashMap<>();
        for (Path argument : arguments) {
            for (Path recording : expand(argument)) {
                checkIsRecording(recording);
                recordings.putIfAbsent(recording.toAbsolutePath().normalize(), recording);
            }
        }
        return new ArrayList<>(recordings.values());
    }

    private static List<Path> expand(Path argument) throws InputException {
        if (!Files.exists(argument)) {
            throw new InputException("cannot read '" + argument + "': no such file (" + RECORDING_HINT + ")");
        }
        if (!Files.isDirectory(argument)) {
            return List.of(argument);
        }
        try (Stream<Path> entries = Files.list(argument)) {
            List<Path> recordings = entries
                    .filter(entry -> entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jfr"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (recordings.isEmpty()) {
                throw new InputException("no .jfr recordings in directory '" + argument
                        + "' (pass a .jfr file, or a directory that holds some)");
            }
            return recordings;
        } catch (IOException e) {
            throw cannotRead(argument, e);
        }
    }

    private static void checkIsRecording(Path file) throws InputException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(JFR_MAGIC.length);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        if (head.length == 0) {
            throw new InputException("'" + file + "' is empty (0 bytes): the recording was never written"
                    + " (let the recorded JVM exit normally, or dump a running one with jcmd <pid> JFR.dump)");
        }
        if (!Arrays.equals(head, JFR_MAGIC)) {
            throw new InputException("'" + file + "' is not a JFR recording (" + RECORDING_HINT
                    + ", -XX:StartFlightRecording or jcmd JFR.dump)");
        }
    }

    static InputException cannotRead(Path file, IOException cause) {
        String reason;
        if (cause instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (cause instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (cause instanceof FileSystemException problem && problem.getReason() != null) {
            reason = problem.getReason();
        } else {
            reason = String.valueOf(cause.getMessage());
        }
        return new InputException("cannot read '" + file + "': " + reason + " (" + RECORDING_HINT + ")");
    }
}
