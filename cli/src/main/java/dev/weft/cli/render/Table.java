package dev.weft.cli.render;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are as wide as their widest cell; numbers align right. */
final class Table {
    private static final int MAX_CELL = 40;

    private final List<String> headers;
    private final boolean[] alignRight;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param headers column titles; a title starting with '>' marks a right-aligned column */
    Table(String... headers) {
        this.headers = new ArrayList<>();
        this.alignRight = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            alignRight[i] = headers[i].startsWith(">");
            this.headers.add(alignRight[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    void addRow(String... cells) {
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell.length() <= MAX_CELL ? cell : "…" + cell.substring(cell.length() - MAX_CELL + 1));
        }
        rows.add(row);
    }

    /** The table, each line starting with {@code indent} and ending with a line break. */
    String format(String indent) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, indent, headers, widths);
        rows.forEach(row -> appendLine(text, indent, row, widths));
        return text.toString();
    }

    private void appendLine(StringBuilder text, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String padding = " ".repeat(widths[i] - cells.get(i).length());
            line.append(alignRight[i] ? padding + cells.get(i) : cells.get(i) + padding);
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
