package dev.weft.cli;

/**
 * A problem that stops a command before it could do its work, reported as one line on stderr with
 * exit code {@link ExitCodes#USAGE_OR_INPUT}. The message says what is wrong and what to do,
 * without the {@code weft: } prefix.
 */
final class UsageOrInputException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageOrInputException(String message) {
        super(message);
    }
}
