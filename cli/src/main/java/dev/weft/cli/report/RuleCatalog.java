package dev.weft.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * weft's rules as users read about them: one place for their titles, explanations and fix advice,
 * so that every output format describes a rule the same way. The analyses that implement the
 * rules only name them by id.
 *
 * <p>A finding of a rule not listed here (a newer analysis, a test) still gets a description,
 * made from its id, so that no renderer has to handle "unknown rule" on its own.
 */
public final class RuleCatalog {
    private static final List<RuleDescription> RULES = List.of(
            new RuleDescription("data-race", "Data race",
                    "Two threads accessed the same field, at least one of them writing, and nothing ordered the"
                            + " accesses: no common lock, no volatile, no other happens-before edge. A thread may"
                            + " read a stale or half-written value, and concurrent updates get lost; what happens"
                            + " depends on timing, JIT and hardware, so tests rarely show it.",
                    "Guard every access to the field with the same lock, make the field `volatile` when each"
                            + " access stands alone, or replace it with an atomic (`AtomicLong`,"
                            + " `AtomicReference`) or a concurrent collection. If the object is meant to stay on"
                            + " one thread, stop sharing it: confine it, or give each thread its own.",
                    Severity.ERROR, List.of("concurrency", "correctness", "data-race")),
            new RuleDescription("atomicity-violation", "Atomicity violation",
                    "A compound action on shared state (read-modify-write such as `count++`, or check-then-act"
                            + " such as `if (!map.containsKey(k)) map.put(k, v)`) was interleaved by another"
                            + " thread between its steps. Each step on its own may be safe; together they are"
                            + " not, so updates get lost or a check no longer holds when the action runs.",
                    "Make the whole action atomic: run it under one lock, or use an atomic operation that does"
                            + " both steps (`incrementAndGet`, `compareAndSet`, `putIfAbsent`, `computeIfAbsent`,"
                            + " `merge`).",
                    Severity.WARNING, List.of("concurrency", "correctness", "atomicity")),
            new RuleDescription("shared-jdbc-connection", "JDBC connection shared between threads",
                    "One JDBC connection was used by several threads. A connection is one session with one"
                            + " transaction: the statements of concurrent requests interleave in it, one"
                            + " request's commit or rollback takes another's work along, and most drivers are"
                            + " not safe for concurrent use at all.",
                    "Give each request its own connection from a pool: `try (Connection c ="
                            + " dataSource.getConnection()) { ... }`, and never keep a `Connection` in a static or"
                            + " otherwise shared field.",
                    Severity.ERROR, List.of("concurrency", "correctness", "database")),
            new RuleDescription("check-then-insert", "Check-then-insert race",
                    "A request checked that a row did not exist (SELECT) and then inserted it (INSERT) as two"
                            + " statements, while another thread did the same for the same key. Both can see"
                            + " \"absent\" and both insert: duplicates, or a constraint violation that surfaces"
                            + " as a random failure under load.",
                    "Let the database decide in one statement: a UNIQUE constraint with the insert's duplicate"
                            + " error handled, `INSERT ... ON CONFLICT DO NOTHING` or `MERGE`; or lock the key"
                            + " with `SELECT ... FOR UPDATE` inside one transaction.",
                    Severity.WARNING, List.of("concurrency", "correctness", "database")),
            new RuleDescription("lock-order-inversion", "Lock-order inversion",
                    "Threads took the same locks in different orders (A then B in one place, B then A in"
                            + " another). This run did not deadlock, but another interleaving can: each thread"
                            + " holding one lock and waiting forever for the other.",
                    "Take the locks in one global order everywhere (for example by a stable id), merge them"
                            + " into one lock, or stop holding one lock while acquiring another (call out after"
                            + " releasing it). `tryLock` with a timeout turns a deadlock into a failure the"
                            + " program can handle.",
                    Severity.WARNING, List.of("concurrency", "deadlock")),
            new RuleDescription("deadlock", "Deadlock",
                    "Threads waited for each other's locks in a cycle while the program ran: none of them could"
                            + " go on, and whatever they served hung.",
                    "Break the cycle: acquire the locks in one consistent order, or hold fewer locks at once."
                            + " The stacks show which lock each thread held and which one it waited for.",
                    Severity.ERROR, List.of("concurrency", "deadlock")));

    private RuleCatalog() {
    }

    /** weft's rules, in the order the reports list them. */
    public static List<RuleDescription> all() {
        return RULES;
    }

    /** The rule's description, or one made from its id when weft does not describe it. */
    public static RuleDescription describe(String ruleId) {
        for (RuleDescription rule : RULES) {
            if (rule.id().equals(ruleId)) {
                return rule;
            }
        }
        String words = ruleId.replace('-', ' ');
        String title = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
        return new RuleDescription(ruleId, title, title + ", found by weft.",
                "See the finding's message and fix hint.", Severity.WARNING, List.of("concurrency"));
    }
}
