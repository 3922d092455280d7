package dev.weft.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.RuleCatalog;
import dev.weft.cli.report.RuleDescription;
import dev.weft.cli.report.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings as a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.
 *
 * <p>What code scanning needs decides the shape. Every rule weft knows is described in
 * {@code tool.driver.rules}, so alerts show the rule's explanation and fix even for the first
 * finding of a kind. A result's primary location is the first access of the finding; the others
 * are {@code relatedLocations}, linked from the message ({@code [text](id)}), and the threads'
 * stacks become {@code codeFlows} (one thread flow per access, frames whose source is in the
 * repository only). Paths are relative to {@code %SRCROOT%}, the working directory, because code
 * scanning matches them against the repository; {@code partialFingerprints} carries weft's own
 * fingerprint, which ignores line numbers, so an alert survives edits around it; findings wholly in
 * libraries' code carry {@code properties.dependency}. The contention report is not part of it:
 * SARIF is for problems to fix, and contention is a measurement.
 */
public final class SarifRenderer implements Renderer {
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String FINGERPRINT_KEY = "weft/v1";

    private final SourceIndex sources;
    private final String informationUri;

    /**
     * @param sources        where to find the source files of the classes in findings
     * @param informationUri weft's home page for {@code tool.driver.informationUri}, or null when unknown
     */
    public SarifRenderer(SourceIndex sources, String informationUri) {
        this.sources = sources;
        this.informationUri = informationUri;
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        SarifLocations locations = new SarifLocations(sources);
        Map<String, Integer> ruleIndex = ruleIndex(report.findings());

        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        writeDriver(run.putObject("tool").putObject("driver"), report, ruleIndex.keySet());
        ArrayNode results = run.putArray("results");
        report.findings().forEach(finding ->
                writeResult(results.addObject(), finding, ruleIndex.get(finding.rule()), locations));
        String base = locations.baseUri();
        run.putObject("originalUriBaseIds").putObject(SarifLocations.SRCROOT)
                .put("uri", base.endsWith("/") ? base : base + "/");
        writeInvocation(run.putArray("invocations").addObject(), report, locations);

        PrettyJson.write(root, out);
    }

    /** weft's rules in catalogue order, then rules only findings name, each with its index. */
    private static Map<String, Integer> ruleIndex(List<Finding> findings) {
        Map<String, Integer> index = new LinkedHashMap<>();
        RuleCatalog.all().forEach(rule -> index.put(rule.id(), index.size()));
        findings.forEach(finding -> index.putIfAbsent(finding.rule(), index.size()));
        return index;
    }

    private void writeDriver(ObjectNode driver, Report report, Iterable<String> ruleIds) {
        driver.put("name", report.tool().name());
        driver.put("version", report.tool().version());
        if (informationUri != null) {
            driver.put("informationUri", informationUri);
        }
        ArrayNode rules = driver.putArray("rules");
        ruleIds.forEach(id -> writeRule(rules.addObject(), RuleCatalog.describe(id)));
    }

    private static void writeRule(ObjectNode node, RuleDescription rule) {
        node.put("id", rule.id());
        node.put("name", pascalCase(rule.id()));
        node.putObject("shortDescription").put("text", rule.title());
        node.putObject("fullDescription").put("text", rule.description());
        ObjectNode help = node.putObject("help");
        help.put("text", rule.description() + "\n\nHow to fix: " + rule.help());
        help.put("markdown", "**" + rule.title() + "**\n\n" + rule.description() + "\n\n**How to fix:** " + rule.help());
        node.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
        ArrayNode tags = node.putObject("properties").putArray("tags");
        rule.tags().forEach(tags::add);
    }

