package dev.weft.cli;

import dev.weft.cli.render.JsonRenderer;
import dev.weft.cli.render.Renderer;
import dev.weft.cli.render.TextRenderer;
import java.util.Locale;

/** The values of {@code --format}. */
enum Format {
    TEXT,
    JSON;

    Renderer renderer(boolean colours) {
        return switch (this) {
            case TEXT -> new TextRenderer(colours);
            case JSON -> new JsonRenderer();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
