package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PaymentTerms;

/**
 * The arithmetic of year-end clearing, with no database. It values every hospital's cases with the region's
 * {@link PaymentTerms} (the valuation the rules price findings with), shares the distributable budget out by points
 * (point method, up to a point-value ceiling) or pays by rate (sharing an overspend where the region says so), then
 * takes off exactly what was decided at 违规处理 — each confirmed overpayment and penalty as its own line, the
 * patient refunds shown beside — the campaign extrapolations and the grade's consequence, and adds up the balance.
 *
 * <p>Feed it hospitals, confirmed decisions and extrapolations first, then the year's cases (streamed: only cases a
 * decision names or paid by their cost ratio are kept one by one; the rest are summed per group), and cases a decision
 * names that were settled outside the year with {@link #knowCase}.
 */
public final class ClearingCalculator {

    static final int POINT_SCALE = 4;
    static final int MONEY_SCALE = 2;
    private static final MathContext PRECISE = MathContext.DECIMAL128;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final Map<String, String> FAMILIES = Map.of("high-coding", "高套分组", "mismatch", "诊断与操作不符",
            "split-admission", "分解住院", "too-little-service", "服务不足", "data-quality", "数据质量", "special-case", "特例单议");
    private static final Map<String, String> INSURANCE = Map.of("EMPLOYEE", "职工", "RESIDENT", "居民");
    private static final String SPECIAL_CASE_FAMILY = "special-case";

    private final ClearingRules rules;
    private final PaymentTerms terms;
    private final Map<String, GroupEntry> catalogue;
    private final Map<String, HospitalAccount> hospitals = new TreeMap<>();
    private final Map<String, Map<String, Ordinary>> ordinary = new HashMap<>();
    private final Map<String, List<CaseFacts>> incomplete = new HashMap<>();
    /** Per hospital and group not in the catalogue: its cases counted by special-case status (approved, pending, rejected, not declared). */
    private final Map<String, Map<String, int[]>> ungrouped = new HashMap<>();
    private final List<SpecialCaseOutcome> specialCases = new ArrayList<>();
    private final Map<String, SpecialCaseOutcome> specialByCase = new HashMap<>();
    private final Map<String, BigDecimal> fundPayments = new HashMap<>();
    private final Map<String, Integer> caseCounts = new HashMap<>();
    private final List<ConfirmedFinding> confirmed = new ArrayList<>();
    private final Set<Long> confirmedFindingIds = new HashSet<>();
    private final Set<String> referenced = new HashSet<>();
    private final Map<String, CaseFacts> facts = new HashMap<>();
    private final List<CampaignExtrapolation> extrapolations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int unknownPatientShare;

    /** The cases of one group (and insurance type under the rate method) summed: count and value. */
    private static final class Ordinary {
        int count;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal netted = BigDecimal.ZERO;
    }

    public ClearingCalculator(ClearingRules rules, Map<String, GroupEntry> catalogue) {
        this.rules = rules;
        this.terms = rules.terms();
        this.catalogue = catalogue;
    }

    public void addHospital(HospitalAccount h) {
        hospitals.put(h.hospitalCode(), h);
    }

    /** A confirmed decision; a finding given twice counts once, the first given (the caller gives the latest). */
    public void addConfirmed(ConfirmedFinding f) {
        if (f.caseIds().isEmpty()) {
            throw new IllegalArgumentException("Confirmed decision " + f.decisionId() + " names no case");
        }
        if (SPECIAL_CASE_FAMILY.equals(f.family())) {
            // a special case is never a violation: whatever a decision says, nothing is deducted for it
            notes.add("违规处理决定 #" + f.decisionId() + " 认定了特例单议候选" + (f.findingId() == null ? "" : "（疑点 #" + f.findingId() + "）")
                    + "；特例单议不是违规，不予扣款");
            return;
        }
        if (f.findingId() != null && !confirmedFindingIds.add(f.findingId())) {
            return;
        }
        confirmed.add(f);
        referenced.add(f.reviewedCase());
    }

