package dev.weft.cli.render;

import static dev.weft.cli.testing.SampleReports.dataRace;
import static dev.weft.cli.testing.SampleReports.recording;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.RuleCatalog;
import dev.weft.cli.report.Severity;
import dev.weft.cli.testing.SampleReports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlRendererTest {
    /** A message with everything XML must escape, and a character it cannot carry at all. */
    private static final String NASTY = "a < b && c > \"d\" 'e' \u0007bell";

    private final Report report = new ReportBuilder(SampleReports.TOOL)
            .addRecording(recording("app.jfr", false))
            .addFinding(dataRace(Severity.ERROR))
            .addFinding(lockOrder("com.acme.Bank", "transfer", NASTY))
            .addFinding(lockOrder("com.acme.Bank", "audit", "another cycle"))
            .addCheckedRule("data-race")
            .addCheckedRule("deadlock")
            .addCheckedRule("lock-order-inversion")
            .addNote("a note")
            .build(Gate.ERROR);

    @Test
    void countsMatchTheTestCases() throws Exception {
        Document xml = parse(render(report));
        Element suites = xml.getDocumentElement();
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);

        int cases = 3 + RuleCatalog.all().size() - 2;
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suite.getAttribute("name")).isEqualTo("weft");
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(cases);
        for (Element counted : List.of(suites, suite)) {
            assertThat(counted.getAttribute("tests")).isEqualTo(String.valueOf(cases));
            assertThat(counted.getAttribute("failures")).isEqualTo("1");
            assertThat(counted.getAttribute("errors")).isEqualTo("0");
            assertThat(counted.getAttribute("skipped"))
                    .as("2 warnings below the gate, 3 rules not checked").isEqualTo("5");
        }
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(5);
    }

    @Test
    void aFindingAtTheGateFailsWithItsFullText() throws Exception {
        Element race = testCase(parse(render(report)), "data-race on com.acme.Counter.count");

        assertThat(race.getAttribute("classname")).isEqualTo("com.acme.Counter");
        Element failure = (Element) race.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("data-race");
        assertThat(failure.getAttribute("message")).startsWith("count is written and read by two threads");
        assertThat(failure.getTextContent())
                .contains("ERROR data-race on com.acme.Counter.count (3 times)",
                        "Write of com.acme.Counter.count by thread \"worker-2\":",
                        "      at com.acme.Worker.run(Worker.java:17)", "Previous read by thread \"worker-1\":",
                        "Mutex " + SampleReports.READER_LOCK,
                        "Fix: guard count")
                .doesNotContain("\u001b[");
    }

    @Test
    void findingsBelowTheGateAreSkippedAndEscaped() throws Exception {
        Document xml = parse(render(report));
        Element transfer = testCase(xml, "lock-order-inversion at com.acme.Bank.transfer");

        assertThat(transfer.getAttribute("classname")).isEqualTo("com.acme.Bank");
        Element skipped = (Element) transfer.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message"))
                .isEqualTo("warning below the gate 'error': a < b && c > \"d\" 'e' \uFFFDbell");
        assertThat(transfer.getElementsByTagName("system-out").item(0).getTextContent()).contains("a < b && c");
        assertThat(testCase(xml, "lock-order-inversion at com.acme.Bank.audit")).isNotNull();
    }

    @Test
    void rulesWithoutFindingsPassWhenCheckedAndAreSkippedWhenNot() throws Exception {
        Document xml = parse(render(report));

        Element deadlock = testCase(xml, "deadlock");
        assertThat(deadlock.getAttribute("classname")).isEqualTo(JUnitXmlRenderer.RULES_CLASS);
        assertThat(deadlock.getChildNodes().getLength()).as("passed").isZero();
        Element jdbc = testCase(xml, "shared-jdbc-connection");
        assertThat(((Element) jdbc.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .startsWith("not checked");
    }

    @Test
    void failingTheGateOnWarningsFailsThemToo() throws Exception {
        Report strict = new ReportBuilder(SampleReports.TOOL)
                .addFinding(lockOrder("com.acme.Bank", "transfer", "cycle"))
                .build(Gate.WARNING);

        Document xml = parse(render(strict));

        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) xml.getElementsByTagName("property").item(1)).getAttribute("value")).isEqualTo("warning");
    }

    @Test
    void sameNamedCasesAreToldApartByFingerprint() throws Exception {
        Report twoRaces = new ReportBuilder(SampleReports.TOOL)
                .addFinding(race("increment"))
                .addFinding(race("reset"))
                .build(Gate.ERROR);

        List<String> names = caseNames(parse(render(twoRaces)));

        assertThat(names).filteredOn(name -> name.startsWith("data-race on com.acme.Counter.count ["))
                .hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void notesGoToTheSuitesOutput() throws Exception {
        Document xml = parse(render(report));
        NodeList outputs = xml.getDocumentElement().getElementsByTagName("system-out");

        assertThat(outputs.item(outputs.getLength() - 1).getTextContent()).isEqualTo("a note");
    }

    private static Finding lockOrder(String className, String method, String message) {
        return new Finding("lock-order-inversion", Severity.WARNING, null, message, null, null, 1,
                List.of(new Location(new Frame(className, method, 10), "t-1")));
    }

    private static Finding race(String method) {
        return new Finding("data-race", Severity.ERROR, "com.acme.Counter.count", "race", null, null, 1,
                List.of(new Location(new Frame("com.acme.Counter", method, 10), "t-1")));
    }

    private static String render(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new JUnitXmlRenderer().render(report, out);
        return out.toString();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testCase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getAttribute("name").equals(name)) {
                return testCase;
            }
        }
        throw new AssertionError("no test case named '" + name + "' in " + caseNames(xml));
    }

    private static List<String> caseNames(Document xml) {
        List<String> names = new ArrayList<>();
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }
}
