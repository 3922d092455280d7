package dev.weft.cli.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table whose columns are as wide as their widest cell; numbers align right. A row may
 * carry a detail line, printed under it from one column's start on, that does not widen the table.
 */
final class Table {
    private static final int MAX_CELL = 40;

    private final List<String> headers;
    private final boolean[] alignRight;
    private final List<List<String>> rows = new ArrayList<>();
    private final Map<Integer, Detail> detailByRow = new HashMap<>();

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

    /** Adds a line under the last row added, starting where column {@code column} starts. */
    void addDetail(int column, String text) {
        detailByRow.put(rows.size() - 1, new Detail(column, text));
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
        for (int row = 0; row < rows.size(); row++) {
            appendLine(text, indent, rows.get(row), widths);
            Detail detail = detailByRow.get(row);
            if (detail != null) {
                int offset = 0;
                for (int column = 0; column < detail.column; column++) {
                    offset += widths[column] + 2;
                }
                text.append(indent).append(" ".repeat(offset)).append(detail.text).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    private record Detail(int column, String text) {
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
