package dev.weft.junit;

/** A check that could not be made: the recording could not be dumped or read, or a setting is wrong. */
final class CheckException extends Exception {
    private static final long serialVersionUID = 1L;

    CheckException(String message, Throwable cause) {
        super("weft: " + message, cause);
    }
}
