package org.drgaudit.sweeps;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.findings.FindingStore;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.rules.ActiveRuleBase;
import org.drgaudit.rules.RuleBaseService;
import org.drgaudit.rules.facts.HospitalInfo;
import org.drgaudit.shared.DomainException;
import org.jboss.logging.Logger;

/**
 * Starts, follows and cancels sweeps, and runs the monthly one on the scheduler's cron. A sweep
 * keeps the rule base and knowledge base it started with; its findings become visible only when it
 * completes, so a failure, a cancel or a crash leaves the month's findings as they were.
 */
@ApplicationScoped
public class SweepService {

    private static final Logger LOG = Logger.getLogger(SweepService.class);

    @Inject
    SweepRunner runner;

    @Inject
    RuleBaseService ruleBases;

    @Inject
    KnowledgeService knowledge;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CaseService cases;

    @Inject
    FindingStore findingStore;

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sweeps");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, SweepRunner.Progress> running = new ConcurrentHashMap<>();

    /** Starts a sweep of a settlement month in the background. */
    public SweepView runSweep(String month, String user) {
        YearMonth m = parseMonth(month);
        if (m.isAfter(YearMonth.now())) {
            throw DomainException.badRequest("Month " + m + " has not happened yet; sweeps run over settled months.");
        }
        ActiveRuleBase rules = ruleBases.active();
        KnowledgeSnapshot kb = rules.knowledge(); // the knowledge base the rules went live with, whatever is published meanwhile
        Sweep sweep;
        try {
            sweep = QuarkusTransaction.requiringNew().call(() -> {
                Sweep s = new Sweep();
                s.month = m.atDay(1);
                s.status = Sweep.RUNNING;
                s.ruleBaseVersion = rules.version();
                s.kbVersion = kb.versionId();
                s.total = cases.countMonth(m);
                s.startedBy = user;
                s.startedAt = OffsetDateTime.now();
                s.persist();
                return s;
            });
        } catch (RuntimeException e) {
            if (causedBy(e, "sweep_one_running_per_month")) {
                throw DomainException.conflict("A sweep of " + m + " is already running; wait for it or cancel it.");
            }
            throw e;
        }
        SweepRunner.Progress progress = new SweepRunner.Progress();
        running.put(sweep.id, progress);
        background.submit(() -> execute(sweep.id, m, rules, kb, progress));
        return SweepView.of(sweep, 0);
    }

