package dev.weft.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * The user's own thread-safety checklist, each item answered by the rules that check it: failed
 * when one of them found something, passed when they were checked and found nothing, not checked
 * when the recordings lack what the rules need (no weft agent, or an agent without that detector).
 * "Passed" therefore never stands for "nobody looked".
 *
 * <p>An item is about the application's code, and answered as the gate judges: findings wholly in
 * dependencies fail it only with {@code --gate-dependencies}; otherwise they are counted apart.
 */
public final class Checklist {
    private static final List<Question> QUESTIONS = List.of(
            new Question("Shared (static or global) state is read-only or guarded by locks",
                    List.of("data-race", "atomicity-violation")),
            new Question("Each request gets its own database connection", List.of("shared-jdbc-connection")),
            new Question("Multi-statement requests are free of check-then-insert races", List.of("check-then-insert")),
            new Question("Locks are taken in one order: no lock-order inversions or deadlocks",
                    List.of("lock-order-inversion", "deadlock")));

    private Checklist() {
    }

    /** The checklist's items as answered by {@code report}. */
    public static List<Item> of(Report report) {
        return QUESTIONS.stream().map(question -> question.answer(report)).toList();
    }

    public enum Status {
        PASSED,
        FAILED,
        NOT_CHECKED;

        /** {@code passed}, {@code failed}, {@code not-checked}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One item, answered.
     *
     * @param rules        the rules that check it
     * @param checkedRules those of them the recordings held the input for
     * @param findings           findings of those rules that the gate judges
     * @param dependencyFindings findings of those rules wholly in dependencies that the gate leaves out
     */
    public record Item(String text, List<String> rules, List<String> checkedRules, Status status, int findings,
                       int dependencyFindings) {
        public Item {
            rules = List.copyOf(rules);
            checkedRules = List.copyOf(checkedRules);
        }
    }

    private record Question(String text, List<String> rules) {
        Item answer(Report report) {
            List<Finding> ours = report.findings().stream().filter(finding -> rules.contains(finding.rule())).toList();
            int judged = (int) ours.stream().filter(report.summary()::judges).count();
            List<String> checked = rules.stream().filter(report::checked).toList();
            Status status = judged > 0 ? Status.FAILED : checked.isEmpty() ? Status.NOT_CHECKED : Status.PASSED;
            return new Item(text, rules, checked, status, judged, ours.size() - judged);
        }
    }
}
