package org.drgaudit.shared;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL under the data directory (io.zonky binaries), run so that an acknowledged write is
 * durable and nobody gets in without the password: fsync and synchronous commit on (unless turned off
 * explicitly), a password generated at first start and kept in the data directory readable by the service's
 * user only, every connection authenticated by SCRAM (no {@code trust} in pg_hba). A server left running by a
 * killed JVM is stopped before the next start, and a watchdog restarts the server on the same port when it
 * dies, so the connection pool reconnects by itself.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /** The generated password of the database superuser, inside the database directory (mode 0600). */
    public static final String PASSWORD_FILE = "drgaudit-db-password";
    public static final String USER = "postgres";
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);
    /**
     * A restart's wait: zonky waits this long for a postmaster that may have exited at once (it does not watch the
     * process), so a failed attempt is retried after this rather than after the first start's three minutes.
     */
    private static final Duration RESTART_WAIT = Duration.ofSeconds(30);
    private static final long WATCH_MILLIS = 1000;
    private static final RecordingResolver BINARIES = new RecordingResolver();
    /**
     * The running server, JVM-wide: the test launcher and each Quarkus runtime read the configuration in class
     * loaders of their own, so a static field would start one server per class loader on the same data. The
     * platform MBean server is one per JVM; the server registers there, and every class loader's copy of this
     * class talks to it through JDK types only. Operators see the same attributes over JMX.
     */
    private static final ObjectName NAME = objectName();

    private final MBeanServer registry;

    /** What health checks and operators see of the embedded server. */
    public record Status(boolean running, long pid, int port, boolean durable, int restarts, String lastRestart,
                         String lastFailure) {
    }

    /** The embedded server as JMX shows it ({@code org.drgaudit:type=EmbeddedDatabase}). */
    public interface ServerMBean {
        String getJdbcUrl();

        String getDirectory();

        boolean isDurable();

        boolean isRunning();

        long getPid();

        int getPort();

        int getRestarts();

        String getLastRestart();

        String getLastFailure();

        boolean isWatching();

        void setWatching(boolean on);

        boolean ensureRunning();
    }

    private EmbeddedDatabase(MBeanServer registry) {
        this.registry = registry;
    }

    /**
     * Starts the server on a data directory (creating it on first use), after stopping a server that a killed
     * JVM left running there; a JVM runs one. {@code fresh} deletes the directory first (the tests start empty).
     */
    public static EmbeddedDatabase start(Path dir, boolean fresh, boolean durable) {
        MBeanServer registry = ManagementFactory.getPlatformMBeanServer();
        synchronized (registry) {
            if (!registry.isRegistered(NAME)) {
                Server server = Server.start(dir, fresh, durable);
                try {
                    registry.registerMBean(new StandardMBean(server, ServerMBean.class), NAME);
                } catch (JMException e) {
                    server.close();
                    throw new IllegalStateException("Registering the embedded database failed: " + e.getMessage(), e);
                }
            }
            return new EmbeddedDatabase(registry);
        }
    }

    /** The embedded server of this JVM, when the service runs on one. */
    public static Optional<EmbeddedDatabase> current() {
        MBeanServer registry = ManagementFactory.getPlatformMBeanServer();
        return registry.isRegistered(NAME) ? Optional.of(new EmbeddedDatabase(registry)) : Optional.empty();
    }

    private Object attribute(String name) {
        try {
            return registry.getAttribute(NAME, name);
        } catch (JMException e) {
            throw new IllegalStateException("Reading " + name + " of the embedded database failed: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return (String) attribute("JdbcUrl");
    }

    /** The generated password, read from its file in the database directory. */
    public String password() {
        try {
            return Files.readString(directory().resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the embedded database's password failed: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return Path.of((String) attribute("Directory"));
    }

    public boolean durable() {
        return (Boolean) attribute("Durable");
    }

    /** The running postmaster's process id, from its {@code postmaster.pid}. */
    public OptionalLong postmasterPid() {
        return pidIn(directory());
    }

    public Status status() {
        return new Status((Boolean) attribute("Running"), (Long) attribute("Pid"), (Integer) attribute("Port"), durable(),
                (Integer) attribute("Restarts"), (String) attribute("LastRestart"), (String) attribute("LastFailure"));
    }

    /**
     * Turns the watchdog off and on. Off, a dead server stays dead (an operator's maintenance, and the recovery
     * test, which shows what callers see in between); on, it is restarted within about a second.
     */
    public void watch(boolean on) {
        try {
            registry.setAttribute(NAME, new Attribute("Watching", on));
        } catch (JMException e) {
            throw new IllegalStateException("Setting the watchdog failed: " + e.getMessage(), e);
        }
    }

    /** Restarts the server if its postmaster is gone; true when it was running or is running again. */
    public boolean ensureRunning() {
        try {
            return (Boolean) registry.invoke(NAME, "ensureRunning", new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("Restarting the embedded database failed: " + e.getMessage(), e);
        }
    }

    /** Whether a connection with the password works (the health check's probe). */
    public boolean answers() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("org.drgaudit:type=EmbeddedDatabase");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server process and its watchdog; lives in the class loader that started it. */
    private static final class Server implements ServerMBean {

        private final Path dir;
        private final boolean durable;
        private final String password;
        private final int port;
        private final AtomicInteger restarts = new AtomicInteger();
        private volatile EmbeddedPostgres server;
        private volatile Instant lastRestart;
        private volatile String lastFailure;
        private volatile boolean watching = true;
        private volatile boolean closed;
        private final Thread watchdog;

        private Server(Path dir, boolean durable) throws IOException {
            this.dir = dir.toAbsolutePath().normalize();
            this.durable = durable;
            this.password = readOrGeneratePassword();
            this.server = launch(0, STARTUP_WAIT);
            this.port = server.getPort();
            this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        static Server start(Path dir, boolean fresh, boolean durable) {
            try {
                if (fresh) {
                    refuseIfInUse(dir);
                    stopOrphan(dir);
                    deleteRecursively(dir);
                }
                Files.createDirectories(dir.toAbsolutePath().getParent());
                Server s = new Server(dir, durable);
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "embedded-postgres-stop"));
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage()
                        + ". Set QUARKUS_DATASOURCE_JDBC_URL to use an external server.", e);
            }
        }

        @Override
        public String getJdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres";
        }

        @Override
        public String getDirectory() {
            return dir.toString();
        }

        @Override
        public boolean isDurable() {
            return durable;
        }

        @Override
        public boolean isRunning() {
            OptionalLong pid = pidIn(dir);
            return pid.isPresent() && alive(pid.getAsLong());
        }

        @Override
        public long getPid() {
            return pidIn(dir).orElse(-1);
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public int getRestarts() {
            return restarts.get();
        }

        @Override
        public String getLastRestart() {
            return lastRestart == null ? null : lastRestart.toString();
        }

        @Override
        public String getLastFailure() {
            return lastFailure;
        }

        @Override
        public boolean isWatching() {
            return watching;
        }

        @Override
        public void setWatching(boolean on) {
            watching = on;
        }

        @Override
        public synchronized boolean ensureRunning() {
            if (closed) {
                return false;
            }
            OptionalLong pid = pidIn(dir);
            if (pid.isPresent() && alive(pid.getAsLong())) {
                return true;
            }
            LOG.warnf("The embedded PostgreSQL (%s) is not running; restarting it on port %d", dir, port);
            EmbeddedPostgres old = server;
            try {
                old.close();
            } catch (IOException | RuntimeException ignored) {
                // it is dead already; closing only releases its lock file
            }
            try {
                stopLeftoverBackends(dir);
                server = launch(port, RESTART_WAIT);
                restarts.incrementAndGet();
                lastRestart = Instant.now();
                lastFailure = null;
                LOG.warnf("The embedded PostgreSQL is running again (restart %d, postmaster %d)", restarts.get(),
                        pidIn(dir).orElse(-1));
                return true;
            } catch (IOException | RuntimeException e) {
                lastFailure = Instant.now() + ": " + e.getMessage();
                LOG.errorf("Restarting the embedded PostgreSQL failed (%s); trying again", e.getMessage());
                // a start that failed after zonky took its lock file leaves the lock with an unreachable stream; the
                // collector closes that stream (and frees the lock) before the next attempt
                System.gc();
                return false;
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            watchdog.interrupt();
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Stopping the embedded PostgreSQL: %s", e.getMessage());
            }
        }

        private void watch() {
            while (!closed) {
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (watching && !closed) {
                    try {
                        ensureRunning();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Watching the embedded PostgreSQL failed");
                    }
                }
            }
        }

        private EmbeddedPostgres launch(int onPort, Duration wait) throws IOException {
            refuseIfInUse(dir);
            stopOrphan(dir);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(onPort)
                    .setPGStartupWait(wait)
                    .setPgBinaryResolver(BINARIES)
                    .setOverrideWorkingDirectory(workingDirectory().toFile())
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(this::secure)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky starts postgres with -F (fsync off) and synchronous_commit=off; these come later on the
                    // command line and win, so a commit is on disk before the service answers
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "64MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "4GB");
            return b.start();
        }

        /**
         * Runs between initdb (zonky's, which trusts every local account) and the server's start: sets the
         * superuser's password on a cluster that has none from us yet, then replaces pg_hba.conf so that every
         * connection must give it.
         */
        private void secure(File dataDirectory) {
            Path data = dataDirectory.toPath();
            Path passwordFile = data.resolve(PASSWORD_FILE);
            try {
                if (!Files.exists(passwordFile)) {
                    setPasswordInSingleUserMode(data);
                    writePrivately(passwordFile, password);
                    LOG.infof("Generated the embedded database's password in %s (readable by this user only)", passwordFile);
                }
                Files.writeString(data.resolve("pg_hba.conf"), """
                        # Written by DRG Audit at every start: every connection gives the password (SCRAM); nothing is trusted.
                        # TYPE  DATABASE  USER  ADDRESS        METHOD
                        local   all       all                  scram-sha-256
                        host    all       all   127.0.0.1/32   scram-sha-256
                        host    all       all   ::1/128        scram-sha-256
                        """, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Securing the embedded database in " + data + " failed: " + e.getMessage(), e);
            }
        }

        private void setPasswordInSingleUserMode(Path data) throws IOException {
            Path postgres = BINARIES.binDirectory(workingDirectory()).resolve("postgres");
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // as zonky does: root runs PostgreSQL in a user namespace, which PostgreSQL accepts
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(postgres.toString(), "--single", "-D", data.toString(), "postgres"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(("ALTER ROLE " + USER + " WITH PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
            }
            // the server ends at the end of its input; what it printed explains a failure
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IOException("setting the password in single-user mode failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while setting the password", e);
            }
        }

        private String readOrGeneratePassword() throws IOException {
            Path file = dir.resolve(PASSWORD_FILE);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            // hex: nothing to quote in SQL or in a connection string
            return HexFormat.of().formatHex(bytes);
        }

    }

    /** Writes a file that only the service's user can read, atomically. */
    static void writePrivately(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Refuses a data directory whose lock another running process holds (a second service on the same data). */
    private static void refuseIfInUse(Path dir) throws IOException {
        Path lock = dir.resolve(ZONKY_LOCK);
        if (!Files.exists(lock)) {
            return;
        }
        try (FileOutputStream out = new FileOutputStream(lock.toFile()); FileLock held = out.getChannel().tryLock()) {
            if (held == null) {
                throw new IllegalStateException("The database directory " + dir + " is in use by another running process "
                        + "(another DRG Audit on the same data directory?). Stop it, or give this one its own drgaudit.data-dir.");
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM: the server being replaced, closed just before
        }
    }

    /**
     * Stops a postmaster left running on the directory by a JVM that was killed (kill -9 leaves the server up,
     * and the next start would fail on its lock file). Its clients died with that JVM, so a smart shutdown
     * completes at once; SIGKILL after a minute, and PostgreSQL recovers from its log at the next start.
     */
    static void stopOrphan(Path dir) throws IOException {
        OptionalLong pid = pidIn(dir);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return;
        }
        String command = handle.get().info().command().orElse("");
        if (!command.endsWith("/postgres") && !command.equals("postgres")) {
            // the pid was reused by something else: the file is stale, and PostgreSQL would refuse to start on it
            LOG.warnf("Removing the stale postmaster.pid in %s (process %d is %s)", dir, pid.getAsLong(), command);
            Files.deleteIfExists(dir.resolve("postmaster.pid"));
            return;
        }
        LOG.warnf("A PostgreSQL server (process %d) is still running on %s from an earlier run; stopping it", pid.getAsLong(), dir);
        ProcessHandle p = handle.get();
        p.destroy();
        if (!waitForExit(p, Duration.ofSeconds(60))) {
            LOG.warnf("PostgreSQL process %d did not stop; killing it", pid.getAsLong());
            p.destroyForcibly();
            waitForExit(p, Duration.ofSeconds(30));
        }
    }

    /**
     * Waits for the processes a killed postmaster left on {@code dir} (backends and auxiliary processes, which leave only
     * when they notice their postmaster is gone) and kills those that stay: a new postmaster refuses to start while
     * any of them still holds the old shared memory. They are found by their working directory, which PostgreSQL sets
     * to the data directory (Linux {@code /proc}; elsewhere nothing is found and the start is simply retried).
     */
    static void stopLeftoverBackends(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return;
        }
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false))
                .filter(p -> workingDirectoryIs(p.pid(), real))
                .toList();
        if (left.isEmpty()) {
            return;
        }
        LOG.warnf("%d process(es) of the stopped PostgreSQL are still running on %s; waiting for them to leave", left.size(), dir);
        for (ProcessHandle p : left) {
            if (!waitForExit(p, Duration.ofSeconds(5))) {
                LOG.warnf("PostgreSQL process %d did not leave; killing it (the next start recovers from the log)", p.pid());
                p.destroyForcibly();
                waitForExit(p, Duration.ofSeconds(10));
            }
        }
    }

    private static boolean workingDirectoryIs(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).equals(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static boolean waitForExit(ProcessHandle p, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (p.isAlive() && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !p.isAlive();
    }

    static OptionalLong pidIn(Path dir) {
        Path file = dir.resolve("postmaster.pid");
        try {
            if (!Files.exists(file)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Where zonky unpacks the PostgreSQL binaries (its own default, named here so the bin folder is known). */
    private static Path workingDirectory() {
        return Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Zonky's default binaries, with the MD5 of the archive recorded as zonky reads it: zonky unpacks into
     * {@code PG-<md5>} under its working directory, where the single-user run at first start finds postgres.
     */
    private static final class RecordingResolver implements PgBinaryResolver {
        private volatile String md5;

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
            return new DigestInputStream(archive, digest) {
                @Override
                public void close() throws IOException {
                    super.close();
                    if (md5 == null) {
                        md5 = HexFormat.of().formatHex(digest.digest());
                    }
                }
            };
        }

        Path binDirectory(Path workingDirectory) {
            if (md5 == null) {
                throw new IllegalStateException("the PostgreSQL binaries have not been unpacked yet");
            }
            return workingDirectory.resolve("PG-" + md5).resolve("bin");
        }
    }
}
