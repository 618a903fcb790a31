package org.drgaudit.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.drgaudit.shared.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 4: kill -9 of the service leaves its embedded PostgreSQL running on the data directory; the next
 * start stops that server and starts its own on the same data, which lost nothing.
 */
class OrphanedServerTest {

    private static final Path DIR = Path.of("target/fault/orphaned-server/pg");
    private static final Duration START = Duration.ofMinutes(2);

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long readyPid(ChildProcess child) throws InterruptedException {
        return Long.parseLong(child.await(l -> l.startsWith("READY "), START).substring(6).trim());
    }

    @Test
    void afterKill9OfTheServiceTheNextStartStopsTheLeftoverServerAndKeepsTheData() throws Exception {
        clean();
        long orphan;
        try (ChildProcess first = ChildProcess.java(List.of(), EmbeddedDatabaseChild.class.getName(), DIR.toString(), "before-kill")) {
            orphan = readyPid(first);
            first.kill();
        }
        assertTrue(alive(orphan), "precondition: kill -9 of the JVM leaves its PostgreSQL (" + orphan + ") running");

        try (ChildProcess second = ChildProcess.java(List.of(), EmbeddedDatabaseChild.class.getName(), DIR.toString(), "after-restart")) {
            long pid = readyPid(second);
            assertFalse(alive(orphan), "the leftover server was stopped");
            assertTrue(alive(pid));
            assertEquals(List.of("after-restart", "before-kill"), markers());
            assertTrue(second.stop(Duration.ofSeconds(60)), "an ordinary stop ends the JVM");
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (alive(pid) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertFalse(alive(pid), "an ordinary stop takes its PostgreSQL with it");
        }
    }

    private static List<String> markers() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedDatabase.USER);
        p.setProperty("password", Files.readString(DIR.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip());
        String port = Files.readAllLines(DIR.resolve("postmaster.pid")).get(3).trim();
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM marker ORDER BY value")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Starts from nothing; a server a failed earlier run left behind is stopped first. */
    private static void clean() throws Exception {
        if (Files.exists(DIR.resolve("postmaster.pid"))) {
            long pid = Long.parseLong(Files.readAllLines(DIR.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (alive(pid) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        }
        if (Files.exists(DIR)) {
            try (var paths = Files.walk(DIR)) {
                for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
