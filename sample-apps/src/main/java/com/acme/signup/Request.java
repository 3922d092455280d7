package com.acme.signup;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as far as this server cares: method, path and query parameters. Reading it consumes the
 * request line, the headers up to the blank line and any {@code Content-Length} body (which is ignored).
 */
record Request(String method, String path, Map<String, String> query) {

    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final long MAX_BODY_BYTES = 64 * 1024;

    /** Reads one request; {@code in} should be buffered. */
    static Request readFrom(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            throw new EOFException("connection closed before a request was sent");
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("bad request line");
        }
        long contentLength = readHeaders(in);
        skipBody(in, contentLength);
        return fromTarget(parts[0], parts[1]);
    }

    String parameter(String name) {
        return query.get(name);
    }

    /** Reads header lines up to the blank line; returns the Content-Length (0 if absent). */
    private static long readHeaders(InputStream in) throws IOException {
        long contentLength = 0;
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new MalformedRequestException("headers not terminated by a blank line");
            }
            if (line.isEmpty()) {
                return contentLength;
            }
            if (count == MAX_HEADERS) {
                throw new MalformedRequestException("too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("bad header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("transfer-encoding")) {
                throw new MalformedRequestException("only Content-Length bodies are supported");
            }
            if (name.equals("content-length")) {
                contentLength = parseContentLength(value);
            }
        }
    }

    private static long parseContentLength(String value) throws MalformedRequestException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new MalformedRequestException("unsupported Content-Length " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("bad Content-Length " + value);
        }
    }

    /** The body must be read, not just left behind: closing a socket with unread input resets the connection. */
    private static void skipBody(InputStream in, long length) throws IOException {
        in.skipNBytes(length);
    }

    private static Request fromTarget(String method, String target) throws MalformedRequestException {
        int questionMark = target.indexOf('?');
        String path = questionMark < 0 ? target : target.substring(0, questionMark);
        Map<String, String> query = new HashMap<>();
        if (questionMark >= 0) {
            for (String pair : target.substring(questionMark + 1).split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                query.put(decode(name), decode(value));
            }
        }
        return new Request(method, path, Map.copyOf(query));
    }

    private static String decode(String text) throws MalformedRequestException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("bad escape in query");
        }
    }

    /** One line without its CR LF (ISO-8859-1, as HTTP headers are), or null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                if (line.size() == 0) {
                    return null;
                }
                throw new MalformedRequestException("line not terminated");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new MalformedRequestException("line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