    /** A special-case declaration of the year; give them before the cases (an ungrouped case's line says where it stands). */
    public void addSpecialCase(SpecialCaseOutcome o) {
        specialCases.add(o);
        specialByCase.put(o.caseId(), o);
    }

    public void addExtrapolation(CampaignExtrapolation e) {
        extrapolations.add(e);
    }

    /** Something the run could not apply, said on the run so that nothing is left out silently. */
    public void note(String text) {
        notes.add(text);
    }

    /** The ids of the cases whose facts the calculator needs one by one. */
    public Set<String> referencedCases() {
        return Set.copyOf(referenced);
    }

    /** Whether the facts of a case are known (valued this year or given with {@link #knowCase}). */
    public boolean knows(String caseId) {
        return facts.containsKey(caseId);
    }

    /** A case of the clearing year, valued on its hospital's statement. */
    public void addCase(CaseFacts c) {
        HospitalAccount h = hospitals.get(c.hospitalCode());
        if (h == null) {
            throw new IllegalArgumentException("Case " + c.caseId() + " belongs to hospital " + c.hospitalCode()
                    + ", which is not in the clearing");
        }
        caseCounts.merge(c.hospitalCode(), 1, Integer::sum);
        if (c.fundPayment() != null) {
            fundPayments.merge(c.hospitalCode(), c.fundPayment(), BigDecimal::add);
        }
        if (referenced.contains(c.caseId())) {
            facts.put(c.caseId(), c);
        }
        GroupEntry g = catalogue.get(c.groupCode());
        if (g == null) {
            SpecialCaseOutcome o = specialByCase.get(c.caseId());
            int slot = o == null ? 3 : o.status().ordinal();
            ungrouped.computeIfAbsent(c.hospitalCode(), k -> new TreeMap<>())
                    .computeIfAbsent(String.valueOf(c.groupCode()), k -> new int[4])[slot]++;
            return;
        }
        if (terms.paidByRatio(g, c.totalCost())) {
            incomplete.computeIfAbsent(c.hospitalCode(), k -> new ArrayList<>()).add(c);
            return;
        }
        if (terms.netPatientShare() && c.patientShare() == null) {
            unknownPatientShare++;
        }
        String key = rules.method() == PaymentTerms.Method.RATE ? g.code() + "|" + insurance(c) : g.code();
        Ordinary o = ordinary.computeIfAbsent(c.hospitalCode(), k -> new TreeMap<>()).computeIfAbsent(key, k -> new Ordinary());
        PaymentTerms.CaseValue v = value(c, g);
        o.count++;
        o.value = o.value.add(round(unitValue(v)));
        if (v.patientShare() != null) {
            o.netted = o.netted.add(v.payment().subtract(v.fundPays()));
        }
    }

    /** A case a decision names that was settled outside the clearing year: known, not valued again. */
    public void knowCase(CaseFacts c) {
        facts.put(c.caseId(), c);
    }

