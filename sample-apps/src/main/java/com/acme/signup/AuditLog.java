package com.acme.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * A hash-chained audit trail of signups: every entry carries a SHA-256 over the previous entry's hash and its own
 * text, so entries have to be appended strictly one at a time. Appends are serialized by a {@code synchronized}
 * block on the entry list; every worker appends once per signup, so under load workers now and then wait here.
 * (Same code in both variants.)
 */
public final class AuditLog {

    /** Only the newest entries are kept; the chain hash still covers everything ever appended. */
    private static final int CAPACITY = 1_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Deque<String> entries = new ArrayDeque<>();
    private final MessageDigest sha256 = newSha256(); // guarded by entries
    private byte[] chainHash = new byte[32];          // guarded by entries
    private long appended;                            // guarded by entries

    /** Appends one event, e.g. {@code signup alice by worker-2}. */
    public void append(String event) {
        synchronized (entries) {
            appended++;
            sha256.update(chainHash);
            chainHash = sha256.digest(event.getBytes(StandardCharsets.UTF_8));
            entries.addLast(appended + " " + HEX.formatHex(chainHash, 0, 8) + " " + event);
            if (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    /** How many entries were ever appended, and the newest one (empty text if none). */
    public Snapshot snapshot() {
        synchronized (entries) {
            return new Snapshot(appended, entries.isEmpty() ? "" : entries.getLast());
        }
    }

    public record Snapshot(long appended, String newestEntry) {
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
