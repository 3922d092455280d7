package com.acme.signup;

/** Bad command-line options; the mains print the message on one line and exit with status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
