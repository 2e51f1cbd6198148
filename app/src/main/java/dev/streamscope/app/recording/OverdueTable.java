package dev.streamscope.app.recording;

import java.util.List;

/** The content of overdue-streams.csv: a header (with units) and rows of already formatted cells. */
public record OverdueTable(List<String> header, List<List<String>> rows) {

    public OverdueTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