    private static void writeResult(ObjectNode result, Finding finding, int ruleIndex, SarifLocations locations) {
        result.put("ruleId", finding.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(finding.severity()));
        List<Location> places = finding.locations();
        StringBuilder message = new StringBuilder(escapeBrackets(sentence(finding.message())));
        for (String note : finding.notes()) {
            message.append(" Note: ").append(escapeBrackets(sentence(note)));
        }
        if (finding.fixHint() != null) {
            message.append(" Fix: ").append(escapeBrackets(sentence(finding.fixHint())));
        }
        for (int id = 1; id < places.size(); id++) {
            message.append(id == 1 ? " Also: " : "; ")
                    .append('[').append(escapeBrackets(describe(places.get(id)))).append("](").append(id).append(')');
        }
        if (places.size() > 1) {
            message.append('.');
        }
        result.putObject("message").put("text", message.toString());
        if (!places.isEmpty()) {
            locations.write(result.putArray("locations").addObject(), places.get(0).at(), describe(places.get(0)));
        }
        if (places.size() > 1) {
            ArrayNode related = result.putArray("relatedLocations");
            for (int id = 1; id < places.size(); id++) {
                ObjectNode location = related.addObject();
                location.put("id", id);
                locations.write(location, places.get(id).at(), describe(places.get(id)));
            }
        }
        writeCodeFlow(result, places, locations);
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, finding.fingerprint());
        result.put("occurrenceCount", finding.count());
        if (finding.field() != null || finding.inDependencies() || !finding.notes().isEmpty()) {
            ObjectNode properties = result.putObject("properties");
            if (finding.field() != null) {
                properties.put("field", finding.field());
            }
            if (finding.inDependencies()) {
                properties.put("dependency", true);
                ArrayNode dependencies = properties.putArray("dependencies");
                finding.dependencies().forEach(dependencies::add);
            }
            if (!finding.notes().isEmpty()) {
                ArrayNode notes = properties.putArray("notes");
                finding.notes().forEach(notes::add);
            }
        }
    }

    /** One thread flow per access with a stack: the stack's frames in the repository, outermost first. */
    private static void writeCodeFlow(ObjectNode result, List<Location> places, SarifLocations locations) {
        List<ObjectNode> threadFlows = new ArrayList<>();
        for (Location place : places) {
            List<Frame> frames = new ArrayList<>();
            for (String line : place.stack()) {
                locations.foundFrame(line).ifPresent(frame -> frames.add(0, frame));
            }
            if (frames.isEmpty()) {
                continue;
            }
            ObjectNode threadFlow = PrettyJson.mapper().createObjectNode();
            threadFlow.putObject("message").put("text", describe(place));
            ArrayNode steps = threadFlow.putArray("locations");
            for (int depth = 0; depth < frames.size(); depth++) {
                ObjectNode step = steps.addObject();
                locations.write(step.putObject("location"), frames.get(depth), frames.get(depth).toString());
                step.put("nestingLevel", depth);
            }
            threadFlows.add(threadFlow);
        }
        if (!threadFlows.isEmpty()) {
            ArrayNode flows = result.putArray("codeFlows").addObject().putArray("threadFlows");
            threadFlows.forEach(flows::add);
        }
    }

    private static void writeInvocation(ObjectNode invocation, Report report, SarifLocations locations) {
        invocation.put("executionSuccessful", !report.anyRecordingCut());
        if (!report.notes().isEmpty()) {
            ArrayNode notes = invocation.putArray("toolExecutionNotifications");
            report.notes().forEach(note -> {
                ObjectNode notification = notes.addObject();
                notification.putObject("message").put("text", note);
                notification.put("level", "note");
            });
        }
        if (!locations.guessedClasses().isEmpty()) {
            ObjectNode notification = invocation.putArray("toolConfigurationNotifications").addObject();
            notification.putObject("message").put("text", "No source file under " + locations.describeRoots()
                    + " for " + String.join(", ", locations.guessedClasses()) + ": their locations are guessed"
                    + " from the package and class name (pass --source-root DIR to say where the sources are).");
            notification.put("level", "warning");
        }
    }

    /** {@code write by thread "worker-2" in Counter.increment}. */
    private static String describe(Location location) {
        StringBuilder text = new StringBuilder(location.access() == null ? "seen" : location.access());
        if (location.thread() != null) {
            text.append(" by thread \"").append(location.thread()).append('"');
        }
        Frame at = location.at();
        text.append(" in ").append(at.shortForm());
        if (!location.locksHeld().isEmpty()) {
            text.append(", holding ").append(String.join(", ", location.locksHeld()));
        } else if (location.locksKnown()) {
            text.append(", holding no lock");
        }
        return text.toString();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Messages and fix hints are joined into one text: each must end like a sentence. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() || ".!?".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0 ? trimmed : trimmed + ".";
    }

    /** SARIF reads {@code [text](id)} in a plain-text message as a link: other brackets are escaped. */
    private static String escapeBrackets(String text) {
        return text.replace("[", "\\[").replace("]", "\\]");
    }

    private static String pascalCase(String ruleId) {
        StringBuilder name = new StringBuilder();
        for (String word : ruleId.split("-")) {
            name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return name.toString();
    }
}
