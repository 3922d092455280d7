package dev.weft.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.CodeOrigin;
import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.StackSource;
import dev.weft.cli.report.StartedThread;
import dev.weft.cli.report.Summary;
import dev.weft.cli.report.ThreadCount;
import dev.weft.cli.report.WaitTimes;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * The report as one JSON object for CI systems and scripts.
 *
 * <p>The tree is built field by field rather than by serializing the model's records: the JSON is
 * a contract with other programs, and this way its key names and order are written down in one
 * place and cannot change by renaming a Java component. Optional details of a location are left
 * out when absent; everything else is always present, null when unknown.
 */
public final class JsonRenderer implements Renderer {
    @Override
    public void render(Report report, Writer out) throws IOException {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", report.tool().name());
        tool.put("version", report.tool().version());
        ArrayNode recordings = root.putArray("recordings");
        report.recordings().forEach(recording -> writeRecording(recordings.addObject(), recording));
        writeSummary(root.putObject("summary"), report.summary());
        ArrayNode checkedRules = root.putArray("checkedRules");
        report.checkedRules().forEach(checkedRules::add);
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(finding -> writeFinding(findings.addObject(), finding));
        ArrayNode contention = root.putArray("contention");
        report.contention().forEach(entry -> writeContention(contention.addObject(), entry));
        ArrayNode pinning = root.putArray("pinning");
        report.pinning().forEach(site -> writePinnedSite(pinning.addObject(), site));
        ArrayNode threads = root.putArray("threads");
        report.threads().forEach(thread -> writeThread(threads.addObject(), thread));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);

        PrettyJson.write(root, out);
    }

    private static void writeRecording(ObjectNode node, RecordingSummary recording) {
        node.put("path", recording.path());
        node.put("events", recording.events());
        node.put("weftEvents", recording.weftEvents());
        node.put("cut", recording.cut());
        node.put("start", instant(recording.start()));
        node.put("end", instant(recording.end()));
        node.put("durationNanos", recording.duration().toNanos());
        AgentSummary agent = recording.agent();
        if (agent == null) {
            node.putNull("agent");
            return;
        }
        ObjectNode agentNode = node.putObject("agent");
        agentNode.put("version", agent.version());
        agentNode.put("options", agent.options());
        agentNode.put("javaVersion", agent.javaVersion());
        agentNode.put("instrumentedClasses", agent.instrumentedClasses());
        agentNode.put("lockSites", agent.lockSites());
        agentNode.put("transformErrors", agent.transformErrors());
        agentNode.put("internalErrors", agent.internalErrors());
        agentNode.put("firstError", agent.firstError());
        agentNode.put("modelsNotApplied", agent.modelsNotApplied());
        agentNode.put("modelsNotAppliedTo", agent.modelsNotAppliedTo());
    }

    private static void writeSummary(ObjectNode node, Summary summary) {
        node.put("findings", summary.findings());
        node.put("errors", summary.errors());
        node.put("warnings", summary.warnings());
        node.put("infos", summary.infos());
        node.put("gate", summary.gate().id());
        node.put("gateFailed", summary.gateFailed());
        node.put("baselined", summary.baselined());
        node.put("dependencyFindings", summary.dependencyFindings());
        node.put("dependenciesGated", summary.dependenciesGated());
    }

    private static void writeFinding(ObjectNode node, Finding finding) {
        node.put("rule", finding.rule());
        node.put("severity", finding.severity().id());
        node.put("field", finding.field());
        node.put("message", finding.message());
        node.put("fixHint", finding.fixHint());
        node.put("fingerprint", finding.fingerprint());
        node.put("count", finding.count());
        node.put("dependency", finding.inDependencies());
        putStrings(node, "notes", finding.notes());
        ArrayNode locations = node.putArray("locations");
        finding.locations().forEach(location -> writeLocation(locations.addObject(), location));
    }

    private static void writeLocation(ObjectNode node, Location location) {
        writeFrame(node, location.at());
        node.put("thread", location.thread());
        if (location.access() != null) {
            node.put("access", location.access());
        }
        putStrings(node, "stack", location.stack());
        if (location.stackSource() != null && location.stackSource() != StackSource.ACCESS) {
            node.put("stackSource", location.stackSource().id());
        }
        if (location.stackThread() != null) {
            node.put("stackThread", location.stackThread());
        }
        if (location.locksKnown() && location.locksHeld().isEmpty()) {
            node.putArray("locksHeld");
        } else {
            putStrings(node, "locksHeld", location.locksHeld());
        }
        if (location.threadCreatedAt() != null) {
            node.put("threadCreatedAt", location.threadCreatedAt().toString());
        }
        if (location.lock() != null) {
            node.put("lock", location.lock());
        }
        if (location.lockOwner() != null) {
            node.put("lockOwner", location.lockOwner());
        }
        CodeOrigin origin = location.origin();
        node.put("origin", origin.dependency() ? "dependency" : "application");
        node.put("codeSource", origin.codeSource());
        node.put("originReason", origin.reason());
    }

    private static void writeContention(ObjectNode node, ContentionEntry entry) {
        node.put("lockClass", entry.lockClass());
        node.put("lockKind", entry.lockKind().id());
        writeFrame(node.putObject("site"), entry.site());
        if (entry.calledFrom() == null) {
            node.putNull("calledFrom");
        } else {
            writeFrame(node.putObject("calledFrom"), entry.calledFrom());
        }
        node.put("acquisitions", entry.acquisitions());
        node.put("contended", entry.contended());
        WaitTimes wait = entry.waitNanos();
        ObjectNode waitNode = node.putObject("waitNanos");
        waitNode.put("total", wait.total());
        waitNode.put("p50", wait.p50());
        waitNode.put("p99", wait.p99());
        waitNode.put("max", wait.max());
        node.put("blockingHolds", entry.blockingHolds());
        node.put("blockingHoldNanos", entry.blockingHoldNanos());
        writeThreadCounts(node.putArray("waiters"), entry.waiters());
        writeThreadCounts(node.putArray("owners"), entry.owners());
    }

    private static void writePinnedSite(ObjectNode node, PinnedSite site) {
        writeFrame(node.putObject("site"), site.site());
        node.put("count", site.count());
        node.put("totalNanos", site.totalNanos());
        node.put("maxNanos", site.maxNanos());
    }

    private static void writeThread(ObjectNode node, StartedThread thread) {
        node.put("name", thread.name());
        node.put("id", thread.id());
        node.put("parent", thread.parent());
        node.put("createdAt", thread.createdAt() == null ? null : thread.createdAt().toString());
    }

    private static void writeFrame(ObjectNode node, Frame frame) {
        node.put("class", frame.className());
        node.put("method", frame.method());
        if (frame.hasLine()) {
            node.put("line", frame.line());
        } else {
            node.putNull("line");
        }
    }

    private static void writeThreadCounts(ArrayNode array, List<ThreadCount> threads) {
        for (ThreadCount thread : threads) {
            ObjectNode node = array.addObject();
            node.put("thread", thread.thread());
            node.put("count", thread.count());
        }
    }

    private static void putStrings(ObjectNode node, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
