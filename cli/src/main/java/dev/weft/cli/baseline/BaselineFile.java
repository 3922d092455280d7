package dev.weft.cli.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.render.PrettyJson;
import dev.weft.cli.report.Tool;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline on disk, meant to be committed next to the code it is about:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "tool": {"name": "weft", "version": "0.1.0"},
 *   "created": "2025-01-01T10:00:00Z",
 *   "findings": [
 *     {"fingerprint": "3f2a…", "rule": "data-race", "field": "com.acme.Counter.count",
 *      "locations": ["com.acme.Counter.get", "com.acme.Counter.increment"], "justification": null}
 *   ]
 * }
 * }</pre>
 *
 * Reading is strict about what matching needs ({@code version} 1, a {@code fingerprint} string
 * per entry) and about types, and lenient about the rest, so that a hand-edited file works as
 * long as it means something. Every problem is one line naming the file and the entry.
 */
public final class BaselineFile {
    public static final int VERSION = 1;

    private BaselineFile() {
    }

    public static Baseline read(Path file) throws InvalidBaselineException {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = PrettyJson.mapper().readTree(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidBaselineException("baseline '" + file + "' does not exist (create it with"
                    + " 'weft baseline RECORDING... --output " + file + "')");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid(file, "it is not JSON" + where + " (" + e.getOriginalMessage().replaceAll("\\R", " ") + ")");
        } catch (IOException e) {
            throw new InvalidBaselineException("cannot read baseline '" + file + "': " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "it is not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw invalid(file, "\"version\" is missing or not a number");
        }
        if (version.intValue() != VERSION) {
            throw invalid(file, "it has version " + version.intValue() + ", and this weft reads version " + VERSION);
        }
        JsonNode findings = root.get("findings");
        if (findings == null || !findings.isArray()) {
            throw invalid(file, "\"findings\" is missing or not an array");
        }
        List<BaselineEntry> entries = new ArrayList<>();
        for (int index = 0; index < findings.size(); index++) {
            entries.add(entry(file, index, findings.get(index)));
        }
        return new Baseline(entries);
    }

    /** Writes {@code baseline} to {@code file}, replacing it. */
    public static void write(Baseline baseline, Tool tool, Instant created, Path file) throws IOException {
        ObjectNode root = PrettyJson.mapper().createObjectNode();
        root.put("version", VERSION);
        ObjectNode toolNode = root.putObject("tool");
        toolNode.put("name", tool.name());
        toolNode.put("version", tool.version());
        root.put("created", created.toString());
        ArrayNode findings = root.putArray("findings");
        for (BaselineEntry entry : baseline.entries()) {
            ObjectNode node = findings.addObject();
            node.put("fingerprint", entry.fingerprint());
            node.put("rule", entry.rule());
            node.put("field", entry.field());
            ArrayNode sites = node.putArray("locations");
            entry.sites().forEach(sites::add);
            node.put("justification", entry.justification());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            PrettyJson.write(root, out);
        }
    }

    private static BaselineEntry entry(Path file, int index, JsonNode node) throws InvalidBaselineException {
        String where = "findings[" + index + "]";
        if (!node.isObject()) {
            throw invalid(file, where + " is not an object");
        }
        String fingerprint = text(file, where, node, "fingerprint");
        if (fingerprint == null || fingerprint.isBlank()) {
            throw invalid(file, where + " has no \"fingerprint\"");
        }
        List<String> sites = new ArrayList<>();
        JsonNode locations = node.get("locations");
        if (locations != null && !locations.isNull()) {
            if (!locations.isArray()) {
                throw invalid(file, where + ".locations is not an array");
            }
            locations.forEach(site -> sites.add(site.asText()));
        }
        return new BaselineEntry(fingerprint, text(file, where, node, "rule"), text(file, where, node, "field"),
                sites, text(file, where, node, "justification"));
    }

    /** The string at {@code name}, null when absent or null, and an error when it is something else. */
    private static String text(Path file, String where, JsonNode node, String name) throws InvalidBaselineException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(file, where + "." + name + " is not a string");
        }
        return value.textValue();
    }

    private static InvalidBaselineException invalid(Path file, String problem) {
        return new InvalidBaselineException("'" + file + "' is not a usable weft baseline: " + problem
                + " (fix it, or write a new one with 'weft baseline RECORDING... --output " + file + "')");
    }
}
