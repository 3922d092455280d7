package com.acme.signup;

import java.io.IOException;

/** The bytes a client sent are not a request this server understands; answered with 400. */
final class MalformedRequestException extends IOException {

    MalformedRequestException(String reason) {
        super(reason);
    }
}
