package dev.weft.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one-line message for an output file that could not be written, the same for every command. */
final class WriteFailure {
    private WriteFailure() {
    }

    static String message(Path output, IOException e) {
        return "cannot write '" + output + "': " + reason(e) + " (pass a writable path to --output)";
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException problem && problem.getReason() != null) {
            return problem.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