    public ClearingResult compute() {
        Map<String, List<StatementLine>> lines = new TreeMap<>();
        hospitals.keySet().forEach(h -> lines.put(h, new ArrayList<>()));
        hospitals.keySet().forEach(h -> valueCases(h, lines.get(h)));

        Map<String, BigDecimal> due = new TreeMap<>();
        BigDecimal totalPoints = null;
        BigDecimal pointValue = null;
        BigDecimal distributable = rules.distributable();
        if (rules.method() == PaymentTerms.Method.POINT) {
            Map<String, BigDecimal> points = new TreeMap<>();
            lines.forEach((h, ls) -> points.put(h, sum(ls.stream().filter(l -> l.points() != null).map(StatementLine::points).toList())));
            totalPoints = sum(List.copyOf(points.values()));
            if (totalPoints.signum() <= 0) {
                throw new IllegalStateException("The hospitals of the clearing have no points; there is nothing to share the budget by");
            }
            BigDecimal precise = distributable.divide(totalPoints, PRECISE);
            BigDecimal payable = distributable;
            if (rules.pointValueCeiling() != null && precise.compareTo(rules.pointValueCeiling()) > 0) {
                precise = rules.pointValueCeiling();
                payable = money(totalPoints.multiply(precise));
                notes.add("点值按预算测算为 " + plain(distributable.divide(totalPoints, 10, RoundingMode.HALF_UP)) + " 元/点，高于上限 "
                        + plain(rules.pointValueCeiling()) + " 元/点，按上限结算；结余 " + amount(distributable.subtract(payable))
                        + " 元留在基金（结余留用）");
            }
            pointValue = precise.setScale(10, RoundingMode.HALF_UP);
            due.putAll(allocate(payable, points, totalPoints));
            BigDecimal pv = precise;
            for (var e : lines.entrySet()) {
                List<StatementLine> ls = e.getValue();
                ls.replaceAll(l -> l.points() == null ? l : l.withAmount(money(l.points().multiply(pv, PRECISE))));
                addRounding(ls, due.get(e.getKey()), "点值 " + plain(pointValue) + " 元/点；各院应付金额按点数分配可分配总额，"
                        + "取整到分后的余分按最大余额法分配");
            }
        } else {
            lines.forEach((h, ls) -> due.put(h, sum(ls.stream().filter(l -> l.kind().partOfDue()).map(StatementLine::amount).toList())));
            shareOverspend(lines, due, distributable);
        }
        long pendingSpecial = specialCases.stream().filter(o -> o.status() == SpecialCaseOutcome.Status.PENDING
                && hospitals.containsKey(o.hospitalCode())).count();
        if (pendingSpecial > 0) {
            notes.add(pendingSpecial + " 例特例单议申报尚未认定，未计入本次清算；认定后重新计算草稿即计入");
        }
        if (unknownPatientShare > 0) {
            notes.add(unknownPatientShare + " 例病例没有统筹基金支付额或个人负担数据，未扣减患者个人负担");
        }

        List<Statement> statements = new ArrayList<>();
        for (var e : lines.entrySet()) {
            deductConfirmed(e.getKey(), e.getValue());
            statements.add(settle(hospitals.get(e.getKey()), e.getValue(), due.get(e.getKey())));
        }
        BigDecimal totalDue = sum(statements.stream().map(Statement::amountDue).toList());
        BigDecimal totalBalance = sum(statements.stream().map(Statement::balance).toList());
        return new ClearingResult(rules.method(), rules.annualBudget(), distributable, totalPoints, pointValue, totalDue,
                distributable.subtract(totalDue), totalBalance, statements, List.copyOf(notes));
    }

    // ---------------------------------------------------------------------------------------------
    // Valuing the year's cases
    // ---------------------------------------------------------------------------------------------

