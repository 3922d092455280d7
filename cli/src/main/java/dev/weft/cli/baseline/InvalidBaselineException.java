package dev.weft.cli.baseline;

/**
 * A baseline file weft cannot use. The message is one line for the user: which file, what is
 * wrong, and what to do, without the {@code weft: } prefix.
 */
public final class InvalidBaselineException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidBaselineException(String message) {
        super(message);
    }
}
