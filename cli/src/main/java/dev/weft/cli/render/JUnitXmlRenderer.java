package dev.weft.cli.render;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.RuleCatalog;
import dev.weft.cli.report.RuleDescription;
import dev.weft.cli.report.Summary;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The findings as a JUnit XML test report, the format every CI server shows without a plug-in
 * (GitLab's {@code artifacts:reports:junit}, Jenkins' {@code junit} step, Azure, Buildkite).
 *
 * <p>One test suite, {@code weft}. Each finding is a test case named by rule and field (or site),
 * its class the class of the first access: failed when the gate fails on it, with the finding's
 * full text (stacks, locks, fix) as the failure's body; skipped when it is below the gate or wholly
 * in dependencies that the gate leaves out. Then one test case per rule without findings, so that
 * the CI page shows what was checked: passed when the recordings held what the rule needs, skipped
 * as "not checked" when they did not. A test report is no place for measurements, so contention is
 * left out.
 */
public final class JUnitXmlRenderer implements Renderer {
    static final String RULES_CLASS = "weft.rules";

    @Override
    public void render(Report report, Writer out) throws IOException {
        List<TestCase> cases = testCases(report);
        try {
            XmlOut xml = new XmlOut(XMLOutputFactory.newFactory().createXMLStreamWriter(out));
            xml.start();
            xml.open(0, "testsuites", "name", "weft", "tests", cases.size(), "failures", count(cases, Outcome.FAILED),
                    "errors", 0, "skipped", count(cases, Outcome.SKIPPED));
            xml.open(1, "testsuite", "name", "weft", "tests", cases.size(), "failures",
                    count(cases, Outcome.FAILED), "errors", 0, "skipped", count(cases, Outcome.SKIPPED));
            writeProperties(xml, report);
            for (TestCase testCase : cases) {
                writeTestCase(xml, testCase);
            }
            if (!report.notes().isEmpty()) {
                xml.textElement(2, "system-out", String.join("\n", report.notes()));
            }
            xml.close(1);
            xml.close(0);
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML report: " + e.getMessage(), e);
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static List<TestCase> testCases(Report report) {
        Summary summary = report.summary();
        Gate gate = summary.gate();
        List<TestCase> cases = new ArrayList<>();
        Map<String, Integer> nameCounts = new HashMap<>();
        report.findings().forEach(finding -> nameCounts.merge(caseName(finding), 1, Integer::sum));
        for (Finding finding : report.findings()) {
            String name = caseName(finding);
            if (nameCounts.get(name) > 1) {
                name += " [" + finding.fingerprint() + "]";
            }
            String className = finding.locations().isEmpty() ? "weft" : finding.locations().get(0).at().className();
            boolean fails = summary.fails(finding);
            String message = fails ? finding.message()
                    : !summary.judges(finding) ? "only in dependencies, left out of the gate: " + finding.message()
                    : finding.severity() + " below the gate '" + gate.id() + "': " + finding.message();
            cases.add(new TestCase(className, name, fails ? Outcome.FAILED : Outcome.SKIPPED, finding.rule(), message,
                    TextRenderer.plainText(finding)));
        }
        Set<String> rulesWithFindings = report.findings().stream().map(Finding::rule).collect(Collectors.toSet());
        for (RuleDescription rule : RuleCatalog.all()) {
            if (rulesWithFindings.contains(rule.id())) {
                continue;
            }
            cases.add(report.checked(rule.id())
                    ? new TestCase(RULES_CLASS, rule.id(), Outcome.PASSED, null, null, null)
                    : new TestCase(RULES_CLASS, rule.id(), Outcome.SKIPPED, null,
                            "not checked: these recordings hold none of the events this rule reads", null));
        }
        return cases;
    }

    /** {@code data-race on com.acme.Counter.count}, or {@code deadlock at com.acme.Bank.transfer}. */
    private static String caseName(Finding finding) {
        if (finding.field() != null) {
            return finding.rule() + " on " + finding.field();
        }
        if (!finding.locations().isEmpty()) {
            return finding.rule() + " at " + finding.locations().get(0).at().className() + "."
                    + finding.locations().get(0).at().method();
        }
        return finding.rule();
    }

    private static void writeProperties(XmlOut xml, Report report) throws XMLStreamException {
        xml.open(2, "properties");
        xml.empty(3, "property", "name", "weft.version", "value", report.tool().version());
        xml.empty(3, "property", "name", "gate", "value", report.summary().gate().id());
        xml.empty(3, "property", "name", "baselined", "value", report.summary().baselined());
        xml.close(2);
    }

    private static void writeTestCase(XmlOut xml, TestCase testCase) throws XMLStreamException {
        Object[] attributes = {"classname", testCase.className(), "name", testCase.name()};
        switch (testCase.outcome()) {
            case PASSED -> xml.empty(2, "testcase", attributes);
            case FAILED -> {
                xml.open(2, "testcase", attributes);
                xml.textElement(3, "failure", testCase.text(), "type", testCase.type(), "message", testCase.message());
                xml.close(2);
            }
            case SKIPPED -> {
                xml.open(2, "testcase", attributes);
                xml.empty(3, "skipped", "message", testCase.message());
                if (testCase.text() != null) {
                    xml.textElement(3, "system-out", testCase.text());
                }
                xml.close(2);
            }
        }
    }

    private static long count(List<TestCase> cases, Outcome outcome) {
        return cases.stream().filter(testCase -> testCase.outcome() == outcome).count();
    }

    private enum Outcome { PASSED, FAILED, SKIPPED }

    /** @param type the rule id of a finding, null otherwise; {@code text} the finding's full text */
    private record TestCase(String className, String name, Outcome outcome, String type, String message, String text) {
    }

    /**
     * {@link XMLStreamWriter} with the indentation it lacks, and text made safe for XML 1.0:
     * characters XML cannot carry become U+FFFD, and attribute values are one line.
     */
    private static final class XmlOut {
        private final XMLStreamWriter writer;

        XmlOut(XMLStreamWriter writer) {
            this.writer = writer;
        }

        void start() throws XMLStreamException {
            writer.writeStartDocument("UTF-8", "1.0");
        }

        void open(int depth, String element, Object... attributes) throws XMLStreamException {
            indent(depth);
            writer.writeStartElement(element);
            writeAttributes(attributes);
        }

        void empty(int depth, String element, Object... attributes) throws XMLStreamException {
            indent(depth);
            writer.writeEmptyElement(element);
            writeAttributes(attributes);
        }

        void textElement(int depth, String element, String text, Object... attributes) throws XMLStreamException {
            indent(depth);
            writer.writeStartElement(element);
            writeAttributes(attributes);
            writer.writeCharacters(xmlSafe(text));
            writer.writeEndElement();
        }

        void close(int depth) throws XMLStreamException {
            indent(depth);
            writer.writeEndElement();
        }

        void end() throws XMLStreamException {
            writer.writeEndDocument();
            writer.flush();
        }

        private void writeAttributes(Object[] attributes) throws XMLStreamException {
            for (int i = 0; i < attributes.length; i += 2) {
                Object value = attributes[i + 1];
                if (value != null) {
                    String oneLine = String.valueOf(value).replaceAll("\\s*\\R\\s*", " ");
                    writer.writeAttribute((String) attributes[i], xmlSafe(oneLine));
                }
            }
        }

        private void indent(int depth) throws XMLStreamException {
            writer.writeCharacters("\n" + "  ".repeat(depth));
        }

        static String xmlSafe(String text) {
            StringBuilder safe = new StringBuilder(text.length());
            text.codePoints().forEach(codePoint -> safe.appendCodePoint(allowedInXml(codePoint) ? codePoint : 0xFFFD));
            return safe.toString();
        }

        private static boolean allowedInXml(int codePoint) {
            return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                    || codePoint >= 0x20 && codePoint <= 0xD7FF
                    || codePoint >= 0xE000 && codePoint <= 0xFFFD
                    || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
        }
    }
}
