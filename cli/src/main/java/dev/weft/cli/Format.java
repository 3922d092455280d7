package dev.weft.cli;

import dev.weft.cli.render.HtmlRenderer;
import dev.weft.cli.render.JUnitXmlRenderer;
import dev.weft.cli.render.JsonRenderer;
import dev.weft.cli.render.Renderer;
import dev.weft.cli.render.SarifRenderer;
import dev.weft.cli.render.SourceIndex;
import dev.weft.cli.render.TextRenderer;
import java.util.Locale;

/** The values of {@code --format}. */
enum Format {
    TEXT,
    JSON,
    SARIF,
    JUNIT,
    HTML;

    /**
     * @param colours whether the text may use ANSI colours
     * @param sources where the Java sources are, for formats that link findings to files
     */
    Renderer renderer(boolean colours, SourceIndex sources) {
        return switch (this) {
            case TEXT -> new TextRenderer(colours);
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer(sources, WeftVersion.homepage());
            case JUNIT -> new JUnitXmlRenderer();
            case HTML -> new HtmlRenderer();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
