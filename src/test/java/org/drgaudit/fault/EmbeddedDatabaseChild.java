package org.drgaudit.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Properties;
import org.drgaudit.shared.EmbeddedDatabase;

/**
 * A JVM that starts the embedded database on a directory, stores a marker row, says {@code READY <pid>} and
 * waits: the fault tests kill it with SIGKILL as an operator's {@code kill -9} of the service would.
 */
public final class EmbeddedDatabaseChild {

    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), false, true);
        Properties p = new Properties();
        p.setProperty("user", EmbeddedDatabase.USER);
        p.setProperty("password", db.password());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), p); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS marker (value text NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO marker VALUES (?)")) {
                ps.setString(1, args[1]);
                ps.executeUpdate();
            }
        }
        System.out.println("READY " + db.postmasterPid().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
