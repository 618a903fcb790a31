package org.drgaudit.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A tab-separated knowledge-base table with a header row and {@code #} comment lines, read with
 * Apache Commons CSV. Every value read through it reports a fault with the file and line.
 */
final class TsvTable {

    private static final CSVFormat FORMAT = CSVFormat.TDF.builder()
            .setCommentMarker('#')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setQuote(null)
            .get();

    private final String file;
    private final List<Row> rows = new ArrayList<>();
    private final List<KnowledgeError> errors;

    TsvTable(String file, String content, List<String> requiredColumns, List<KnowledgeError> errors) {
        this.file = file;
        this.errors = errors;
        try (CSVParser parser = CSVParser.parse(new StringReader(content), FORMAT)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : requiredColumns) {
                if (header == null || !header.containsKey(column)) {
                    errors.add(new KnowledgeError(file, 1L, "missing column '" + column + "' (expected " + requiredColumns + ")"));
                }
            }
            if (errors.stream().anyMatch(e -> e.file().equals(file))) {
                return;
            }
            for (CSVRecord r : parser) {
                rows.add(new Row(r, parser.getCurrentLineNumber()));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new KnowledgeError(file, null, "cannot be read as a tab-separated table: " + e.getMessage()));
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** One data row; getters report bad values as errors and return null. */
    final class Row {
        private final CSVRecord record;
        private final long line;

        Row(CSVRecord record, long line) {
            this.record = record;
            this.line = line;
        }

        long line() {
            return line;
        }

        String text(String column) {
            String v = record.isSet(column) ? record.get(column) : null;
            return v == null || v.isBlank() ? null : v.trim();
        }

        String required(String column) {
            String v = text(column);
            if (v == null) {
                error("column '" + column + "' is empty");
            }
            return v;
        }

        BigDecimal decimal(String column, boolean required) {
            String v = required ? required(column) : text(column);
            if (v == null) {
                return null;
            }
            try {
                BigDecimal d = new BigDecimal(v);
                if (d.signum() < 0) {
                    error("column '" + column + "' must not be negative: " + v);
                    return null;
                }
                return d;
            } catch (NumberFormatException e) {
                error("column '" + column + "' is not a number: '" + v + "'");
                return null;
            }
        }

        Integer integer(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                error("column '" + column + "' is not a whole number: '" + v + "'");
                return null;
            }
        }

        boolean flag(String column) {
            String v = text(column);
            if (v == null || v.equals("N")) {
                return false;
            }
            if (v.equals("Y")) {
                return true;
            }
            error("column '" + column + "' must be Y, N or empty, not '" + v + "'");
            return false;
        }

        void error(String message) {
            errors.add(new KnowledgeError(file, line, message));
        }
    }
}
