package dev.weft.cli.render;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * The one way weft writes JSON (the report, SARIF, baselines): {@code "key": value}, one array
 * element per line, the layout of jq and most JSON tools, so that files diff well under version
 * control. The writer is left open for the caller.
 */
public final class PrettyJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .defaultPrettyPrinter(conventionalLayout())
            .build();

    private PrettyJson() {
    }

    /** The mapper to build trees with and to read JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code root} and a line break, and flushes. */
    public static void write(JsonNode root, Writer out) throws IOException {
        MAPPER.writeValue(out, root);
        out.write(System.lineSeparator());
        out.flush();
    }

    private static DefaultPrettyPrinter conventionalLayout() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return printer;
    }
}
