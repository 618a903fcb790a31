package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drgaudit.knowledge.GroupEntry;

/**
 * The arithmetic of year-end clearing, with no database: values every hospital's cases by the point or
 * the rate method, turns confirmed findings into point (or money) corrections, shares the distributable
 * budget out by points so that the amounts due add up to it to the cent, then takes off money deductions,
 * campaign extrapolations and the quality deposit forfeited by the assessment grade or the one-vote veto.
 *
 * <p>Feed it hospitals, confirmed findings and extrapolations first, then the year's cases (streamed: only
 * cases named by a finding or paid below the incomplete-stay ratio are kept one by one; the rest are
 * counted per group), and cases named by findings but settled outside the year with {@link #knowCase}.
 */
public final class ClearingCalculator {

    static final int POINT_SCALE = 4;
    static final int MONEY_SCALE = 2;
    private static final MathContext PRECISE = MathContext.DECIMAL128;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final Map<String, String> FAMILIES = Map.of("high-coding", "高套分组", "mismatch", "诊断与操作不符",
            "split-admission", "分解住院", "too-little-service", "服务不足", "data-quality", "数据质量", "special-case", "特例单议");
    private static final Map<String, String> INSURANCE = Map.of("EMPLOYEE", "职工", "RESIDENT", "居民");

    private final ClearingRules rules;
    private final Map<String, GroupEntry> catalogue;
    private final Map<String, HospitalAccount> hospitals = new TreeMap<>();
    private final Map<String, Map<String, Integer>> ordinary = new HashMap<>();
    private final Map<String, List<CaseFacts>> incomplete = new HashMap<>();
    private final Map<String, Map<String, Integer>> ungrouped = new HashMap<>();
    private final Map<String, BigDecimal> fundPayments = new HashMap<>();
    private final Map<String, Integer> caseCounts = new HashMap<>();
    private final Map<Long, ConfirmedFinding> findings = new LinkedHashMap<>();
    private final List<ConfirmedFinding> randomCases = new ArrayList<>();
    private final Set<String> referenced = new HashSet<>();
    private final Map<String, CaseFacts> facts = new HashMap<>();
    private final List<CampaignExtrapolation> extrapolations = new ArrayList<>();

    public ClearingCalculator(ClearingRules rules, Map<String, GroupEntry> catalogue) {
        this.rules = rules;
        this.catalogue = catalogue;
    }

    public void addHospital(HospitalAccount h) {
        hospitals.put(h.hospitalCode(), h);
    }

    /** A confirmed review outcome; a finding given twice (reviewed in two campaigns) counts once, the first given. */
    public void addConfirmed(ConfirmedFinding f) {
        if (f.caseIds().isEmpty()) {
            throw new IllegalArgumentException("Confirmed review item " + f.reviewItemId() + " names no case");
        }
        if (f.findingId() == null) {
            randomCases.add(f);
        } else {
            findings.putIfAbsent(f.findingId(), f);
        }
        referenced.addAll(f.caseIds());
    }

