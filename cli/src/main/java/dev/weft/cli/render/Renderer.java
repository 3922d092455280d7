package dev.weft.cli.render;

import dev.weft.cli.report.Report;
import java.io.IOException;
import java.io.Writer;

/** Shows a report in one format. Renderers only format: every decision is already in the report. */
public interface Renderer {
    void render(Report report, Writer out) throws IOException;
}
