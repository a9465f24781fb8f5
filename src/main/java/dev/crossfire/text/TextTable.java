package dev.crossfire.text;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Texts from a CSV file with a header row (RFC 4180: quoted fields may span lines), optionally with
 * a label each. A row that lacks the text or the label is rejected with its line number and the
 * reason, and reading goes on.
 */
public final class TextTable {

    /** One text; {@code positive} is null when no label column was asked for. */
    public record Row(long line, String id, String text, Boolean positive) {
    }

    /** A row that could not be used. */
    public record Rejected(long line, String reason) {
    }

    /** Every usable row and every rejected one. */
    public record Contents(List<Row> rows, List<Rejected> rejected) {
    }

    private TextTable() {
    }

    /**
     * Reads every row.
     *
     * @param labelColumn null to read texts alone
     * @param positive    the label value that means positive (compared ignoring case and surrounding blanks)
     */
    public static Contents read(Reader csv, String textColumn, String labelColumn, String positive) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        stream(csv, textColumn, labelColumn, positive, rows::add, rejected::add);
        return new Contents(rows, rejected);
    }

    /** Streams the rows, so that a file of any size needs memory for one row only. Blank lines are no rows. */
    public static void stream(Reader csv, String textColumn, String labelColumn, String positive,
            Consumer<Row> rows, Consumer<Rejected> rejected) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.SKIP_EMPTY_LINES).readerFor(Map.class).with(schema).readValues(csv)) {
            boolean checkedHeader = false;
            while (true) {
                long line = it.getCurrentLocation().getLineNr();
                Map<String, String> r;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    r = it.nextValue();
                } catch (RuntimeException | IOException e) {
                    rejected.accept(new Rejected(line, "unreadable row: " + e.getMessage().lines().findFirst().orElse("")));
                    continue;
                }
                if (!checkedHeader) {
                    requireColumn(r, textColumn);
                    if (labelColumn != null) {
                        requireColumn(r, labelColumn);
                    }
                    checkedHeader = true;
                }
                String text = r.get(textColumn);
                if (text == null) {
                    rejected.accept(new Rejected(line, "no " + textColumn + " field"));
                    continue;
                }
                Boolean label = null;
                if (labelColumn != null) {
                    String value = r.get(labelColumn);
                    if (value == null || value.isBlank()) {
                        rejected.accept(new Rejected(line, "no " + labelColumn + " label"));
                        continue;
                    }
                    label = value.strip().equalsIgnoreCase(positive.strip());
                }
                String id = r.get("id");
                rows.accept(new Row(line, id == null ? Long.toString(line) : id, text, label));
            }
        }
    }

    private static void requireColumn(Map<String, String> row, String column) {
        if (!row.containsKey(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in the header; columns: " + String.join(", ", row.keySet()));
        }
    }
}
