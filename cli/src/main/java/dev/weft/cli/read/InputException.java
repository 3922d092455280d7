package dev.weft.cli.read;

/**
 * An input weft cannot use. The message is one line for the user: what is wrong and what to do,
 * without the {@code weft: } prefix.
 */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