    private void valueCases(String hospital, List<StatementLine> out) {
        BigDecimal coefficient = hospitals.get(hospital).coefficient();
        ordinary.getOrDefault(hospital, Map.of()).forEach((key, o) -> {
            String[] parts = key.split("\\|", -1);
            GroupEntry g = catalogue.get(parts[0]);
            String insurance = parts.length > 1 ? parts[1] : null;
            BigDecimal each = round(unit(terms.value(g, insurance, coefficient, null, null)));
            String explanation = g.code() + " " + g.name() + "：普通病例 " + o.count + " 例 × " + formula(g, insurance, coefficient)
                    + " = " + o.count + " × " + plain(each)
                    + (o.netted.signum() > 0 ? " − 患者个人负担合计 " + amount(o.netted) : "") + " = " + plain(o.value) + unit();
            out.add(line(LineKind.ORDINARY_CASES, StatementLine.GROUP, g.code(), null, g.code(), o.count, o.value, explanation));
        });
        incomplete.getOrDefault(hospital, List.of()).stream().sorted(Comparator.comparing(CaseFacts::caseId)).forEach(c -> {
            GroupEntry g = catalogue.get(c.groupCode());
            PaymentTerms.CaseValue v = value(c, g);
            BigDecimal value = round(unitValue(v));
            String explanation = "病例 " + c.caseId() + "（" + g.code() + "）总费用 " + amount(c.totalCost()) + " 元低于标准费用 "
                    + amount(g.standardCost()) + " 元的 " + percent(terms.lowCostPaidByRatio()) + "，按实际费用 ÷ 标准费用折算："
                    + formula(g, c.insuranceType(), coefficient) + " × (" + amount(c.totalCost()) + " ÷ " + amount(g.standardCost())
                    + ")" + (v.patientShare() != null && v.patientShare().signum() > 0 ? " − 患者个人负担 " + amount(v.patientShare()) : "")
                    + " = " + plain(value) + unit() + "（不超过全额）";
            out.add(line(LineKind.INCOMPLETE_STAY, StatementLine.CASE, c.caseId(), c.caseId(), g.code(), 1, value, explanation));
        });
        ungrouped.getOrDefault(hospital, Map.of()).forEach((code, counts) -> {
            int count = counts[0] + counts[1] + counts[2] + counts[3];
            List<String> parts = new ArrayList<>();
            if (counts[0] > 0) {
                parts.add(counts[0] + " 例经特例单议认定，按认定的支付方式另列“特例单议”行支付");
            }
            if (counts[1] > 0) {
                parts.add(counts[1] + " 例已申报特例单议、尚在评审，待特例单议认定后支付");
            }
            if (counts[2] > 0) {
                parts.add(counts[2] + " 例特例单议不予认定，不予支付");
            }
            if (counts[3] > 0) {
                parts.add(counts[3] + " 例未申报特例单议，待特例单议认定后支付（须医院申报并经专家评审认定）");
            }
            out.add(line(LineKind.UNGROUPED, StatementLine.GROUP, code, null, code, count, BigDecimal.ZERO, "病组 " + code
                    + " 不在本年度病组目录中，" + count + " 例本行未计" + unitName() + "：" + String.join("；", parts)));
        });
        specialCaseLines(hospital, out);
    }

    /** Approved special cases: their decided extra payment, one line each; those still under review: one notice. */
    private void specialCaseLines(String hospital, List<StatementLine> out) {
        List<SpecialCaseOutcome> mine = specialCases.stream().filter(o -> o.hospitalCode().equals(hospital))
                .sorted(Comparator.comparingLong(SpecialCaseOutcome::declarationId)).toList();
        for (SpecialCaseOutcome o : mine) {
            if (o.status() != SpecialCaseOutcome.Status.APPROVED) {
                continue;
            }
            BigDecimal value = rules.method() == PaymentTerms.Method.POINT
                    ? (o.extraPoints() != null ? o.extraPoints()
                    : o.extraAmount().divide(terms.pointValue(o.insuranceType() == null ? "EMPLOYEE" : o.insuranceType()), POINT_SCALE,
                    RoundingMode.HALF_UP))
                    : o.extraAmount();
            out.add(line(LineKind.SPECIAL_CASE, StatementLine.SPECIAL_CASE, String.valueOf(o.declarationId()), o.caseId(), o.groupCode(), 1,
                    value, "特例单议申报 #" + o.declarationId() + "（" + o.categoryLabel() + "）经专家评审认定：" + o.explanation()));
        }
        List<SpecialCaseOutcome> pending = mine.stream().filter(o -> o.status() == SpecialCaseOutcome.Status.PENDING).toList();
        if (!pending.isEmpty()) {
            out.add(new StatementLine(LineKind.SPECIAL_CASE_PENDING, LineKind.SPECIAL_CASE_PENDING.label(), StatementLine.SPECIAL_CASE,
                    null, null, null, pending.size(), null, BigDecimal.ZERO.setScale(MONEY_SCALE),
                    "特例单议申报 " + pending.size() + " 例尚未认定（申报 " + pending.stream().map(o -> "#" + o.declarationId() + " " + o.caseId())
                            .collect(java.util.stream.Collectors.joining("、")) + "），本清算单未计其追加支付；认定后重新计算清算草稿即按认定的支付方式计入"));
        }
    }

    private PaymentTerms.CaseValue value(CaseFacts c, GroupEntry g) {
        BigDecimal coefficient = hospitals.get(c.hospitalCode()).coefficient();
        return terms.value(g, insurance(c), coefficient, c.totalCost(), c.patientShare());
    }

