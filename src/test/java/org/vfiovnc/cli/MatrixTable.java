package org.vfiovnc.cli;

import java.util.List;
import java.util.Map;

/** The security matrix as a Markdown table, and README's copy of it between two markers. */
final class MatrixTable {
    static final String BEGIN = "<!-- security-matrix:begin -->";
    static final String END = "<!-- security-matrix:end -->";

    private MatrixTable() {}

    /** One line per row (label, then its cells in column order), then the legend lines. */
    static String markdown(String corner, List<String> columns, Map<String, List<String>> rows, List<String> legend) {
        StringBuilder b = new StringBuilder("| ").append(corner).append(" | ").append(String.join(" | ", columns)).append(" |\n");
        b.append("|---".repeat(columns.size() + 1)).append("|\n");
        rows.forEach((label, cells) -> b.append("| ").append(label).append(" | ").append(String.join(" | ", cells)).append(" |\n"));
        b.append('\n');
        legend.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /** What README holds between the markers (without them), or null when it has no such block. */
    static String block(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            return null;
        }
        return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
    }

    /** README with {@code table} between the markers (which must be there). */
    static String withBlock(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README has no " + BEGIN + " ... " + END + " block");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
    }
}
