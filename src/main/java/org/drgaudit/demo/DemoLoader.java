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
 * The demo: on an empty database, generate a year of the demo region (演示市), import it through the
 * same path as any upload, sweep every month, and print what was found per family.
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
        Path casesFile = dir.resolve("cases-" + demo.year() + ".ndjson");
        Path visitsFile = dir.resolve("outpatient-" + demo.year() + ".ndjson");
        Path labelsFile = dir.resolve("labels-" + demo.year() + ".ndjson");
        var settings = new DemoGenerator.Settings(REGION, demo.year(), demo.casesPerMonth(), demo.seed(), 0.04);
        DemoGenerator.Counts counts = new DemoGenerator(knowledge.current(), REGION, demo.year())
                .generateFiles(settings, casesFile, visitsFile, labelsFile);
        LOG.infof("Demo: generated %d cases and %d outpatient visits of %d with %d planted violations (labels in %s)",
                counts.cases(), counts.visits(), demo.year(), counts.injected().values().stream().mapToLong(Long::longValue).sum(), labelsFile);
        try {
            ImportResult imported = importFile(casesFile, true);
            ImportResult visits = importFile(visitsFile, false);
            LOG.infof("Demo: imported %d cases, %d visits", imported.accepted(), visits.accepted());
        } catch (IOException e) {
            throw new UncheckedIOException("Demo data could not be read from " + dir + ": " + e.getMessage(), e);
        }
        List<SweepView> done = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            done.add(sweeps.runSweepAndWait(YearMonth.of(demo.year(), m).toString(), "demo"));
        }
        printSummary(demo.year(), done);
    }

    private ImportResult importFile(Path file, boolean cases) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return cases ? this.cases.importCases(in, ImportOptions.DEFAULT) : this.cases.importVisits(in, ImportOptions.DEFAULT);
        }
    }

    private void printSummary(int year, List<SweepView> done) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== DRG Audit demo: 演示市 ").append(year).append(" ====\n");
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
                .append("/api/findings/summary?month=").append(year).append("-03'\n");
        System.out.println(sb);
    }
}
