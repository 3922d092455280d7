package dev.weft.cli.baseline;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Fingerprint;
import java.util.List;
import java.util.Objects;

/**
 * One accepted finding. Only the fingerprint decides what it matches; rule, field and sites are
 * there so that a person reading the file (or its diff in a review) knows what was accepted.
 *
 * @param field         the finding's field or object, or null
 * @param sites         the access sites as {@code class.method}, as {@link Fingerprint#sites} gives them
 * @param justification why the finding is accepted, written by a person; null when nobody said
 */
public record BaselineEntry(String fingerprint, String rule, String field, List<String> sites,
                            String justification) {
    public BaselineEntry {
        Objects.requireNonNull(fingerprint, "fingerprint");
        sites = sites == null ? List.of() : List.copyOf(sites);
    }

    /** A new entry for {@code finding}, without justification. */
    static BaselineEntry of(Finding finding) {
        return new BaselineEntry(finding.fingerprint(), finding.rule(), finding.field(),
                Fingerprint.sites(finding.locations()), null);
    }
}