    /** Points under the point method; what the fund owes under the rate method. */
    private BigDecimal unitValue(PaymentTerms.CaseValue v) {
        return rules.method() == PaymentTerms.Method.POINT ? v.points() : v.fundPays();
    }

    /** The full value of one case of a group, before any netting: points, or payment. */
    private BigDecimal unit(PaymentTerms.CaseValue v) {
        return rules.method() == PaymentTerms.Method.POINT ? v.points() : v.payment();
    }

    /** Rate method: when the year's payments pass the distributable budget, the fund bears its share of the excess. */
    private void shareOverspend(Map<String, List<StatementLine>> lines, Map<String, BigDecimal> due, BigDecimal distributable) {
        BigDecimal total = sum(List.copyOf(due.values()));
        if (rules.overspendFundShare() == null || total.compareTo(distributable) <= 0) {
            return;
        }
        BigDecimal excess = total.subtract(distributable);
        BigDecimal payable = money(distributable.add(excess.multiply(rules.overspendFundShare())));
        Map<String, BigDecimal> shared = allocate(payable, due, total);
        notes.add("按费率应付合计 " + amount(total) + " 元超过可分配总额 " + amount(distributable) + " 元，超支 " + amount(excess)
                + " 元由基金承担 " + percent(rules.overspendFundShare()) + "，其余由各院按应付额比例分担");
        for (var e : lines.entrySet()) {
            BigDecimal before = due.get(e.getKey());
            BigDecimal after = shared.get(e.getKey());
            e.getValue().add(new StatementLine(LineKind.OVERSPEND_SHARED, LineKind.OVERSPEND_SHARED.label(), StatementLine.PARAMETER,
                    "clearing.overspendFundShare", null, null, null, null, after.subtract(before),
                    "全地区按费率应付 " + amount(total) + " 元，超出可分配总额 " + amount(excess) + " 元，基金承担 "
                            + percent(rules.overspendFundShare()) + "；本院按应付额 " + amount(before) + " 元占比分担，应付调整为 "
                            + amount(after) + " 元"));
            due.put(e.getKey(), after);
        }
    }

