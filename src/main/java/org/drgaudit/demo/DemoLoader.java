package org.drgaudit.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.ImportOptions;
import org.drgaudit.cases.ImportResult;
import org.drgaudit.findings.FindingService;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.sweeps.SweepService;
import org.drgaudit.sweeps.SweepView;
import org.jboss.logging.Logger;

/**
 * The demo: on an empty database, generate the demo years of the demo region (演示市) — 2024 under CHS-DRG 1.1 and
 * 2025 under CHS-DRG 2.0 by default, each with the knowledge set in force that year — import them through the same
 * path as any upload, sweep every month, and print what was found per family.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    private static final String REGION = "demo";

    @Inject
    DrgAuditConfig config;

    @Inject
    KnowledgeService knowledge;

    @Inject
    CaseService cases;

    @Inject
    SweepService sweeps;

    @Inject
    FindingService findings;

    public void loadIfEmpty() {
        if (!cases.isEmpty()) {
            LOG.info("Demo: the database already has cases; nothing generated");
            return;
        }
        var demo = config.demo();
        Path dir = config.dataDir().resolve("demo");
        List<Integer> years = new ArrayList<>();
        for (int i = 0; i < Math.max(1, demo.years()); i++) {
            years.add(demo.year() + i);
        }
        // each year is coded, claimed and priced with the knowledge set in force that year (the generator refuses a year
        // no set covers); the first year keeps the configured seed, so it is the same year as before a second was added
        for (int year : years) {
            Path casesFile = dir.resolve("cases-" + year + ".ndjson");
            Path visitsFile = dir.resolve("outpatient-" + year + ".ndjson");
            Path labelsFile = dir.resolve("labels-" + year + ".ndjson");
            var settings = new DemoGenerator.Settings(REGION, year, demo.casesPerMonth(), demo.seed() + (year - demo.year()), 0.04);
            DemoGenerator.Counts counts = new DemoGenerator(knowledge.current(), REGION, year)
                    .generateFiles(settings, casesFile, visitsFile, labelsFile);
            LOG.infof("Demo: generated %d cases and %d outpatient visits of %d with %d planted violations (labels in %s)",
                    counts.cases(), counts.visits(), year, counts.injected().values().stream().mapToLong(Long::longValue).sum(), labelsFile);
            try {
                ImportResult imported = importFile(casesFile, true);
                ImportResult visits = importFile(visitsFile, false);
                LOG.infof("Demo: imported %d cases, %d visits of %d", imported.accepted(), visits.accepted(), year);
            } catch (IOException e) {
                throw new UncheckedIOException("Demo data could not be read from " + dir + ": " + e.getMessage(), e);
            }
        }
        List<SweepView> done = new ArrayList<>();
        for (int year : years) {
            for (int m = 1; m <= 12; m++) {
                done.add(sweeps.runSweepAndWait(YearMonth.of(year, m).toString(), "demo"));
            }
        }
        printSummary(years, done);
    }

    private ImportResult importFile(Path file, boolean cases) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return cases ? this.cases.importCases(in, ImportOptions.DEFAULT) : this.cases.importVisits(in, ImportOptions.DEFAULT);
        }
    }

    private void printSummary(List<Integer> years, List<SweepView> done) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== DRG Audit demo: 演示市 ").append(years.get(0))
                .append(years.size() > 1 ? "–" + years.get(years.size() - 1) : "").append(" ====\n");
        long processed = done.stream().mapToLong(SweepView::processed).sum();
        sb.append(String.format("Swept %d cases in %d monthly sweeps (%s).%n", processed, done.size(),
                done.stream().allMatch(s -> "DONE".equals(s.status())) ? "all DONE"
                        : done.stream().allMatch(s -> s.status().startsWith("DONE")) ? "all done, some with skipped cases"
                        : "some did not finish"));
        var summary = findings.summary(null, null);
        sb.append(String.format("%-20s %10s %18s %16s %10s%n", "family", "findings", "overpayment", "patient refund", "unpriced"));
        for (var c : summary.byFamily()) {
            sb.append(String.format("%-20s %10d %18s %16s %10d%n", c.key(), c.findings(), c.overpayment().toPlainString(),
                    c.patientRefund().toPlainString(), c.unpriced()));
        }
        sb.append(String.format("%-20s %10d %18s %16s %10d%n", "total", summary.findings(), summary.overpayment().toPlainString(),
                summary.patientRefund().toPlainString(), summary.unpriced()));
        sb.append("Browse them: curl -u inspector:inspector 'http://localhost:")
                .append(org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080))
                .append("/api/findings/summary?month=").append(years.get(years.size() - 1)).append("-03'\n");
        System.out.println(sb);
    }
}
