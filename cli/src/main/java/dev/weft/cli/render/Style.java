package dev.weft.cli.render;

/** ANSI colours for a terminal, or none at all for files, pipes and CI logs. */
final class Style {
    static final Style PLAIN = new Style(false);
    static final Style ANSI = new Style(true);

    private final boolean colours;

    private Style(boolean colours) {
        this.colours = colours;
    }

    String bold(String text) {
        return paint("1", text);
    }

    String red(String text) {
        return paint("1;31", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String cyan(String text) {
        return paint("36", text);
    }

    String green(String text) {
        return paint("32", text);
    }

    private String paint(String code, String text) {
        return colours ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
