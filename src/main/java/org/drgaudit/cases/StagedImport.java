package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.CopyRows;
import org.drgaudit.shared.Ndjson;

/**
 * Imports an NDJSON stream in one transaction: every line is parsed and checked, the good ones are
 * copied into a temporary stage, then duplicates and conflicts with stored records are found in SQL
 * and the stage is merged. With all-or-nothing any fault rolls the whole file back, so a bad file
 * never leaves anything behind; memory stays bounded whatever the file size.
 */
final class StagedImport<T> {

    private static final String STAGE = "import_stage";

    private final DataSource dataSource;
    private final ImportTarget<T> target;
    private final RecordParser<T> parser;
    private final ImportOptions options;
    private final List<ImportError> errors = new ArrayList<>();
    private long rejected;

    StagedImport(DataSource dataSource, ImportTarget<T> target, RecordParser<T> parser, ImportOptions options) {
        this.dataSource = dataSource;
        this.target = target;
        this.parser = parser;
        this.options = options;
    }

    ImportResult run(InputStream body) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ImportResult result = stageAndMerge(c, body);
                if (result.accepted() == 0 && result.rejected() > 0 && !options.partial()) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (RuntimeException | SQLException | IOException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // another upload stored one of these ids between our check and our insert
                throw org.drgaudit.shared.DomainException.conflict("Another import stored some of these records at the same "
                        + "time; nothing of this file was stored. Upload it again: identical records are skipped.");
            }
            throw new IllegalStateException("Import into " + target.table() + " failed in the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the upload failed: " + e.getMessage(), e);
        }
    }

    private ImportResult stageAndMerge(Connection c, InputStream body) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE " + STAGE + " (LIKE " + target.table() + " INCLUDING DEFAULTS) ON COMMIT DROP");
            s.execute("ALTER TABLE " + STAGE + " ADD COLUMN line bigint");
        }
        String columns = String.join(", ", target.columns()) + ", payload, content_hash, line";
        CopyRows copy = new CopyRows(c, STAGE, columns);
        try {
            readLines(body, copy);
            copy.close();
        } catch (RuntimeException | IOException e) {
            copy.cancel();
            throw e;
        }
        long skipped = resolveAgainstFileAndStore(c);
        if (rejected > 0 && !options.partial()) {
            return result(0, skipped);
        }
        long accepted = merge(c);
        return result(accepted, skipped);
    }

    private void readLines(InputStream body, CopyRows copy) throws IOException {
        Ndjson.Lines lines = new Ndjson.Lines(body);
        Ndjson.Line l;
        List<ImportError> lineErrors = new ArrayList<>();
        while ((l = lines.next()) != null) {
            if (l.readable() && l.text().isBlank()) {
                continue;
            }
            lineErrors.clear();
            T record = l.readable() ? parseLine(l.number(), l.text(), lineErrors) : null;
            if (!l.readable()) {
                lineErrors.add(new ImportError(l.number(), l.faultField(), l.fault()));
            }
            if (record == null) {
                rejectLine(lineErrors);
                continue;
            }
            String payload = CanonicalJson.write(record);
            target.writeColumns(record, copy);
            copy.value(payload).value(CanonicalJson.sha256(payload)).value(l.number());
            copy.endRow();
        }
    }

    private T parseLine(long line, String text, List<ImportError> lineErrors) {
        Ndjson.Parsed parsed = Ndjson.parse(text);
        if (parsed.node() == null) {
            lineErrors.add(new ImportError(line, parsed.faultField(), parsed.fault()));
            return null;
        }
        JsonNode node = parsed.node();
        if (!node.isObject()) {
            lineErrors.add(new ImportError(line, null, "must be one JSON object per line"));
            return null;
        }
        T record = parser.parse(node, new RecordFields(line, lineErrors));
        return lineErrors.isEmpty() ? record : null;
    }

    private void rejectLine(List<ImportError> lineErrors) {
        rejected++;
        for (ImportError e : lineErrors) {
            if (errors.size() < ImportResult.MAX_ERRORS_LISTED) {
                errors.add(e);
            }
        }
    }

    /** Finds repeated ids in the file and ids already stored; returns how many lines are identical re-uploads. */
    private long resolveAgainstFileAndStore(Connection c) throws SQLException {
        String key = target.keyColumn();
        long skipped = 0;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX ON " + STAGE + " (" + key + ")");
            s.execute("ANALYZE " + STAGE);
            // The same id twice in one file: identical repeats are skipped, different ones rejected.
            try (ResultSet rs = s.executeQuery("""
                    SELECT line, %1$s, first_line, same FROM (
                      SELECT line, %1$s, first_value(line) OVER w AS first_line,
                             content_hash = first_value(content_hash) OVER w AS same
                      FROM %2$s WINDOW w AS (PARTITION BY %1$s ORDER BY line)) d
                    WHERE line <> first_line ORDER BY line""".formatted(key, STAGE))) {
                while (rs.next()) {
                    if (rs.getBoolean(4)) {
                        skipped++;
                    } else {
                        conflict(rs.getLong(1), "%s '%s' already appears at line %d with different content"
                                .formatted(target.keyField(), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            s.execute("DELETE FROM " + STAGE + " a USING " + STAGE + " b WHERE a." + key + " = b." + key + " AND a.line > b.line");
            // Already stored: identical content is an idempotent re-upload, different content needs replace.
            try (ResultSet rs = s.executeQuery("""
                    SELECT s.line, s.%1$s, s.content_hash = t.content_hash FROM %2$s s JOIN %3$s t USING (%1$s)
                    ORDER BY s.line""".formatted(key, STAGE, target.table()))) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        skipped++;
                    } else if (!options.replace()) {
                        conflict(rs.getLong(1), "%s '%s' is already stored with different content; upload with replace=true to replace it"
                                .formatted(target.keyField(), rs.getString(2)));
                    }
                }
            }
            String keep = options.replace() ? "s.content_hash = t.content_hash" : "true";
            s.execute("DELETE FROM %2$s s USING %3$s t WHERE s.%1$s = t.%1$s AND %4$s"
                    .formatted(key, STAGE, target.table(), keep));
        }
        errors.sort(Comparator.comparingLong(ImportError::line));
        return skipped;
    }

    private void conflict(long line, String message) {
        rejected++;
        if (errors.size() < ImportResult.MAX_ERRORS_LISTED) {
            errors.add(new ImportError(line, target.keyField(), message));
        }
    }

    private long merge(Connection c) throws SQLException {
        String key = target.keyColumn();
        String table = target.table();
        String cols = String.join(", ", target.columns());
        String staged = target.columns().stream().map(col -> "s." + col).reduce((a, b) -> a + ", " + b).orElseThrow();
        long accepted = 0;
        try (Statement s = c.createStatement()) {
            if (options.replace()) {
                if (target.keepsHistory()) {
                    s.execute("""
                            INSERT INTO %1$s_history (%2$s, version, payload, content_hash, imported_at)
                            SELECT t.%2$s, t.version, t.payload, t.content_hash, t.imported_at
                            FROM %1$s t JOIN %3$s s USING (%2$s)""".formatted(table, key, STAGE));
                }
                String version = target.keepsHistory() ? ", version = t.version + 1" : "";
                accepted += s.executeUpdate("""
                        UPDATE %1$s t SET (%4$s, payload, content_hash, imported_at) = (%5$s, s.payload, s.content_hash, now())%6$s
                        FROM %3$s s WHERE s.%2$s = t.%2$s""".formatted(table, key, STAGE, cols, staged, version));
                s.execute("DELETE FROM %2$s s USING %3$s t WHERE s.%1$s = t.%1$s".formatted(key, STAGE, table));
            }
            // Every row left in the stage is new: stored ids were skipped, refused or replaced above.
            accepted += s.executeUpdate("""
                    INSERT INTO %1$s (%3$s, payload, content_hash)
                    SELECT %4$s, s.payload, s.content_hash FROM %2$s s""".formatted(table, STAGE, cols, staged));
        }
        return accepted;
    }

    private ImportResult result(long accepted, long skipped) {
        return new ImportResult(accepted, skipped, rejected, List.copyOf(errors));
    }
}
