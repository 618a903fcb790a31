package org.drgaudit.shared;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into PostgreSQL with {@code COPY … FROM STDIN} in text format, escaping each value,
 * so bulk writes run at COPY speed without holding the rows in memory.
 */
public final class CopyRows implements AutoCloseable {

    private final PGCopyOutputStream stream;
    private final Writer out;
    private boolean first = true;
    private long rows;

    public CopyRows(Connection connection, String table, String columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.stream = new PGCopyOutputStream(pg, "COPY " + table + " (" + columns + ") FROM STDIN", 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    public CopyRows value(Object value) {
        try {
            if (!first) {
                out.write('\t');
            }
            first = false;
            if (value == null) {
                out.write("\\N");
            } else {
                escape(value.toString());
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void endRow() {
        try {
            out.write('\n');
            first = true;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    private void escape(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(c);
            }
        }
    }

    /** Ends the COPY; the rows become part of the connection's transaction. */
    @Override
    public void close() throws IOException {
        out.flush();
        try {
            stream.endCopy();
        } catch (SQLException e) {
            throw new IOException("COPY into the database failed: " + e.getMessage(), e);
        }
    }

    /** Abandons the COPY after a failure, so the connection can roll back. */
    public void cancel() {
        try {
            if (stream.isActive()) {
                stream.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back next, which discards whatever was sent
        }
    }

    /** Text-format representation of a SQL array of strings. */
    public static String textArray(Iterable<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
