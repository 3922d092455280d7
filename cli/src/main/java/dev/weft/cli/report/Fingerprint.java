package dev.weft.cli.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a finding that survives edits of the program, so that a baseline accepted today
 * still matches tomorrow and code scanning keeps one alert per problem.
 *
 * <p>The algorithm (version 1) hashes a canonical text with SHA-256 and keeps the first 8 bytes as
 * 16 lower-case hex digits. The text is {@code weft-fingerprint/1}, the rule id, the field (or
 * object) and the distinct access sites, sorted, one per line. A site is {@code class.method}:
 * never a line number (lines move with every edit), a thread name (threads are numbered by start
 * order) or the order in which a run happened to see the accesses. Names that change from run to
 * run or with unrelated edits are normalised first:
 * <ul>
 *   <li>hidden lambda classes {@code Foo$$Lambda$14/0x0000000801001234} and {@code Foo$$Lambda/0x…}
 *       become {@code Foo$$Lambda}, and other hidden-class suffixes {@code /0x…} are dropped;</li>
 *   <li>lambda bodies {@code lambda$main$3} become {@code lambda$main} (javac numbers them in
 *       source order, so adding a lambda above renumbers the rest);</li>
 *   <li>an identity suffix on the field or object, {@code java.sql.Connection@1b6d3586}, is
 *       dropped.</li>
 * </ul>
 * Changing any of this changes every fingerprint, and so invalidates every baseline: bump the
 * version in the canonical text when it has to happen.
 */
public final class Fingerprint {
    private static final String VERSION_TAG = "weft-fingerprint/1";
    private static final int BYTES_KEPT = 8;

    private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$Lambda(\\$\\d+)?(/0x\\p{XDigit}+)?");
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x\\p{XDigit}+$");
    private static final Pattern LAMBDA_METHOD_NUMBER = Pattern.compile("^(lambda\\$.*)\\$\\d+$");
    private static final Pattern IDENTITY_SUFFIX = Pattern.compile("@\\p{XDigit}+$");

    private Fingerprint() {
    }

    /** The fingerprint of a finding of {@code rule} about {@code field} (may be null) seen at {@code locations}. */
    public static String of(String rule, String field, List<Location> locations) {
        StringBuilder canonical = new StringBuilder(VERSION_TAG).append('\n')
                .append(rule).append('\n')
                .append(field == null ? "" : IDENTITY_SUFFIX.matcher(field).replaceFirst(""));
        sites(locations).forEach(site -> canonical.append('\n').append(site));
        return sha256Prefix(canonical.toString());
    }

    /**
     * The access sites as the fingerprint sees them: {@code class.method}, normalised, distinct and
     * sorted. Baselines store them so that a person can tell what an entry is about.
     */
    public static List<String> sites(List<Location> locations) {
        return locations.stream()
                .map(location -> site(location.at()))
                .distinct()
                .sorted()
                .toList();
    }

    static String site(Frame frame) {
        String className = LAMBDA_CLASS.matcher(frame.className()).replaceAll("\\$\\$Lambda");
        className = HIDDEN_CLASS_SUFFIX.matcher(className).replaceFirst("");
        String method = LAMBDA_METHOD_NUMBER.matcher(frame.method()).replaceFirst("$1");
        return className + "." + method;
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, BYTES_KEPT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