    public void addExtrapolation(CampaignExtrapolation e) {
        extrapolations.add(e);
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
            ungrouped.computeIfAbsent(c.hospitalCode(), k -> new TreeMap<>()).merge(String.valueOf(c.groupCode()), 1, Integer::sum);
        } else if (incompleteStay(c, g)) {
            incomplete.computeIfAbsent(c.hospitalCode(), k -> new ArrayList<>()).add(c);
        } else {
            String key = rules.method() == ClearingRules.Method.RATE ? g.code() + "|" + c.insuranceType() : g.code();
            ordinary.computeIfAbsent(c.hospitalCode(), k -> new TreeMap<>()).merge(key, 1, Integer::sum);
        }
    }

    /** A case a finding names that was settled outside the clearing year: known, not valued again. */
    public void knowCase(CaseFacts c) {
        facts.put(c.caseId(), c);
    }

    public ClearingResult compute() {
        Map<String, List<StatementLine>> lines = new TreeMap<>();
        hospitals.keySet().forEach(h -> lines.put(h, new ArrayList<>()));
        hospitals.keySet().forEach(h -> valueCases(h, lines.get(h)));
        priceFindings(lines);

        Map<String, BigDecimal> due = new TreeMap<>();
        BigDecimal totalPoints = null;
        BigDecimal pointValue = null;
        BigDecimal distributable = null;
        if (rules.method() == ClearingRules.Method.POINT) {
            distributable = rules.distributable();
            Map<String, BigDecimal> points = new TreeMap<>();
            lines.forEach((h, ls) -> points.put(h, sum(ls.stream().filter(l -> l.points() != null).map(StatementLine::points).toList())));
            totalPoints = sum(List.copyOf(points.values()));
            if (totalPoints.signum() <= 0) {
                throw new IllegalStateException("The hospitals of the clearing have no points; there is nothing to share the budget by");
            }
            BigDecimal precise = distributable.divide(totalPoints, PRECISE);
            pointValue = precise.setScale(10, RoundingMode.HALF_UP);
            due.putAll(allocate(distributable, points, totalPoints));
            for (var e : lines.entrySet()) {
                List<StatementLine> ls = e.getValue();
                ls.replaceAll(l -> l.points() == null ? l : l.withAmount(money(l.points().multiply(precise, PRECISE))));
                BigDecimal residual = due.get(e.getKey()).subtract(sum(ls.stream().filter(l -> l.kind().partOfDue())
                        .map(StatementLine::amount).toList()));
                if (residual.signum() != 0) {
                    ls.add(new StatementLine(LineKind.ROUNDING, LineKind.ROUNDING.label(), StatementLine.PARAMETER, "pointValue",
                            null, null, null, null, residual, "点值 " + plain(pointValue) + " 元/点；各院应付金额按点数分配可分配总额，"
                            + "取整到分后的余分按最大余额法分配，本院逐行金额与应付金额之差 " + amount(residual) + " 元"));
                }
            }
        } else {
            lines.forEach((h, ls) -> due.put(h, sum(ls.stream().filter(l -> l.kind().partOfDue()).map(StatementLine::amount).toList())));
        }

        List<Statement> statements = new ArrayList<>();
        for (var e : lines.entrySet()) {
            statements.add(settle(hospitals.get(e.getKey()), e.getValue(), due.get(e.getKey()), pointValue));
        }
        BigDecimal totalDue = sum(statements.stream().map(Statement::amountDue).toList());
        BigDecimal totalBalance = sum(statements.stream().map(Statement::balance).toList());
        return new ClearingResult(rules.method(), rules.method() == ClearingRules.Method.POINT ? rules.annualBudget() : null,
                distributable, totalPoints, pointValue, totalDue, totalBalance, statements);
    }

    // ---------------------------------------------------------------------------------------------
    // Valuing the year's cases
    // ---------------------------------------------------------------------------------------------

    private void valueCases(String hospital, List<StatementLine> out) {
        BigDecimal coefficient = hospitals.get(hospital).coefficient();
        ordinary.getOrDefault(hospital, Map.of()).forEach((key, count) -> {
            String[] parts = key.split("\\|", -1);
            GroupEntry g = catalogue.get(parts[0]);
            String insurance = parts.length > 1 ? parts[1] : null;
            BigDecimal each = round(full(g, insurance, coefficient));
            BigDecimal value = each.multiply(BigDecimal.valueOf(count));
            String explanation = g.code() + " " + g.name() + "：普通病例 " + count + " 例 × " + formula(g, insurance, coefficient)
                    + " = " + count + " × " + plain(each) + " = " + plain(value) + unit();
            out.add(line(LineKind.ORDINARY_CASES, StatementLine.GROUP, g.code(), null, g.code(), count, value, explanation));
        });
        incomplete.getOrDefault(hospital, List.of()).stream().sorted(Comparator.comparing(CaseFacts::caseId)).forEach(c -> {
            GroupEntry g = catalogue.get(c.groupCode());
            BigDecimal value = caseValue(c, g, coefficient);
            String explanation = "病例 " + c.caseId() + "（" + g.code() + "）总费用 " + amount(c.totalCost()) + " 元低于标准费用 "
                    + amount(g.standardCost()) + " 元的 " + percent(rules.incompleteStayCostRatio()) + "，按实际费用 ÷ 标准费用折算："
                    + formula(g, c.insuranceType(), coefficient) + " × (" + amount(c.totalCost()) + " ÷ " + amount(g.standardCost())
                    + ") = " + plain(value) + unit() + "（不超过全额）";
            out.add(line(LineKind.INCOMPLETE_STAY, StatementLine.CASE, c.caseId(), c.caseId(), g.code(), 1, value, explanation));
        });
        ungrouped.getOrDefault(hospital, Map.of()).forEach((code, count) -> out.add(line(LineKind.UNGROUPED, StatementLine.GROUP, code,
                null, code, count, BigDecimal.ZERO, "病组 " + code + " 不在本年度病组目录中，" + count + " 例未计" + unitName()
                        + "，按特例单议另行处理")));
    }

    /** The full value of a case of the group: base points × coefficient, or weight × base rate × coefficient. */
    private BigDecimal full(GroupEntry g, String insurance, BigDecimal coefficient) {
        return base(g, insurance).multiply(coefficient);
    }

    /** Base points (weight × points per weight) or base payment (weight × base rate), without the coefficient. */
    private BigDecimal base(GroupEntry g, String insurance) {
        return rules.method() == ClearingRules.Method.POINT ? g.weight().multiply(rules.pointsPerWeight())
                : g.weight().multiply(rules.baseRate(insurance));
    }

    private boolean incompleteStay(CaseFacts c, GroupEntry g) {
        return c.totalCost() != null && c.totalCost().compareTo(g.standardCost().multiply(rules.incompleteStayCostRatio())) < 0;
    }

    /** A case's value by a group: full, or scaled by actual ÷ standard cost below the incomplete-stay ratio (capped at full). */
    private BigDecimal caseValue(CaseFacts c, GroupEntry g, BigDecimal coefficient) {
        BigDecimal full = full(g, c.insuranceType(), coefficient);
        if (!incompleteStay(c, g)) {
            return round(full);
        }
        BigDecimal ratio = c.totalCost().divide(g.standardCost(), PRECISE).min(BigDecimal.ONE);
        return round(full.multiply(ratio));
    }

    // ---------------------------------------------------------------------------------------------
    // Confirmed findings
    // ---------------------------------------------------------------------------------------------

    private void priceFindings(Map<String, List<StatementLine>> lines) {
        Map<String, String> caseSettledBy = new HashMap<>();
        Set<String> earlierStaysScaled = new HashSet<>();
        // Of the findings on one case, the one with the highest penalty multiple settles it (then the lowest id),
        // so the result does not depend on the order findings were numbered in; the others are noted, not priced.
        Map<String, ConfirmedFinding> lead = new HashMap<>();
        Comparator<ConfirmedFinding> precedence = Comparator.comparing((ConfirmedFinding f) -> rules.penaltyMultiple(f.family()))
                .reversed().thenComparing(ConfirmedFinding::findingId);
        findings.values().stream().filter(f -> !f.splitAdmission() || f.caseIds().size() < 2)
                .forEach(f -> lead.merge(f.reviewedCase(), f, (a, b) -> precedence.compare(a, b) <= 0 ? a : b));
        Set<ConfirmedFinding> leads = new HashSet<>(lead.values());
        List<ConfirmedFinding> ordered = new ArrayList<>(findings.values());
        ordered.sort(Comparator.comparing((ConfirmedFinding f) -> leads.contains(f) || f.splitAdmission() ? 0 : 1)
                .thenComparing(ConfirmedFinding::findingId));
        randomCases.stream().sorted(Comparator.comparingLong(ConfirmedFinding::reviewItemId)).forEach(ordered::add);
        for (ConfirmedFinding f : ordered) {
            String sourceType = f.findingId() == null ? StatementLine.CASE : StatementLine.FINDING;
            String sourceId = f.findingId() == null ? f.reviewedCase() : String.valueOf(f.findingId());
            String what = f.findingId() == null ? "抽查病例 " + f.reviewedCase() + "（审核 #" + f.reviewItemId() + "）"
                    : "疑点 #" + f.findingId() + "（" + f.ruleId() + " " + FAMILIES.getOrDefault(f.family(), f.family()) + "）";
            if (f.splitAdmission() && f.caseIds().size() > 1) {
                for (String earlier : f.caseIds().subList(0, f.caseIds().size() - 1)) {
                    CaseFacts c = known(earlier, f);
                    List<StatementLine> target = statementOf(lines, c);
                    if (!earlierStaysScaled.add(earlier)) {
                        target.add(line(LineKind.SAME_CASE, sourceType, sourceId, earlier, c.groupCode(), null, zero(),
                                what + "：前次住院 " + earlier + " 已按另一分解住院疑点折算，不重复扣减"));
                        continue;
                    }
                    // an earlier stay that a confirmed finding of its own moved to another group is halved at that group
                    ConfirmedFinding own = lead.get(earlier);
                    GroupEntry regrouped = own == null || own.correctGroup() == null ? null : catalogue.get(own.correctGroup());
                    GroupEntry g = regrouped != null ? regrouped : catalogue.get(c.groupCode());
                    if (g == null) {
                        target.add(line(LineKind.SAME_CASE, sourceType, sourceId, earlier, c.groupCode(), null, zero(),
                                what + "：前次住院 " + earlier + " 的病组 " + c.groupCode() + " 不在目录中，未计" + unitName() + "，无可折算"));
                        continue;
                    }
                    BigDecimal value = caseValue(c, g, hospitals.get(c.hospitalCode()).coefficient());
                    BigDecimal cut = round(value.multiply(BigDecimal.ONE.subtract(rules.splitEarlierStayFactor())));
                    target.add(line(LineKind.SPLIT_EARLIER_STAY, sourceType, sourceId, earlier, g.code(), null, cut.negate(),
                            what + "经确认：前次住院 " + earlier + "（" + g.code() + "，" + plain(value) + unit() + "）按 "
                                    + plain(rules.splitEarlierStayFactor()) + " 支付，扣减 " + plain(value) + " × (1 − "
                                    + plain(rules.splitEarlierStayFactor()) + ") = " + plain(cut) + unit()));
                }
                continue;
            }
            CaseFacts c = known(f.reviewedCase(), f);
            List<StatementLine> target = statementOf(lines, c);
            String first = caseSettledBy.putIfAbsent(c.caseId(), what);
            if (first != null) {
                target.add(line(LineKind.SAME_CASE, sourceType, sourceId, c.caseId(), c.groupCode(), null, zero(),
                        what + "经确认；病例 " + c.caseId() + " 已按" + first + "扣减，不重复扣减"));
                continue;
            }
            settleCase(f, c, what, sourceType, sourceId, target);
        }
    }

    /** The case-level consequence of a confirmed finding: pay by the correct group, the penalty, or the confirmed money. */
    private void settleCase(ConfirmedFinding f, CaseFacts c, String what, String sourceType, String sourceId,
                            List<StatementLine> target) {
        BigDecimal coefficient = hospitals.get(c.hospitalCode()).coefficient();
        GroupEntry claimed = catalogue.get(c.groupCode());
        GroupEntry correct = f.correctGroup() == null ? null : catalogue.get(f.correctGroup());
        boolean priced = false;
        String note = "";
        if (claimed != null && correct != null && !correct.code().equals(claimed.code())) {
            BigDecimal was = caseValue(c, claimed, coefficient);
            BigDecimal now = caseValue(c, correct, coefficient);
            BigDecimal change = now.subtract(was);
            target.add(line(LineKind.REGROUP, sourceType, sourceId, c.caseId(), correct.code(), null, change,
                    what + "经确认应入 " + correct.code() + "：原病组 " + claimed.code() + " " + plain(was) + unit() + "清零（−"
                            + plain(was) + "），按 " + correct.code() + " 支付 +" + plain(now) + "，合计 " + signed(change) + unit()));
            priced = true;
        } else if (f.correctGroup() != null && correct == null) {
            note = "（认定的正确病组 " + f.correctGroup() + " 不在病组目录中，无法按正确病组支付）";
        }
        BigDecimal multiple = rules.penaltyMultiple(f.family());
        if (claimed != null && multiple.signum() > 0) {
            BigDecimal base = base(claimed, c.insuranceType());
            BigDecimal penalty = round(multiple.multiply(base));
            target.add(line(LineKind.PENALTY, sourceType, sourceId, c.caseId(), claimed.code(), null, penalty.negate(),
                    what + "违规扣" + unitName() + "：" + plain(multiple) + " × 原病组 " + claimed.code() + " 基准" + unitName() + " "
                            + plain(round(base)) + " = " + plain(penalty) + unit() + "（不乘医院系数）" + note));
            priced = true;
        }
        if (!priced) {
            BigDecimal money = f.confirmedAmount() == null ? zero() : f.confirmedAmount().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            target.add(new StatementLine(LineKind.CONFIRMED_AMOUNT, LineKind.CONFIRMED_AMOUNT.label(), sourceType, sourceId,
                    c.caseId(), c.groupCode(), null, null, money.negate(),
                    what + "经确认，按违规处理认定金额扣款 " + amount(money) + " 元" + note));
        }
    }

    private CaseFacts known(String caseId, ConfirmedFinding f) {
        CaseFacts c = facts.get(caseId);
        if (c == null) {
            throw new IllegalStateException("Case " + caseId + " named by confirmed review item " + f.reviewItemId()
                    + " is unknown to the clearing");
        }
        return c;
    }

    private List<StatementLine> statementOf(Map<String, List<StatementLine>> lines, CaseFacts c) {
        List<StatementLine> target = lines.get(c.hospitalCode());
        if (target == null) {
            throw new IllegalStateException("Case " + c.caseId() + " belongs to hospital " + c.hospitalCode()
                    + ", which is not in the clearing");
        }
        return target;
    }

    // ---------------------------------------------------------------------------------------------
    // Sharing the budget, deductions, deposit, balance
    // ---------------------------------------------------------------------------------------------

    /**
     * Each hospital's share of the distributable budget by its points, to the cent, adding up to the budget
     * exactly: every share is rounded down and the cents left over go one each to the largest remainders
     * (ties by hospital code).
     */
    static Map<String, BigDecimal> allocate(BigDecimal distributable, Map<String, BigDecimal> points, BigDecimal totalPoints) {
        Map<String, BigDecimal> floors = new TreeMap<>();
        Map<String, BigDecimal> remainders = new TreeMap<>();
        points.forEach((h, p) -> {
            BigDecimal exact = p.multiply(distributable).divide(totalPoints, PRECISE);
            BigDecimal floor = exact.setScale(MONEY_SCALE, RoundingMode.FLOOR);
            floors.put(h, floor);
            remainders.put(h, exact.subtract(floor));
        });
        BigDecimal left = distributable.subtract(sum(List.copyOf(floors.values())));
        int cents = left.divide(CENT, 0, RoundingMode.HALF_UP).intValueExact();
        remainders.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(cents)
                .forEach(e -> floors.merge(e.getKey(), CENT, BigDecimal::add));
        return floors;
    }

    private Statement settle(HospitalAccount h, List<StatementLine> lines, BigDecimal due, BigDecimal pointValue) {
        String code = h.hospitalCode();
        for (CampaignExtrapolation e : extrapolations) {
            if (!e.hospitalCode().equals(code) || e.lowerBound() == null) {
                continue;
            }
            BigDecimal already = sum(lines.stream().filter(l -> l.kind().findingCost() && l.caseId() != null
                    && e.sampledConfirmedCases().contains(l.caseId())).map(StatementLine::amount).toList()).negate();
            BigDecimal deduction = e.lowerBound().subtract(already).max(BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            lines.add(new StatementLine(LineKind.EXTRAPOLATION, LineKind.EXTRAPOLATION.label(), StatementLine.CAMPAIGN,
                    String.valueOf(e.campaignId()), null, null, null, null, deduction.negate(),
                    "专项抽查「" + e.campaignName() + "」(#" + e.campaignId() + ") 外推多付金额单侧 90% 置信下限 " + amount(e.lowerBound())
                            + " 元，减去样本中已逐例扣减的 " + amount(already) + " 元，扣款 " + amount(deduction) + " 元（不为负）"));
        }
        BigDecimal findingsCost = sum(lines.stream().filter(l -> l.kind().findingCost()).map(StatementLine::amount).toList()).negate();
        BigDecimal fund = fundPayments.getOrDefault(code, BigDecimal.ZERO).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal threshold = fund.multiply(rules.vetoShare());
        boolean veto = findingsCost.signum() > 0 && fund.signum() > 0 && findingsCost.compareTo(threshold) >= 0;
        ClearingRules.Grade grade = veto ? rules.grade(rules.vetoGrade())
                : h.assessmentScore() == null ? null : rules.gradeFor(h.assessmentScore());
        BigDecimal withheld = h.depositWithheld() == null ? zero() : h.depositWithheld().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal forfeited = zero();
        if (grade == null) {
            if (withheld.signum() > 0) {
                lines.add(new StatementLine(LineKind.DEPOSIT_HELD, LineKind.DEPOSIT_HELD.label(), StatementLine.PARAMETER,
                        "clearing.grades", null, null, null, null, withheld.negate(),
                        "未导入本年度考核结果，质量保证金 " + amount(withheld) + " 元暂缓返还（导入考核分数后重新计算）"));
            }
        } else if (withheld.signum() > 0) {
            forfeited = withheld.multiply(grade.deductionShare()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            String why = veto ? "全年经确认违规金额 " + amount(findingsCost) + " 元达到统筹基金支付额 " + amount(fund) + " 元的 "
                    + permille(rules.vetoShare()) + "（一票否决），考核视为" + grade.name()
                    : "年度考核 " + plain(h.assessmentScore()) + " 分，等次" + grade.name();
            lines.add(new StatementLine(LineKind.DEPOSIT_FORFEITED, LineKind.DEPOSIT_FORFEITED.label(), StatementLine.PARAMETER,
                    veto ? "clearing.vetoShare" : "clearing.grades", null, null, null, null, forfeited.negate(),
                    why + "：质量保证金 " + amount(withheld) + " 元扣减 " + percent(grade.deductionShare()) + " = " + amount(forfeited)
                            + " 元，其余 " + amount(withheld.subtract(forfeited)) + " 元返还"));
        }
        BigDecimal deductions = sum(lines.stream().filter(l -> !l.kind().partOfDue()).map(StatementLine::amount).toList()).negate();
        BigDecimal advances = h.advancesPaid() == null ? zero() : h.advancesPaid().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal balance = due.subtract(deductions).subtract(advances);
        BigDecimal points = rules.method() == ClearingRules.Method.POINT
                ? sum(lines.stream().filter(l -> l.points() != null).map(StatementLine::points).toList()) : null;
        return new Statement(code, h.name(), h.coefficient(), caseCounts.getOrDefault(code, 0), points, due, findingsCost, fund,
                veto, h.assessmentScore(), grade == null ? null : grade.name(), withheld, forfeited, deductions, advances, balance,
                List.copyOf(lines));
    }

    // ---------------------------------------------------------------------------------------------
    // Lines and numbers
    // ---------------------------------------------------------------------------------------------

    /** A valuation line: points under the point method (amount set once the point value is known), money under the rate method. */
    private StatementLine line(LineKind kind, String sourceType, String sourceId, String caseId, String group, Integer count,
                               BigDecimal value, String explanation) {
        boolean points = rules.method() == ClearingRules.Method.POINT;
        return new StatementLine(kind, kind.label(), sourceType, sourceId, caseId, group, count, points ? value : null,
                points ? null : value.setScale(MONEY_SCALE, RoundingMode.HALF_UP), explanation);
    }

    private String formula(GroupEntry g, String insurance, BigDecimal coefficient) {
        if (rules.method() == ClearingRules.Method.POINT) {
            return "权重 " + plain(g.weight()) + " × " + plain(rules.pointsPerWeight()) + " × 医院系数 " + plain(coefficient);
        }
        return "权重 " + plain(g.weight()) + " × 基础费率 " + amount(rules.baseRate(insurance)) + " 元（"
                + INSURANCE.getOrDefault(insurance, insurance) + "）× 医院系数 " + plain(coefficient);
    }

    private BigDecimal round(BigDecimal v) {
        return v.setScale(rules.method() == ClearingRules.Method.POINT ? POINT_SCALE : MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private String unit() {
        return rules.method() == ClearingRules.Method.POINT ? " 点" : " 元";
    }

    private String unitName() {
        return rules.method() == ClearingRules.Method.POINT ? "点数" : "金额";
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

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + plain(v);
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
