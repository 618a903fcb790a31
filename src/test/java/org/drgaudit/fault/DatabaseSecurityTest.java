package org.drgaudit.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.drgaudit.shared.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 2 and 12: the embedded PostgreSQL runs durable (an answered write is on disk) and lets nobody
 * in without the generated password, which only the service's user can read.
 */
@QuarkusTest
class DatabaseSecurityTest {

    @Inject
    AgroalDataSource dataSource;

    private String show(String setting) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theEmbeddedServerRunsWithFsyncAndSynchronousCommitOn() throws SQLException {
        assertEquals("on", show("fsync"));
        assertEquals("on", show("synchronous_commit"));
        assertEquals("on", show("full_page_writes"));
    }

    @Test
    void thePasswordIsGeneratedAndReadableByTheServiceUserOnly() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.current().orElseThrow();
        Path file = db.directory().resolve(EmbeddedDatabase.PASSWORD_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).strip();
        assertTrue(password.length() >= 32, "a long random password");
        assertFalse(password.equals(EmbeddedDatabase.USER));
    }

    @Test
    void noConnectionGetsInWithoutThePassword() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.current().orElseThrow();
        for (String password : new String[] {null, "", "postgres", "wrong"}) {
            Properties p = new Properties();
            p.setProperty("user", EmbeddedDatabase.USER);
            if (password != null) {
                p.setProperty("password", password);
            }
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), p).close(),
                    "password " + password + " must not get in");
            assertTrue(refused.getMessage().contains("password"), refused.getMessage());
        }
        String hba = Files.readString(db.directory().resolve("pg_hba.conf"));
        assertFalse(hba.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("trust")), hba);
        Properties ok = new Properties();
        ok.setProperty("user", EmbeddedDatabase.USER);
        ok.setProperty("password", db.password());
        DriverManager.getConnection(db.jdbcUrl(), ok).close();
    }
}
