package com.acme.signup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A plain-text HTTP/1.1 response; the connection is always closed after it. */
record Response(int status, String body) {

    static Response ok(String body) {
        return new Response(200, body);
    }

    static Response badRequest(String reason) {
        return new Response(400, reason + "\n");
    }

    static Response notFound() {
        return new Response(404, "no such endpoint; try POST /signup?user=NAME or GET /stats\n");
    }

    static Response serverError() {
        return new Response(500, "internal error\n");
    }

    void writeTo(OutputStream out) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reasonPhrase() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
    }

    private String reasonPhrase() {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            default -> "Unknown";
        };
    }
}
