package dev.weft.cli.report;

import java.util.List;

/**
 * What a rule checks, in words for the reports: the same text in the text, HTML, SARIF and JUnit
 * outputs. {@link RuleCatalog} holds weft's rules.
 *
 * @param id              the stable kebab-case id findings carry ({@code data-race})
 * @param title           a few words, sentence case ({@code Data race})
 * @param description     one paragraph: what the rule found and why it matters
 * @param help            one paragraph: how to fix it; may use {@code `code`} spans
 * @param defaultSeverity the severity its findings usually have (a rule may raise or lower one)
 * @param tags            search terms for code-scanning tools, {@code concurrency} first
 */
public record RuleDescription(String id, String title, String description, String help, Severity defaultSeverity,
                              List<String> tags) {
    public RuleDescription {
        tags = List.copyOf(tags);
    }
}
