package org.drgaudit.demo;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.ImportOptions;
import org.drgaudit.cases.ImportResult;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.sweeps.SweepService;
import org.drgaudit.sweeps.SweepView;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The speed benchmark of DESIGN §10, in one run on the machine it runs on: generate a month of N
 * cases, import it through the service's import path, compare with PostgreSQL's own {@code COPY FROM}
 * of the same rows; sweep it with the full rule set and compare with {@code COPY TO} of the same rows;
 * report cases per second, peak heap (used, and live after collections) and peak resident memory.
 */
@ApplicationScoped
public class SpeedBenchmark {

    private static final Logger LOG = Logger.getLogger(SpeedBenchmark.class);
    private static final YearMonth MONTH = YearMonth.of(2024, 6);

    @Inject
    DrgAuditConfig config;

    @Inject
    KnowledgeService knowledge;

    @Inject
    CaseService cases;

    @Inject
    SweepService sweeps;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlantedFindings planted;

    /** The figures of one run. */
    public record Result(long cases, long findings, int workers, double generateSeconds, double importSeconds,
                         double copyInSeconds, double importVsCopyIn, double sweepSeconds, double copyOutSeconds,
                         double sweepVsCopyOut, double sweepCasesPerSecond, long peakHeapUsedMb, long peakHeapLiveMb,
                         long maxHeapMb, long peakRssMb, String jvm, String durability, DetectionReport detection) {

        public String table() {
            return String.format("""
                    ==== DRG Audit speed benchmark: %,d cases of %s, %d sweep workers ====
                    database durability: %s
                    generate NDJSON                       %8.1f s
                    import (parse, check, stage, merge)   %8.1f s   vs COPY FROM same rows %6.1f s  = %.2fx
                    sweep (full rule set)                 %8.1f s   vs COPY TO same rows   %6.1f s  = %.2fx
                    sweep throughput                      %,8.0f cases/s, %,d findings
                    heap during sweep: peak used %,d MB, peak live after GC %,d MB (max heap %,d MB)
                    peak resident memory of the process   %,8d MB
                    JVM %s

                    detection against the planted violations of the month:
                    %s""", cases, MONTH, workers, durability, generateSeconds, importSeconds, copyInSeconds, importVsCopyIn,
                    sweepSeconds, copyOutSeconds, sweepVsCopyOut, sweepCasesPerSecond, findings, peakHeapUsedMb,
                    peakHeapLiveMb, maxHeapMb, peakRssMb, jvm, detection.table());
        }
    }

    public Result run(int caseCount) {
        Path dir = config.dataDir().resolve("benchmark");
        Path ndjson = dir.resolve("cases-" + MONTH + ".ndjson");
        Path copyFile = dir.resolve("cases-" + MONTH + ".copy");
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            new DemoGenerator(knowledge.current(), "demo", MONTH.getYear()).generateFiles(
                    new DemoGenerator.Settings("demo", MONTH, MONTH, caseCount, 1, 0.04),
                    ndjson, dir.resolve("outpatient.ndjson"), dir.resolve("labels.ndjson"));
            double generate = seconds(t0);
            LOG.infof("Benchmark: generated %d cases in %.1f s", caseCount, generate);

            long t1 = System.nanoTime();
            ImportResult imported;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(ndjson), 1 << 16)) {
                imported = cases.importCases(in, ImportOptions.DEFAULT);
            }
            double importSeconds = seconds(t1);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("outpatient.ndjson")), 1 << 16)) {
                cases.importVisits(in, ImportOptions.DEFAULT);
            }
            LOG.infof("Benchmark: imported %d cases in %.1f s (%d rejected)", imported.accepted(), importSeconds, imported.rejected());
            analyze();

            double copyOut = copyOut(copyFile);
            double copyIn = copyIn(copyFile);
            LOG.infof("Benchmark: COPY TO %.1f s, COPY FROM %.1f s", copyOut, copyIn);

            HeapWatch watch = new HeapWatch();
            watch.start();
            long t2 = System.nanoTime();
            SweepView sweep = sweeps.runSweepAndWait(MONTH.toString(), "benchmark");
            double sweepSeconds = seconds(t2);
            watch.stopWatching();
            // readmissions planted late in the month land in the next one; sweep it too (untimed) for the report
            sweeps.runSweepAndWait(MONTH.plusMonths(1).toString(), "benchmark");
            long total = sweep.processed();
            Result r = new Result(total, sweep.findings(), config.sweep().workers(), generate, importSeconds, copyIn,
                    importSeconds / copyIn, sweepSeconds, copyOut, sweepSeconds / copyOut, total / sweepSeconds,
                    watch.peakUsed.get() >> 20, watch.peakLive.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, peakRssMb(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
                            + ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    durability(),
                    planted.report(dir.resolve("labels.ndjson"), MONTH, MONTH.plusMonths(1)));
            Files.writeString(dir.resolve("result.json"), CanonicalJson.write(r));
            Files.deleteIfExists(copyFile);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("Benchmark files under " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Benchmark COPY failed: " + e.getMessage(), e);
        }
    }

    /**
     * What the server the figures were measured on promises about a crash, read from the server itself: the
     * benchmark may run with fsync and synchronous commit off (drgaudit.embedded-db.durable=false), and then
     * says so, since the figures are not those of a service that keeps what it acknowledged.
     */
    private String durability() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String fsync = show(s, "fsync");
            String commit = show(s, "synchronous_commit");
            boolean durable = "on".equals(fsync) && !"off".equals(commit);
            return "fsync=" + fsync + ", synchronous_commit=" + commit + (durable
                    ? " (durable: every answered write is on disk, as in service)"
                    : " (TURNED OFF for this throughput run with -Ddrgaudit.embedded-db.durable=false; a crash loses "
                            + "answered writes, never run a service like this)");
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (var rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void analyze() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE settled_case");
        }
    }

    /** COPY TO of the rows the sweep reads (the month's cases, every column), into a local file. */
    private double copyOut(Path file) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long t = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT * FROM settled_case WHERE settlement_month = '" + MONTH.atDay(1) + "') TO STDOUT", out);
            return seconds(t);
        }
    }

    /** COPY FROM of the same rows into a table shaped and indexed like settled_case. */
    private double copyIn(Path file) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS benchmark_copy");
            s.execute("CREATE TABLE benchmark_copy (LIKE settled_case INCLUDING ALL)");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                long t = System.nanoTime();
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY benchmark_copy FROM STDIN", in);
                double seconds = seconds(t);
                s.execute("DROP TABLE benchmark_copy");
                return seconds;
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Samples heap use while the sweep runs: the peak in use, and the peak still live after a collection. */
    private static final class HeapWatch extends Thread {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running = true;

        HeapWatch() {
            super("benchmark-heap-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = 0;
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() != MemoryType.HEAP) {
                        continue;
                    }
                    used += pool.getUsage().getUsed();
                    if (pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                peakUsed.accumulateAndGet(used, Math::max);
                peakLive.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopWatching() {
            running = false;
        }
    }
}
