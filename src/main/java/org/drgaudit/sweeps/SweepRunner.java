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
import org.drgaudit.rules.facts.UnjudgedCase;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * The sweep engine. Each worker owns a share of the patients (a stable bucket of the patient id),
 * streams them ordered by patient, builds their facts, and fires one long-lived rule session per
 * batch of whole patients, so a patient's stays are always judged together and memory holds one
 * batch per worker whatever the month's size.
 */
@ApplicationScoped
public class SweepRunner {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SweepRunner.class);

    @Inject
    PatientStream patients;

    @Inject
    FindingStore findingStore;

    @Inject
    DrgAuditConfig config;

    /** Why a case of the month was not judged. */
    public enum SkipReason {
        HOSPITAL_NOT_REGISTERED("医院不在医院登记表中"),
        /** No dated knowledge set of the hospital's region covers the discharge date (the name is older than the sets). */
        REGION_WITHOUT_PARAMETERS("出院日期不在医院所在地区任何知识库版本（政策参数、分组版本、病组目录）的适用期内"),
        GROUPER_VERSION_MISMATCH("申报的分组版本不是出院日期适用的知识库版本的分组版本，未按规则判断（数据质量疑点 DQ-01 说明差异）"),
        UNREADABLE_RECORD("病例记录无法读取，请以 replace=true 重新导入"),
        FACTS_FAILED("病例事实无法生成（数据异常），详见服务日志");

        private final String label;

        SkipReason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Progress and cancellation of one run. */
    public static final class Progress {
        final AtomicLong processed = new AtomicLong();
        final AtomicLong findings = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Map<SkipReason, AtomicLong> skipped = new java.util.concurrent.ConcurrentHashMap<>();

        public long processed() {
            return processed.get();
        }

        public long findings() {
            return findings.get();
        }

        void skip(SkipReason reason, long cases) {
            if (cases > 0) {
                skipped.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(cases);
            }
        }

        /** Cases of the month no rule judged, by reason (in the order of the reasons). */
        public Map<SkipReason, Long> skippedByReason() {
            Map<SkipReason, Long> out = new java.util.EnumMap<>(SkipReason.class);
            skipped.forEach((r, n) -> out.put(r, n.get()));
            return out;
        }

        public long skipped() {
            return skipped.values().stream().mapToLong(AtomicLong::get).sum();
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
        List<Object> batch = new ArrayList<>(batchSize + 16);
        long[] inScope = {0};
        try (RuleSession session = rules.compiled().newSession()) {
            patients.forEachPatient(window, worker, workers, (patient, stays, visits, unreadable) -> {
                progress.skip(SkipReason.UNREADABLE_RECORD, unreadable.size());
                inScope[0] += unreadable.size();
                long scoped = stays.stream().filter(s -> YearMonth.from(s.settlementDate()).equals(stamp.month())).count();
                if (scoped == 0) {
                    return !progress.isCancelled();
                }
                inScope[0] += scoped;
                AuditCaseFactory.PatientFacts facts;
                try {
                    facts = factory.facts(stays, visits);
                } catch (RuntimeException e) {
                    // a patient whose records break the facts is reported, not the end of everyone else's sweep
                    LOG.warnf(e, "Sweep %d: the facts of patient %s could not be built; their %d case(s) are skipped",
                            stamp.sweepId(), patient, scoped);
                    progress.skip(SkipReason.FACTS_FAILED, scoped);
                    return !progress.isCancelled();
                }
                java.util.Set<String> accounted = new java.util.HashSet<>();
                facts.judged().stream().filter(AuditCase::isInScope).forEach(f -> accounted.add(f.getCaseId()));
                for (UnjudgedCase u : facts.unjudged()) {
                    accounted.add(u.getCaseId());
                    progress.skip(UnjudgedCase.NO_KNOWLEDGE_SET.equals(u.getReason()) ? SkipReason.REGION_WITHOUT_PARAMETERS
                            : SkipReason.GROUPER_VERSION_MISMATCH, 1);
                }
                for (var stay : stays) {
                    if (YearMonth.from(stay.settlementDate()).equals(stamp.month()) && !accounted.contains(stay.caseId())) {
                        progress.skip(SkipReason.HOSPITAL_NOT_REGISTERED, 1);
                    }
                }
                batch.addAll(facts.forRules());
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

    private void fire(FindingStore.SweepStamp stamp, RuleSession session, List<Object> batch, Progress progress,
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
