package org.drgaudit.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.rules.BacktestService;
import org.drgaudit.rules.RuleBacktest;
import org.drgaudit.rules.RuleLifecycleService;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.sweeps.SweepService;

/**
 * The backtest benchmark (docs/performance.md): on the demo year, sweeps the twelve months and then backtests two
 * drafts over the same twelve months: a rule change (the knowledge base in force, so each case's facts are built once
 * for both versions) and a parameter change (the facts built once per knowledge base). Prints the times and their
 * ratio to the sweeps' time.
 */
@ApplicationScoped
public class BacktestBenchmark {

    @Inject
    SweepService sweeps;

    @Inject
    RuleLifecycleService lifecycle;

    @Inject
    BacktestService backtests;

    @Inject
    DrgAuditConfig config;

    public String run() {
        int year = config.demo().year();
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(year, m).toString());
        }
        long started = System.nanoTime();
        long cases = 0;
        for (String month : months) {
            cases += sweeps.runSweepAndWait(month, "benchmark").processed();
        }
        double sweepSeconds = (System.nanoTime() - started) / 1e9;
        StringBuilder out = new StringBuilder(String.format("%nBacktest benchmark, demo year %d: %d cases in 12 months%n", year, cases));
        out.append(String.format("%-48s %8.1f s%n", "12 monthly sweeps (rule base in force)", sweepSeconds));
        int rule = draft("基准：规则修改", "rules/too-little-service.drl", "@severity(\"LOW\")", "@severity(\"MEDIUM\")");
        out.append(line("backtest of a rule change, 12 months", backtest(rule, months), sweepSeconds));
        int parameter = draft("基准：参数修改", "knowledge/parameters/demo-2024.yaml", "lookbackDays: 45", "lookbackDays: 50");
        out.append(line("backtest of a parameter change, 12 months", backtest(parameter, months), sweepSeconds));
        return out.toString();
    }

    private int draft(String title, String path, String from, String to) {
        int v = lifecycle.newDraft(new RuleLifecycleService.DraftRequest(title, null, null), "benchmark");
        lifecycle.writeFile(v, path, lifecycle.file(v, path).replace(from, to), "benchmark");
        try {
            lifecycle.test(v, "benchmark");
        } catch (RuntimeException e) {
            // the gate's verdict does not matter for timing; a backtest needs a tested version, so take it as tested
            throw new IllegalStateException("benchmark draft " + v + " did not pass the gate: " + e.getMessage(), e);
        }
        return v;
    }

    private double backtest(int version, List<String> months) {
        RuleBacktest.Summary started = backtests.start(version, new BacktestService.BacktestRequest(months), "benchmark");
        RuleBacktest.Summary b = backtests.summary(version, started.id());
        while ("RUNNING".equals(b.status())) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            b = backtests.summary(version, started.id());
        }
        if (!"DONE".equals(b.status())) {
            throw new IllegalStateException("backtest " + b.id() + " " + b.status() + ": " + b.message());
        }
        return (b.finishedAt().toInstant().toEpochMilli() - b.startedAt().toInstant().toEpochMilli()) / 1000.0;
    }

    private static String line(String what, double seconds, double sweepSeconds) {
        return String.format("%-48s %8.1f s  (%.2f × the sweeps)%n", what, seconds, seconds / sweepSeconds);
    }
}
