package org.drgaudit.rules;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.PatientStream;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.rules.facts.AuditCase;
import org.drgaudit.rules.facts.AuditCaseFactory;
import org.drgaudit.rules.facts.HospitalInfo;
import org.drgaudit.rules.facts.RuleFinding;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.shared.ExcelWorkbook;
import org.jboss.logging.Logger;

/**
 * Backtests a rule-base version: runs it over chosen past settlement months (up to twelve) next to the version in
 * force, exactly as a sweep reads the cases (patient by patient, with the look-back), and keeps only the difference.
 * Stored findings are never touched. When the version's knowledge base is the one in force, each case's facts are
 * built once and judged by both rule bases.
 */
@ApplicationScoped
public class BacktestService {

    private static final Logger LOG = Logger.getLogger(BacktestService.class);
    static final int MAX_MONTHS = 12;

    @Inject
    PatientStream patients;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    RuleBaseService ruleBases;

    @Inject
    RuleLifecycleService lifecycle;

    @Inject
    RuleGate gate;

    @Inject
    RuleVersionStore store;

    @Inject
    DrgAuditConfig config;

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backtests");
        t.setDaemon(true);
        return t;
    });

    /** Which months to run. */
    public record BacktestRequest(List<String> months) {
    }

    /** Starts a backtest in the background; a version that passed its golden cases (TESTED or later) can be backtested. */
    public RuleBacktest.Summary start(int number, BacktestRequest request, String user) {
        List<YearMonth> months = months(request);
        RuleBaseVersion v = RuleLifecycleService.find(number);
        if (!List.of(RuleBaseVersion.TESTED, RuleBaseVersion.BACKTESTED).contains(v.status)) {
            throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; a version is backtested after it "
                    + "passed its golden cases (POST …/test).");
        }
        VersionFiles files = store.files(v.id);
        RuleGate.Outcome draft = gate.validate(files);
        if (!draft.report().passed()) {
            throw RuleBaseInvalidException.of(draft.report());
        }
        ActiveRuleBase active = ruleBases.active();
        boolean sameKnowledge = KnowledgeService.contentHash(files.knowledge())
                .equals(KnowledgeService.contentHash(ruleBases.activeFiles().knowledge()));
        RuleBacktest b = QuarkusTransaction.requiringNew().call(() -> {
            RuleBacktest n = new RuleBacktest();
            n.versionId = v.id;
            n.contentHash = v.contentHash;
            n.against = active.version();
            n.months = months.stream().map(YearMonth::toString).toArray(String[]::new);
            n.status = RuleBacktest.RUNNING;
            n.requestedBy = user;
            n.startedAt = OffsetDateTime.now();
            n.persist();
            return n;
        });
        store.event(v, "backtest-started", user, Map.of("backtest", b.id, "months", List.of(b.months), "against", active.version()));
        KnowledgeSnapshot draftKnowledge = sameKnowledge ? active.knowledge() : draft.knowledge();
        background.submit(() -> execute(b.id, v, months, active, draft.compiled(), draftKnowledge, user));
        return b.summary();
    }

    /** A backtest as listed (state, months, totals), for callers outside the rules context. */
    public RuleBacktest.Summary summary(int number, long id) {
        return get(number, id).summary();
    }

    public RuleBacktest get(int number, long id) {
        RuleBaseVersion v = RuleLifecycleService.find(number);
        RuleBacktest b = QuarkusTransaction.requiringNew().call(() -> RuleBacktest.<RuleBacktest>findById(id));
        if (b == null || !b.versionId.equals(v.id)) {
            throw DomainException.notFound("Backtest of rule-base version " + number, id);
        }
        return b;
    }

    private void execute(long id, RuleBaseVersion v, List<YearMonth> months, ActiveRuleBase active, CompiledRuleBase draft,
                         KnowledgeSnapshot draftKnowledge, String user) {
        try {
            BacktestResult result = run(v.version, months, active, draft, draftKnowledge);
            QuarkusTransaction.requiringNew().run(() -> {
                RuleBacktest b = RuleBacktest.findById(id);
                b.status = RuleBacktest.DONE;
                b.result = result;
                b.cases = result.cases();
                b.finishedAt = OffsetDateTime.now();
                b.message = String.format("%d cases in %d month(s), %.1f s", result.cases(), months.size(), result.seconds());
            });
            BacktestResult.Totals t = result.totals();
            lifecycle.backtested(v.id, v.contentHash, user, Map.of("backtest", id, "months", result.months(),
                    "added", t.added(), "removed", t.removed(), "changed", t.changed(),
                    "overpaymentDifference", t.overpaymentDifference()));
        } catch (Throwable e) {
            LOG.errorf(e, "Backtest %d of rule-base version %d failed", id, v.version);
            QuarkusTransaction.requiringNew().run(() -> {
                RuleBacktest b = RuleBacktest.findById(id);
                b.status = RuleBacktest.FAILED;
                b.finishedAt = OffsetDateTime.now();
                b.message = e.getClass().getSimpleName() + ": " + e.getMessage();
            });
        }
    }

    /** Runs both rule bases over the months and compares their findings. */
    BacktestResult run(int version, List<YearMonth> months, ActiveRuleBase active, CompiledRuleBase draft,
                       KnowledgeSnapshot draftKnowledge) throws Exception {
        long started = System.nanoTime();
        Map<String, HospitalInfo> registry = QuarkusTransaction.requiringNew().call(() -> hospitals.all()).stream()
                .collect(Collectors.toMap(HospitalRecord::code,
                        h -> new HospitalInfo(h.code(), h.name(), h.region(), h.level(), h.allianceCode(), h.coefficient())));
        Comparison comparison = new Comparison();
        long cases = 0;
        for (YearMonth month : months) {
            PatientStream.Window window = window(month, patients.earliestAdmission(month), active.knowledge(), draftKnowledge);
            int workers = Math.max(1, config.sweep().workers());
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<MonthPart>> parts = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    parts.add(pool.submit(() -> runPart(month, window, worker, workers, registry, active, draft, draftKnowledge)));
                }
                for (Future<MonthPart> part : parts) {
                    MonthPart p = part.get();
                    cases += p.cases;
                    comparison.add(month.toString(), p.active, p.draft);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return comparison.result(version, active.version(), months.stream().map(YearMonth::toString).toList(), cases, seconds);
    }

    private record MonthPart(long cases, List<RuleFinding> active, List<RuleFinding> draft) {
    }

    private MonthPart runPart(YearMonth month, PatientStream.Window window, int worker, int workers,
                              Map<String, HospitalInfo> registry, ActiveRuleBase active, CompiledRuleBase draft,
                              KnowledgeSnapshot draftKnowledge) {
        boolean shared = draftKnowledge == active.knowledge();
        AuditCaseFactory activeFacts = new AuditCaseFactory(active.knowledge(), registry, month);
        AuditCaseFactory draftFacts = shared ? activeFacts : new AuditCaseFactory(draftKnowledge, registry, month);
        int batchSize = Math.max(1, config.sweep().batchSize());
        List<Object> batchA = new ArrayList<>(batchSize + 16);
        List<Object> batchB = shared ? batchA : new ArrayList<>(batchSize + 16);
        List<RuleFinding> foundA = new ArrayList<>();
        List<RuleFinding> foundB = new ArrayList<>();
        long[] cases = {0};
        try (RuleSession a = active.compiled().newSession(); RuleSession b = draft.newSession()) {
            patients.forEachPatient(window, worker, workers, (patient, stays, visits, unreadable) -> {
                long scoped = stays.stream().filter(s -> YearMonth.from(s.settlementDate()).equals(month)).count();
                if (scoped == 0) {
                    return true;
                }
                cases[0] += scoped;
                batchA.addAll(activeFacts.facts(stays, visits).forRules());
                if (!shared) {
                    batchB.addAll(draftFacts.facts(stays, visits).forRules());
                }
                if (batchA.size() >= batchSize) {
                    fire(a, b, batchA, batchB, foundA, foundB, shared);
                }
                return true;
            });
            if (!batchA.isEmpty() || !batchB.isEmpty()) {
                fire(a, b, batchA, batchB, foundA, foundB, shared);
            }
        }
        return new MonthPart(cases[0], foundA, foundB);
    }

    private static void fire(RuleSession a, RuleSession b, List<Object> batchA, List<Object> batchB,
                             List<RuleFinding> foundA, List<RuleFinding> foundB, boolean shared) {
        foundA.addAll(a.evaluate(batchA));
        foundB.addAll(b.evaluate(batchB));
        batchA.clear();
        if (!shared) {
            batchB.clear();
        }
    }

    /** The look-back reaches as far as either knowledge base's longest window. */
    private static PatientStream.Window window(YearMonth month, java.time.LocalDate earliest, KnowledgeSnapshot... kbs) {
        int lookback = 0;
        int visits = 0;
        for (KnowledgeSnapshot kb : kbs) {
            for (PolicyParameters p : kb.policies()) {
                lookback = Math.max(lookback, p.getSweep().getLookbackDays());
                visits = Math.max(visits, p.getTooLittleService().getCostShiftWindowDays());
            }
        }
        return new PatientStream.Window(month, earliest, lookback, visits);
    }

    private static List<YearMonth> months(BacktestRequest request) {
        if (request == null || request.months() == null || request.months().isEmpty()) {
            throw DomainException.badRequest("Field 'months' lists the settlement months to backtest, e.g. [\"2024-01\", \"2024-02\", \"2024-03\"] (1 to " + MAX_MONTHS + ").");
        }
        if (request.months().size() > MAX_MONTHS) {
            throw DomainException.badRequest("A backtest runs over at most " + MAX_MONTHS + " months; " + request.months().size() + " were asked for.");
        }
        List<YearMonth> out = new ArrayList<>();
        for (String m : request.months()) {
            try {
                YearMonth month = YearMonth.parse(String.valueOf(m).strip());
                if (month.isAfter(YearMonth.now())) {
                    throw DomainException.badRequest("Month " + month + " has not happened yet; a backtest runs over past settlement months.");
                }
                if (out.contains(month)) {
                    throw DomainException.badRequest("Month " + month + " is listed twice.");
                }
                out.add(month);
            } catch (DateTimeParseException e) {
                throw DomainException.badRequest("Months are written YYYY-MM (e.g. 2024-03), not '" + m + "'.");
            }
        }
        out.sort(null);
        return out;
    }

    /** Findings of both versions, compared month by month and added up per rule and hospital. */
    private static final class Comparison {
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, BigDecimal[]> money = new TreeMap<>();
        private final List<BacktestResult.Difference> differences = new ArrayList<>();
        private boolean truncated;

        void add(String month, List<RuleFinding> active, List<RuleFinding> draft) {
            Map<String, RuleFinding> a = new HashMap<>();
            active.forEach(f -> a.put(f.key(), f));
            Map<String, RuleFinding> b = new LinkedHashMap<>();
            draft.forEach(f -> b.put(f.key(), f));
            for (RuleFinding f : active) {
                RuleFinding d = b.get(f.key());
                if (d == null) {
                    count(f, 1, null, f.overpayment(), null);
                    difference(month, "REMOVED", f, null);
                } else if (same(f, d)) {
                    count(f, 3, null, f.overpayment(), d.overpayment());
                } else {
                    count(f, 2, null, f.overpayment(), d.overpayment());
                    difference(month, "CHANGED", f, d);
                }
            }
            for (RuleFinding d : draft) {
                if (!a.containsKey(d.key())) {
                    count(d, 0, null, null, d.overpayment());
                    difference(month, "ADDED", null, d);
                }
            }
        }

        private static boolean same(RuleFinding a, RuleFinding b) {
            return Objects.equals(a.overpayment(), b.overpayment()) && Objects.equals(a.patientRefund(), b.patientRefund())
                    && (a.unpricedReason() == null) == (b.unpricedReason() == null) && Objects.equals(a.correctGroup(), b.correctGroup())
                    && Objects.equals(a.resultType(), b.resultType()) && a.shadow() == b.shadow();
        }

        private void count(RuleFinding f, int kind, Object unused, BigDecimal activeMoney, BigDecimal draftMoney) {
            for (String key : List.of(f.ruleId() + "\u0000", f.ruleId() + "\u0000" + f.hospitalCode(), "\u0000")) {
                counts.computeIfAbsent(key, k -> new long[4])[kind]++;
                BigDecimal[] m = money.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
                if (activeMoney != null) {
                    m[0] = m[0].add(activeMoney);
                }
                if (draftMoney != null) {
                    m[1] = m[1].add(draftMoney);
                }
            }
        }

        private void difference(String month, String change, RuleFinding a, RuleFinding d) {
            if (differences.size() >= BacktestResult.MAX_DIFFERENCES) {
                truncated = true;
                return;
            }
            RuleFinding f = d != null ? d : a;
            differences.add(new BacktestResult.Difference(month, change, f.ruleId(), f.hospitalCode(), f.caseIds(),
                    a == null ? null : a.overpayment(), d == null ? null : d.overpayment(), a == null ? null : a.correctGroup(),
                    d == null ? null : d.correctGroup(), f.explanation()));
        }

        BacktestResult result(int version, int against, List<String> months, long cases, double seconds) {
            List<BacktestResult.Line> byRule = new ArrayList<>();
            List<BacktestResult.Line> byHospital = new ArrayList<>();
            counts.forEach((key, c) -> {
                if (key.equals("\u0000")) {
                    return;
                }
                String[] parts = key.split("\u0000", -1);
                BigDecimal[] m = money.get(key);
                var line = new BacktestResult.Line(parts[0], parts[1].isEmpty() ? null : parts[1], c[0], c[1], c[2], c[3],
                        m[0], m[1], m[1].subtract(m[0]));
                (parts[1].isEmpty() ? byRule : byHospital).add(line);
            });
            long[] t = counts.getOrDefault("\u0000", new long[4]);
            BigDecimal[] m = money.getOrDefault("\u0000", new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
            differences.sort((x, y) -> (x.month() + x.ruleId() + x.hospitalCode()).compareTo(y.month() + y.ruleId() + y.hospitalCode()));
            return new BacktestResult(version, against, months, cases, Math.round(seconds * 10) / 10.0,
                    new BacktestResult.Totals(t[0], t[1], t[2], t[3], m[0], m[1], m[1].subtract(m[0])), byRule, byHospital,
                    List.copyOf(differences), truncated);
        }
    }

    /** The backtest as a workbook: the difference per rule and hospital, per rule, and each differing finding. */
    public byte[] workbook(RuleBacktest b) {
        BacktestResult r = b.result;
        if (r == null) {
            throw DomainException.conflict("Backtest " + b.id + " is " + b.status + "; its workbook is ready when it is DONE.");
        }
        try (ExcelWorkbook book = new ExcelWorkbook(config.timeZone())) {
            String[] columns = {"规则", "医院", "新增疑点", "减少疑点", "变化疑点", "不变疑点", "现行版本多支付金额", "草稿版本多支付金额", "差额（草稿 − 现行）"};
            var hospitalsSheet = book.sheet("按规则与医院", columns);
            for (BacktestResult.Line l : r.byRuleAndHospital()) {
                book.append(hospitalsSheet, l.ruleId(), l.hospitalCode(), l.added(), l.removed(), l.changed(), l.unchanged(),
                        ExcelWorkbook.money(l.overpaymentActive()), ExcelWorkbook.money(l.overpaymentDraft()),
                        ExcelWorkbook.money(l.overpaymentDifference()));
            }
            BacktestResult.Totals t = r.totals();
            book.append(hospitalsSheet, "合计", null, t.added(), t.removed(), t.changed(), t.unchanged(),
                    ExcelWorkbook.money(t.overpaymentActive()), ExcelWorkbook.money(t.overpaymentDraft()),
                    ExcelWorkbook.money(t.overpaymentDifference()));
            book.widths(hospitalsSheet, 10, 10, 10, 10, 10, 10, 18, 18, 18);
            var rulesSheet = book.sheet("按规则", columns);
            for (BacktestResult.Line l : r.byRule()) {
                book.append(rulesSheet, l.ruleId(), "全部", l.added(), l.removed(), l.changed(), l.unchanged(),
                        ExcelWorkbook.money(l.overpaymentActive()), ExcelWorkbook.money(l.overpaymentDraft()),
                        ExcelWorkbook.money(l.overpaymentDifference()));
            }
            book.widths(rulesSheet, 10, 10, 10, 10, 10, 10, 18, 18, 18);
            var detail = book.sheet("疑点差异明细", "结算月份", "变化", "规则", "医院", "病例", "现行版本多支付金额", "草稿版本多支付金额",
                    "现行版本正确病组", "草稿版本正确病组", "说明");
            for (BacktestResult.Difference d : r.differences()) {
                book.append(detail, d.month(), switch (d.change()) {
                    case "ADDED" -> "新增";
                    case "REMOVED" -> "减少";
                    default -> "变化";
                }, d.ruleId(), d.hospitalCode(), String.join("、", d.caseIds()), ExcelWorkbook.money(d.overpaymentActive()),
                        ExcelWorkbook.money(d.overpaymentDraft()), d.correctGroupActive(), d.correctGroupDraft(), d.explanation());
            }
            if (r.differencesTruncated()) {
                book.append(detail, "（仅列出前 " + BacktestResult.MAX_DIFFERENCES + " 条差异）");
            }
            book.widths(detail, 10, 6, 8, 8, 28, 16, 16, 12, 12, 80);
            var about = book.sheet("说明");
            book.append(about, "版本", "v" + r.version() + "（对比现行版本 v" + r.against() + "）");
            book.append(about, "结算月份", String.join("、", r.months()));
            book.append(about, "病例数", r.cases());
            book.append(about, "说明", "回测只在内存中运行两个版本，不改动已保存的疑点；差额为草稿版本减现行版本的多支付金额合计。");
            return book.toBytes();
        }
    }
}
