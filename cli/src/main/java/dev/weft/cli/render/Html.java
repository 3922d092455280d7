package dev.weft.cli.render;

/**
 * Writes HTML (and the SVG inside it) with every piece of text and every attribute value escaped,
 * so that nothing from a recording (thread names, class names, messages) can become markup. Markup
 * goes in only through {@link #raw(String)}, which the renderer calls with its own constants.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** {@code <tag name="value" ...>}; attributes as name and value pairs, a null value leaves its pair out. */
    Html open(String tag, Object... attributes) {
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append('>');
        return this;
    }

    /** {@code <tag ... />}, for SVG shapes. */
    Html empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append("/>");
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag ...>text</tag>}. */
    Html element(String tag, Object text, Object... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(Object text) {
        out.append(escape(String.valueOf(text)));
        return this;
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html newline() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes the five characters that matter in text and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void appendAttributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name and value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(String.valueOf(attributes[i + 1])))
                        .append('"');
            }
        }
    }
}
