package org.drgaudit.sweeps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.drgaudit.cases.PatientStream;
import org.drgaudit.findings.FindingStore;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.rules.ActiveRuleBase;
import org.drgaudit.rules.RuleSession;
import org.drgaudit.rules.facts.AuditCase;
import org.drgaudit.rules.facts.AuditCaseFactory;
import org.drgaudit.rules.facts.HospitalInfo;
import org.drgaudit.rules.facts.RuleFinding;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * The sweep engine. Each worker owns a share of the patients (a stable bucket of the patient id),
 * streams them ordered by patient, builds their facts, and fires one long-lived rule session per
 * batch of whole patients, so a patient's stays are always judged together and memory holds one
 * batch per worker whatever the month's size.
 */
@ApplicationScoped
public class SweepRunner {

    @Inject
    PatientStream patients;

    @Inject
    FindingStore findingStore;

    @Inject
    DrgAuditConfig config;

    /** Progress and cancellation of one run. */
    public static final class Progress {
        final AtomicLong processed = new AtomicLong();
        final AtomicLong findings = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicLong unjudged = new AtomicLong();

        public long processed() {
            return processed.get();
        }

        public long findings() {
            return findings.get();
        }

        /** In-scope cases no rule could judge: hospital missing from the registry, or no parameters for its region. */
        public long unjudged() {
            return unjudged.get();
        }

        public void cancel() {
            cancelled.set(true);
        }

        public boolean isCancelled() {
            return cancelled.get();
        }
    }

    /** Runs the rules over the month; findings are written invisible under {@code stamp}. */
    public void run(FindingStore.SweepStamp stamp, ActiveRuleBase rules, KnowledgeSnapshot knowledge,
                    Map<String, HospitalInfo> hospitals, Progress progress) {
        PatientStream.Window window = window(stamp.month(), patients.earliestAdmission(stamp.month()), knowledge);
        int workers = Math.max(1, config.sweep().workers());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sweep-" + stamp.sweepId());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                parts.add(pool.submit(() -> runPart(stamp, rules, knowledge, hospitals, progress, window, worker, workers)));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.cancel();
            throw new IllegalStateException("Sweep " + stamp.sweepId() + " was interrupted", e);
        } catch (ExecutionException e) {
            progress.cancel();
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            try {
                // no worker may still be writing findings once the sweep is declared over
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runPart(FindingStore.SweepStamp stamp, ActiveRuleBase rules, KnowledgeSnapshot knowledge,
                         Map<String, HospitalInfo> hospitals, Progress progress, PatientStream.Window window,
                         int worker, int workers) {
        AuditCaseFactory factory = new AuditCaseFactory(knowledge, hospitals, stamp.month());
        int batchSize = Math.max(1, config.sweep().batchSize());
        List<AuditCase> batch = new ArrayList<>(batchSize + 16);
        long[] inScope = {0};
        try (RuleSession session = rules.compiled().newSession()) {
            patients.forEachPatient(window, worker, workers, (patient, stays, visits) -> {
                long scoped = stays.stream().filter(s -> YearMonth.from(s.settlementDate()).equals(stamp.month())).count();
                if (scoped == 0) {
                    return !progress.isCancelled();
                }
                List<AuditCase> facts = factory.build(stays, visits);
                long judged = facts.stream().filter(AuditCase::isInScope).count();
                progress.unjudged.addAndGet(scoped - judged);
                batch.addAll(facts);
                inScope[0] += scoped;
                if (batch.size() >= batchSize) {
                    fire(stamp, session, batch, progress, inScope);
                }
                return !progress.isCancelled();
            });
            if (!batch.isEmpty() && !progress.isCancelled()) {
                fire(stamp, session, batch, progress, inScope);
            }
        }
    }

    private void fire(FindingStore.SweepStamp stamp, RuleSession session, List<AuditCase> batch, Progress progress,
                      long[] inScope) {
        List<RuleFinding> found = session.evaluate(batch);
        findingStore.writeInvisible(stamp, found);
        progress.findings.addAndGet(found.size());
        progress.processed.addAndGet(inScope[0]);
        inScope[0] = 0;
        batch.clear();
    }

    /** The look-back reaches as far as the longest window any region's parameters ask for. */
    static PatientStream.Window window(YearMonth month, java.time.LocalDate earliestAdmission, KnowledgeSnapshot knowledge) {
        int lookback = 0;
        int visits = 0;
        for (PolicyParameters p : knowledge.policies()) {
            lookback = Math.max(lookback, p.getSweep().getLookbackDays());
            visits = Math.max(visits, p.getTooLittleService().getCostShiftWindowDays());
        }
        return new PatientStream.Window(month, earliestAdmission, lookback, visits);
    }
}