    /** Runs a sweep to its end in the calling thread (the demo and tests use it to wait). */
    public SweepView runSweepAndWait(String month, String user) {
        SweepView started = runSweep(month, user);
        SweepView now = get(started.id());
        while (Sweep.RUNNING.equals(now.status())) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            now = get(started.id());
        }
        return now;
    }

    private void execute(long id, YearMonth month, ActiveRuleBase rules, KnowledgeSnapshot kb, SweepRunner.Progress progress) {
        var stamp = new FindingStore.SweepStamp(id, month, rules.version(), kb.versionId());
        String status = Sweep.FAILED;
        String message = "The sweep stopped unexpectedly.";
        long shown = 0;
        try {
            Map<String, HospitalInfo> registry = QuarkusTransaction.requiringNew().call(() -> hospitals.all()).stream()
                    .collect(Collectors.toMap(HospitalRecord::code,
                            h -> new HospitalInfo(h.code(), h.name(), h.region(), h.level(), h.allianceCode(), h.coefficient())));
            long started = System.nanoTime();
            runner.run(stamp, rules, kb, registry, progress);
            if (progress.isCancelled()) {
                status = Sweep.CANCELLED;
                message = "Cancelled; no findings of this sweep were kept.";
            } else {
                shown = findingStore.publish(id, month);
                double seconds = (System.nanoTime() - started) / 1e9;
                status = progress.skipped() == 0 ? Sweep.DONE : Sweep.DONE_WITH_SKIPS;
                message = String.format("%d cases in %.1f s", progress.processed(), seconds) + skipMessage(progress);
                LOG.infof("Sweep %d of %s done: %s, %d findings", id, month, message, shown);
            }
        } catch (Throwable e) {
            LOG.errorf(e, "Sweep %d of %s failed", id, month);
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            try {
                if (!Sweep.DONE.equals(status) && !Sweep.DONE_WITH_SKIPS.equals(status)) {
                    findingStore.discard(id);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Discarding the findings of sweep %d failed; they stay invisible", id);
            } finally {
                finish(id, status, progress, shown, message);
                running.remove(id);
            }
        }
    }

    private void finish(long id, String status, SweepRunner.Progress progress, long findings, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            Sweep s = Sweep.findById(id);
            s.status = status;
            s.processed = progress.processed();
            s.findings = findings;
            s.finishedAt = OffsetDateTime.now();
            s.message = message;
            s.skipped = progress.skipped();
            Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            progress.skippedByReason().forEach((r, n) -> byReason.put(r.name(), n));
            s.skippedByReason = byReason.isEmpty() ? null : org.drgaudit.shared.CanonicalJson.write(byReason);
        });
    }

    /** "; 12 个病例未判断：…" in the message of a sweep that skipped cases, with each reason. */
    private static String skipMessage(SweepRunner.Progress progress) {
        if (progress.skipped() == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("; ").append(progress.skipped()).append(" 个病例未经规则判断：");
        String sep = "";
        for (var e : progress.skippedByReason().entrySet()) {
            b.append(sep).append(e.getKey().label()).append(" ").append(e.getValue()).append(" 个");
            sep = "；";
        }
        return b.toString();
    }

    public SweepView get(long id) {
        Sweep s = QuarkusTransaction.requiringNew().call(() -> Sweep.findById(id));
        if (s == null) {
            throw DomainException.notFound("Sweep", id);
        }
        SweepRunner.Progress p = running.get(id);
        return p == null ? SweepView.of(s, s.processed) : SweepView.running(s, p);
    }

    public List<SweepView> list(String month) {
        List<Sweep> sweeps = QuarkusTransaction.requiringNew().call(() -> month == null
                ? Sweep.<Sweep>listAll(io.quarkus.panache.common.Sort.descending("id"))
                : Sweep.<Sweep>list("month", io.quarkus.panache.common.Sort.descending("id"), parseMonth(month).atDay(1)));
        return sweeps.stream().map(s -> SweepView.of(s, running.containsKey(s.id) ? running.get(s.id).processed() : s.processed)).toList();
    }

    /** Asks a running sweep to stop; it ends as CANCELLED and keeps none of its findings. */
    public SweepView cancel(long id) {
        SweepRunner.Progress p = running.get(id);
        if (p == null) {
            throw DomainException.conflict("Sweep " + id + " is not running.");
        }
        p.cancel();
        return get(id);
    }

    /** Sweeps that were running when the service stopped are failed, their findings dropped, and started again. */
    public void recoverInterrupted() {
        List<Sweep> interrupted = QuarkusTransaction.requiringNew().call(() -> Sweep.<Sweep>list("status", Sweep.RUNNING));
        for (Sweep s : interrupted) {
            findingStore.discard(s.id);
            finish(s.id, Sweep.FAILED, new SweepRunner.Progress(), 0, "Interrupted by a restart; started again as a new sweep.");
            LOG.warnf("Sweep %d of %s was interrupted; starting it again", s.id, YearMonth.from(s.month));
            runSweep(YearMonth.from(s.month).toString(), "system");
        }
    }

    /** The monthly sweep of the previous settlement month. */
    @Scheduled(cron = "{drgaudit.sweep.cron}", identity = "monthly-sweep", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void monthly() {
        String month = YearMonth.now().minusMonths(1).toString();
        LOG.infof("Scheduled sweep of %s", month);
        runSweep(month, "scheduler");
    }

    private static boolean causedBy(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    static YearMonth parseMonth(String month) {
        return org.drgaudit.shared.Months.parse(month, "month");
    }
}
