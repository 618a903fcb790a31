package org.drgaudit.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed postmaster's processes hold its shared memory until they leave, and a new postmaster refuses to start while
 * they do: the restart finds them by their working directory (the data directory) and stops those that stay, and
 * leaves alone a PostgreSQL process of another data directory.
 */
class LeftoverBackendsTest {

    @Test
    void aProcessLeftOnTheDataDirectoryIsStoppedAndOneOfAnotherDirectoryIsNot(@TempDir Path tmp) throws Exception {
        Path sleep = Path.of("/bin/sleep");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Files.isExecutable(sleep),
                "needs Linux /proc and /bin/sleep; skipping the leftover-backend test");
        // a stand-in for a backend: a process whose command is named postgres, in the data directory
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path postgres = Files.copy(sleep, bin.resolve("postgres"), StandardCopyOption.COPY_ATTRIBUTES);
        Path data = Files.createDirectories(tmp.resolve("pg"));
        Path other = Files.createDirectories(tmp.resolve("other-pg"));
        Process left = new ProcessBuilder(postgres.toString(), "300").directory(data.toFile()).start();
        Process elsewhere = new ProcessBuilder(postgres.toString(), "300").directory(other.toFile()).start();
        try {
            awaitWorkingDirectory(left, data);
            EmbeddedDatabase.stopLeftoverBackends(data);
            assertTrue(left.waitFor(10, TimeUnit.SECONDS), "the process left on the data directory was stopped");
            assertTrue(elsewhere.isAlive(), "another data directory's process is not touched");
            EmbeddedDatabase.stopLeftoverBackends(data); // nothing left: returns at once
            assertFalse(left.isAlive());
        } finally {
            left.destroyForcibly();
            elsewhere.destroyForcibly();
        }
    }

    /** The child's working directory is set by the time it runs; wait for /proc to show it. */
    private static void awaitWorkingDirectory(Process p, Path dir) throws Exception {
        Path cwd = Path.of("/proc", Long.toString(p.pid()), "cwd");
        for (int i = 0; i < 50; i++) {
            if (Files.exists(cwd) && Files.readSymbolicLink(cwd).equals(dir.toRealPath())) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