    private void addRounding(List<StatementLine> ls, BigDecimal due, String why) {
        BigDecimal residual = due.subtract(sum(ls.stream().filter(l -> l.kind().partOfDue()).map(StatementLine::amount).toList()));
        if (residual.signum() != 0) {
            ls.add(new StatementLine(LineKind.ROUNDING, LineKind.ROUNDING.label(), StatementLine.PARAMETER, "pointValue",
                    null, null, null, null, residual, why + "，本院逐行金额与应付金额之差 " + amount(residual) + " 元"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Confirmed decisions: exactly the decided numbers
    // ---------------------------------------------------------------------------------------------

    private void deductConfirmed(String hospital, List<StatementLine> out) {
        confirmed.stream().filter(f -> f.hospitalCode().equals(hospital))
                .sorted(Comparator.comparingLong(ConfirmedFinding::decisionId)).forEach(f -> {
            String sourceType = f.findingId() == null ? StatementLine.CASE : StatementLine.FINDING;
            String sourceId = f.findingId() == null ? f.reviewedCase() : String.valueOf(f.findingId());
            String what = f.findingId() == null ? "抽查病例 " + f.reviewedCase() + "（审核 #" + f.reviewItemId() + "）"
                    : "疑点 #" + f.findingId() + "（" + f.ruleId() + " " + FAMILIES.getOrDefault(f.family(), f.family())
                    + "，审核 #" + f.reviewItemId() + "）";
            CaseFacts c = facts.get(f.reviewedCase());
            String insurance = c == null ? null : c.insuranceType();
            String group = c == null ? null : c.groupCode();
            out.add(new StatementLine(LineKind.OVERPAYMENT, LineKind.OVERPAYMENT.label(), sourceType, sourceId, f.reviewedCase(),
                    f.correctGroup() != null ? f.correctGroup() : group, null, pointsOf(f.overpayment(), insurance),
                    f.overpayment().negate(), what + "经违规处理认定多支付 " + amount(f.overpayment()) + " 元"
                            + (f.correctGroup() != null && group != null && !f.correctGroup().equals(group)
                                ? "（应按 " + f.correctGroup() + " 而非 " + group + " 支付）" : "")
                            + pointsNote(f.overpayment(), insurance) + "，按认定金额扣回"));
            if (f.penalty() != null && f.penalty().signum() > 0) {
                out.add(new StatementLine(LineKind.PENALTY, LineKind.PENALTY.label(), sourceType, sourceId, f.reviewedCase(), group,
                        null, pointsOf(f.penalty(), insurance), f.penalty().negate(), what + "情节" + f.severityName() + "，违约金 "
                        + plain(f.penaltyMultiple()) + " × " + ("BASE_POINTS".equals(f.penaltyBase()) ? "原病组基准点数（按预算点值折算）" : "认定多支付金额")
                        + " = " + amount(f.penalty()) + " 元" + pointsNote(f.penalty(), insurance)));
            }
            if (f.patientRefund() != null && f.patientRefund().signum() > 0) {
                out.add(new StatementLine(LineKind.PATIENT_REFUND, LineKind.PATIENT_REFUND.label(), sourceType, sourceId,
                        f.reviewedCase(), group, null, null, f.patientRefund(), what + "认定患者多负担 " + amount(f.patientRefund())
                        + " 元，由医院退还参保人（不属于基金多支付，不计入本结算余额）"));
            }
        });
    }

    /** Under the point method, a yuan amount in points at the year's pricing point value (shown beside the yuan). */
    private BigDecimal pointsOf(BigDecimal yuan, String insurance) {
        if (rules.method() != PaymentTerms.Method.POINT || yuan == null) {
            return null;
        }
        return yuan.divide(terms.pointValue(insurance), POINT_SCALE, RoundingMode.HALF_UP).negate();
    }

    private String pointsNote(BigDecimal yuan, String insurance) {
        if (rules.method() != PaymentTerms.Method.POINT || yuan.signum() == 0) {
            return "";
        }
        return "（折合 " + plain(yuan.divide(terms.pointValue(insurance), POINT_SCALE, RoundingMode.HALF_UP)) + " 点，预算点值 "
                + plain(terms.pointValue(insurance).setScale(4, RoundingMode.HALF_UP)) + " 元/点）";
    }

    // ---------------------------------------------------------------------------------------------
    // Sharing the budget, deductions, grades, balance
    // ---------------------------------------------------------------------------------------------

    /**
     * Each hospital's share of an amount by its weight (points, or amounts due), to the cent, adding up to the amount
     * exactly: every share is rounded down and the cents left over go one each to the largest remainders (ties by
     * hospital code).
     */
    static Map<String, BigDecimal> allocate(BigDecimal amount, Map<String, BigDecimal> weights, BigDecimal totalWeight) {
        Map<String, BigDecimal> floors = new TreeMap<>();
        Map<String, BigDecimal> remainders = new TreeMap<>();
        weights.forEach((h, p) -> {
            BigDecimal exact = p.multiply(amount).divide(totalWeight, PRECISE);
            BigDecimal floor = exact.setScale(MONEY_SCALE, RoundingMode.FLOOR);
            floors.put(h, floor);
            remainders.put(h, exact.subtract(floor));
        });
        BigDecimal left = amount.subtract(sum(List.copyOf(floors.values())));
        int cents = left.divide(CENT, 0, RoundingMode.HALF_UP).intValueExact();
        remainders.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(cents)
                .forEach(e -> floors.merge(e.getKey(), CENT, BigDecimal::add));
        return floors;
    }

    private Statement settle(HospitalAccount h, List<StatementLine> lines, BigDecimal due) {
        String code = h.hospitalCode();
        for (CampaignExtrapolation e : extrapolations) {
            if (!e.hospitalCode().equals(code) || e.lowerBound() == null) {
                continue;
            }
            BigDecimal already = sum(lines.stream().filter(l -> l.kind() == LineKind.OVERPAYMENT && l.caseId() != null
                    && e.sampledConfirmedCases().contains(l.caseId())).map(StatementLine::amount).toList()).negate();
            BigDecimal deduction = e.lowerBound().subtract(already).max(BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            lines.add(new StatementLine(LineKind.EXTRAPOLATION, LineKind.EXTRAPOLATION.label(), StatementLine.CAMPAIGN,
                    String.valueOf(e.campaignId()), null, null, null, null, deduction.negate(),
                    "专项抽查「" + e.campaignName() + "」(#" + e.campaignId() + ") 外推多付金额单侧 90% 置信下限 " + amount(e.lowerBound())
                            + " 元，减去样本中已逐例扣回的 " + amount(already) + " 元，扣款 " + amount(deduction) + " 元（不为负）"));
        }
        BigDecimal overpayment = total(lines, LineKind.OVERPAYMENT).negate();
        BigDecimal penalties = total(lines, LineKind.PENALTY).negate();
        BigDecimal refunds = total(lines, LineKind.PATIENT_REFUND);
        BigDecimal fund = fundPayments.getOrDefault(code, BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal threshold = fund.multiply(rules.vetoShare());
        // the veto counts the fund's confirmed overpayment (全年违规累计费用), never penalties or patient refunds
        boolean veto = overpayment.signum() > 0 && fund.signum() > 0 && overpayment.compareTo(threshold) >= 0;
        ClearingRules.Grade grade = veto ? rules.grade(rules.vetoGrade())
                : h.assessmentScore() == null ? null : rules.gradeFor(h.assessmentScore());
        String why = grade == null ? null : veto ? "全年经确认多支付金额 " + amount(overpayment) + " 元达到统筹基金支付额 " + amount(fund)
                + " 元的 " + permille(rules.vetoShare()) + "（一票否决），考核视为" + grade.name()
                : "年度考核 " + plain(h.assessmentScore()) + " 分，等次" + grade.name();
        BigDecimal withheld = h.depositWithheld() == null ? zero() : h.depositWithheld().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal forfeited = zero();
        BigDecimal gradeDeduction = zero();
        BigDecimal nextYear = zero();
        if (rules.gradesOnAnnualTotal()) {
            if (grade != null && h.agreedTotal() != null) {
                gradeDeduction = h.agreedTotal().multiply(grade.deductionShare()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
                nextYear = h.agreedTotal().multiply(grade.nextYearReductionShare()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
                if (gradeDeduction.signum() > 0) {
                    lines.add(new StatementLine(LineKind.ANNUAL_TOTAL_DEDUCTION, LineKind.ANNUAL_TOTAL_DEDUCTION.label(),
                            StatementLine.PARAMETER, veto ? "clearing.vetoShare" : "clearing.grades", null, null, null, null,
                            gradeDeduction.negate(), why + "：扣减约定年度总额 " + amount(h.agreedTotal()) + " 元的 "
                            + percent(grade.deductionShare()) + " = " + amount(gradeDeduction) + " 元"));
                }
                if (nextYear.signum() > 0) {
                    lines.add(new StatementLine(LineKind.NEXT_YEAR_REDUCTION, LineKind.NEXT_YEAR_REDUCTION.label(),
                            StatementLine.PARAMETER, "clearing.grades", null, null, null, null, nextYear.negate(),
                            why + "：次年约定总额降低 " + percent(grade.nextYearReductionShare()) + " = " + amount(nextYear)
                            + " 元（下一年度执行，不计入本结算余额）"));
                }
            } else if (grade != null && grade.deductionShare().signum() > 0) {
                notes.add("医院 " + code + " 未导入约定年度总额，考核等次" + grade.name() + "的扣减无法计算");
            }
        } else if (grade == null) {
            if (withheld.signum() > 0) {
                lines.add(new StatementLine(LineKind.DEPOSIT_HELD, LineKind.DEPOSIT_HELD.label(), StatementLine.PARAMETER,
                        "clearing.grades", null, null, null, null, withheld.negate(),
                        "未导入本年度考核结果，质量保证金 " + amount(withheld) + " 元暂缓返还（导入考核分数后重新计算）"));
            }
        } else if (withheld.signum() > 0) {
            forfeited = withheld.multiply(grade.deductionShare()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            gradeDeduction = forfeited;
            lines.add(new StatementLine(LineKind.DEPOSIT_FORFEITED, LineKind.DEPOSIT_FORFEITED.label(), StatementLine.PARAMETER,
                    veto ? "clearing.vetoShare" : "clearing.grades", null, null, null, null, forfeited.negate(),
                    why + "：质量保证金 " + amount(withheld) + " 元扣减 " + percent(grade.deductionShare()) + " = " + amount(forfeited)
                            + " 元，其余 " + amount(withheld.subtract(forfeited)) + " 元返还"));
        }
        BigDecimal deductions = sum(lines.stream().filter(l -> l.kind().deduction()).map(StatementLine::amount).toList()).negate();
        BigDecimal advances = h.advancesPaid() == null ? zero() : h.advancesPaid().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal balance = due.subtract(deductions).subtract(advances);
        BigDecimal points = rules.method() == PaymentTerms.Method.POINT
                ? sum(lines.stream().filter(l -> l.kind().partOfDue() && l.points() != null).map(StatementLine::points).toList()) : null;
        return new Statement(code, h.name(), h.coefficient(), caseCounts.getOrDefault(code, 0), points, due, money(overpayment),
                money(penalties), money(refunds), money(overpayment.add(penalties)), fund, veto, h.assessmentScore(),
                grade == null ? null : grade.name(), withheld, forfeited, h.agreedTotal(), gradeDeduction, nextYear, deductions,
                advances, balance, List.copyOf(lines));
    }

    private static BigDecimal total(List<StatementLine> lines, LineKind kind) {
        return sum(lines.stream().filter(l -> l.kind() == kind).map(StatementLine::amount).toList());
    }

    // ---------------------------------------------------------------------------------------------
    // Lines and numbers
    // ---------------------------------------------------------------------------------------------

    /** A valuation line: points under the point method (amount set once the point value is known), money under the rate method. */
    private StatementLine line(LineKind kind, String sourceType, String sourceId, String caseId, String group, Integer count,
                               BigDecimal value, String explanation) {
        boolean points = rules.method() == PaymentTerms.Method.POINT;
        return new StatementLine(kind, kind.label(), sourceType, sourceId, caseId, group, count, points ? value : null,
                points ? null : value.setScale(MONEY_SCALE, RoundingMode.HALF_UP), explanation);
    }

    private String formula(GroupEntry g, String insurance, BigDecimal coefficient) {
        if (rules.method() == PaymentTerms.Method.POINT) {
            return "权重 " + plain(g.weight()) + " × " + plain(terms.pointsPerWeight()) + " × 医院系数 " + plain(coefficient);
        }
        return "权重 " + plain(g.weight()) + " × 基础费率 " + amount(terms.baseRate(insurance)) + " 元（"
                + INSURANCE.getOrDefault(insurance, insurance) + "）× 医院系数 " + plain(coefficient);
    }

    private static String insurance(CaseFacts c) {
        return c.insuranceType() == null ? "EMPLOYEE" : c.insuranceType();
    }

    private BigDecimal round(BigDecimal v) {
        return v.setScale(rules.method() == PaymentTerms.Method.POINT ? POINT_SCALE : MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private String unit() {
        return rules.method() == PaymentTerms.Method.POINT ? " 点" : " 元";
    }

    private String unitName() {
        return rules.method() == PaymentTerms.Method.POINT ? "点数" : "金额";
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(MONEY_SCALE);
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String amount(BigDecimal v) {
        return v.setScale(MONEY_SCALE, RoundingMode.HALF_UP).toPlainString();
    }

    private static String percent(BigDecimal share) {
        return plain(share.movePointRight(2)) + "%";
    }

    private static String permille(BigDecimal share) {
        return plain(share.movePointRight(3)) + "‰";
    }
}
