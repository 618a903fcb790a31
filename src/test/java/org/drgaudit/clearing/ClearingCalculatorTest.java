package org.drgaudit.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PaymentTerms;
import org.junit.jupiter.api.Test;

/**
 * The clearing arithmetic without a database: the worked example of docs/clearing.md (REFERENCE's example with the
 * findings settled at their decided amounts) to the point and to the cent, exactly the decided numbers on the
 * statement, the budget shared out exactly, a point-value ceiling and overspend sharing, the rate method with and
 * without the patient's share netted, the deposit or the agreed annual total by grade, the one-vote veto on confirmed
 * overpayment only, and extrapolations net of what the sample already recovers.
 */
class ClearingCalculatorTest {

    private static final GroupEntry X = new GroupEntry("XX11", "演示组 X", new BigDecimal("4.0"), new BigDecimal("40000"), BigDecimal.TEN);
    private static final GroupEntry Y = new GroupEntry("YY15", "演示组 Y", new BigDecimal("0.6"), new BigDecimal("6000"), BigDecimal.TEN);
    private static final GroupEntry Z = new GroupEntry("ZZ19", "演示组 Z", new BigDecimal("1.0"), new BigDecimal("10000"), BigDecimal.TEN);
    private static final GroupEntry U = new GroupEntry("UU19", "演示组 U", new BigDecimal("0.74"), new BigDecimal("7400"), BigDecimal.TEN);
    private static final Map<String, GroupEntry> CATALOGUE = Map.of(X.code(), X, Y.code(), Y, Z.code(), Z, U.code(), U);

    private static final List<ClearingRules.Grade> GRADES = List.of(
            new ClearingRules.Grade("优秀", new BigDecimal("90"), BigDecimal.ZERO, BigDecimal.ZERO),
            new ClearingRules.Grade("良好", new BigDecimal("70"), BigDecimal.ZERO, BigDecimal.ZERO),
            new ClearingRules.Grade("合格", new BigDecimal("60"), new BigDecimal("0.10"), BigDecimal.ZERO),
            new ClearingRules.Grade("不合格", BigDecimal.ZERO, new BigDecimal("0.30"), new BigDecimal("0.10")));

    /** 10,000 CNY per weight for employees (a pricing point value of 100 CNY), 8,000 for residents; low cost paid by ratio below 40%. */
    private static PaymentTerms terms(PaymentTerms.Method method, boolean netPatientShare) {
        return new PaymentTerms(method, Map.of("EMPLOYEE", new BigDecimal("10000.00"), "RESIDENT", new BigDecimal("8000.00")),
                new BigDecimal("100"), new BigDecimal("0.40"), netPatientShare);
    }

    private static ClearingRules rules(PaymentTerms terms, String budget, String ceiling, String overspendShare, String consequence) {
        return new ClearingRules(terms, new BigDecimal(budget), new BigDecimal("0.05"), ceiling == null ? null : new BigDecimal(ceiling),
                overspendShare == null ? null : new BigDecimal(overspendShare), consequence, GRADES, new BigDecimal("0.005"), "不合格");
    }

    private static ClearingRules pointRules(String budget) {
        return rules(terms(PaymentTerms.Method.POINT, false), budget, null, null, "DEPOSIT");
    }

    private static CaseFacts c(String id, String hospital, GroupEntry g, String cost, String fund) {
        return new CaseFacts(id, hospital, g.code(), "EMPLOYEE", new BigDecimal(cost), new BigDecimal(fund),
                new BigDecimal(cost).subtract(new BigDecimal(fund)).max(BigDecimal.ZERO));
    }

    private static ConfirmedFinding decision(long id, Long finding, String rule, String family, String hospital, List<String> cases,
                                             String group, String overpayment, String refund, String severity, String multiple,
                                             String base, String penalty) {
        return new ConfirmedFinding(id, finding, rule, family, hospital, cases, group, new BigDecimal(overpayment),
                refund == null ? null : new BigDecimal(refund), severity, new BigDecimal(multiple), base, new BigDecimal(penalty), id, 1);
    }

    private static HospitalAccount account(String code, String coefficient, String advances, String deposit, String score) {
        return new HospitalAccount(code, "医院 " + code, new BigDecimal(coefficient), new BigDecimal(advances), new BigDecimal(deposit),
                score == null ? null : new BigDecimal(score), null);
    }

    /**
     * Hospital H of the worked example and the rest of the region as hospital O, so that all hospitals together earn
     * 9,500,000 points. The reviewer confirmed: the upcoded X-0 (should be Y) at 35,700 CNY with severity 严重 (2 × the
     * base points of X, 80,000 CNY); two split pairs among the Y cases, each earlier stay paid at half (3,150 CNY each),
     * severity 一般 (no penalty). H's fund payments are 25,210,000 (5‰ = 126,050).
     */
    private static ClearingCalculator workedExample(String score) {
        ClearingCalculator calc = new ClearingCalculator(pointRules("1000000000"), CATALOGUE);
        calc.addHospital(account("H", "1.05", "23500000.00", "726804.00", score));
        calc.addHospital(account("O", "1.00", "0", "0", "80"));
        calc.addConfirmed(decision(11, 101L, "HC-01", "high-coding", "H", List.of("X-0"), "YY15", "35700.00", null, "严重", "2",
                "BASE_POINTS", "80000.00"));
        calc.addConfirmed(decision(12, 102L, "SA-01", "split-admission", "H", List.of("Y-0", "Y-1"), null, "3150.00", null, "一般",
                "0", "OVERPAYMENT", "0.00"));
        calc.addConfirmed(decision(13, 103L, "SA-01", "split-admission", "H", List.of("Y-2", "Y-3"), null, "3150.00", null, "一般",
                "0", "OVERPAYMENT", "0.00"));
        for (int i = 0; i < 300; i++) {
            calc.addCase(c("X-" + i, "H", X, "40000", "36000"));
        }
        calc.addCase(c("X-LOW", "H", X, "12000", "10000"));
        for (int i = 0; i < 2000; i++) {
            calc.addCase(c("Y-" + i, "H", Y, "6000", "7200"));
        }
        for (int i = 0; i < 92_478; i++) {
            calc.addCase(c("Z-" + i, "O", Z, "10000", "8000"));
        }
        calc.addCase(c("U-0", "O", U, "7400", "6000"));
        return calc;
    }

    private static Statement statement(ClearingResult r, String hospital) {
        return r.statements().stream().filter(s -> s.hospitalCode().equals(hospital)).findFirst().orElseThrow();
    }

    private static List<StatementLine> lines(Statement s, LineKind kind) {
        return s.lines().stream().filter(l -> l.kind() == kind).toList();
    }

    private static BigDecimal total(Statement s, LineKind kind, boolean points) {
        return lines(s, kind).stream().map(points ? StatementLine::points : StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    @Test
    void theWorkedExampleComesOutToThePointAndTheCentWithTheDecidedAmountsOnTheStatement() {
        ClearingResult r = workedExample("85").compute();
        Statement h = statement(r, "H");

        assertMoney("950000000.00", r.distributable());
        assertMoney("9500000", r.totalPoints());
        assertMoney("100", r.pointValue());
        assertMoney("0.00", r.retained());

        StatementLine ordinaryX = lines(h, LineKind.ORDINARY_CASES).stream().filter(l -> "XX11".equals(l.groupCode())).findFirst().orElseThrow();
        StatementLine ordinaryY = lines(h, LineKind.ORDINARY_CASES).stream().filter(l -> "YY15".equals(l.groupCode())).findFirst().orElseThrow();
        assertEquals(300, ordinaryX.caseCount());
        assertMoney("126000", ordinaryX.points());
        assertEquals(2000, ordinaryY.caseCount());
        assertMoney("126000", ordinaryY.points());
        assertMoney("126", total(h, LineKind.INCOMPLETE_STAY, true));
        assertMoney("252126", h.points());
        assertMoney("25212600.00", h.amountDue());

        // each confirmed decision: exactly the decided yuan, with its points at the pricing point value beside it
        StatementLine upcoded = lines(h, LineKind.OVERPAYMENT).stream().filter(l -> "101".equals(l.sourceId())).findFirst().orElseThrow();
        assertMoney("-35700.00", upcoded.amount());
        assertMoney("-357", upcoded.points());
        assertEquals("X-0", upcoded.caseId());
        assertEquals("YY15", upcoded.groupCode());
        StatementLine penalty = lines(h, LineKind.PENALTY).get(0);
        assertMoney("-80000.00", penalty.amount());
        assertMoney("-800", penalty.points());
        assertTrue(penalty.explanation().contains("情节严重"), penalty.explanation());
        assertEquals(1, lines(h, LineKind.PENALTY).size(), "severity 一般 gives no penalty line");
        List<StatementLine> splits = lines(h, LineKind.OVERPAYMENT).stream().filter(l -> !"101".equals(l.sourceId())).toList();
        assertEquals(List.of("Y-1", "Y-3"), splits.stream().map(StatementLine::caseId).toList());
        splits.forEach(l -> assertMoney("-3150.00", l.amount()));
        splits.forEach(l -> assertMoney("-31.5", l.points()));

        assertMoney("42000.00", h.overpayment());
        assertMoney("80000.00", h.penalties());
        assertMoney("122000.00", h.findingsCost());
        assertMoney("122000.00", h.deductions());
        assertMoney("23500000.00", h.advancesPaid());
        assertFalse(h.veto());
        assertEquals("良好", h.grade());
        assertMoney("0.00", h.depositForfeited());
        assertMoney("1590600.00", h.balance());
        assertTrue(lines(h, LineKind.ROUNDING).isEmpty(), "point value 100 leaves no rounding");
        assertMoney("950000000.00", r.totalDue());
    }

    @Test
    void everyConfirmedDecisionAppearsOnceWithItsSourceAndAFindingGivenTwiceCountsOnce() {
        ClearingCalculator calc = workedExample("85");
        calc.addConfirmed(decision(99, 101L, "HC-01", "high-coding", "H", List.of("X-0"), "YY15", "1.00", null, "一般", "0",
                "OVERPAYMENT", "0.00"));
        Statement h = statement(calc.compute(), "H");
        Map<String, Long> byFinding = new TreeMap<>();
        h.lines().stream().filter(l -> StatementLine.FINDING.equals(l.sourceType()))
                .forEach(l -> byFinding.merge(l.sourceId() + "/" + l.kind(), 1L, Long::sum));
        assertEquals(Map.of("101/OVERPAYMENT", 1L, "101/PENALTY", 1L, "102/OVERPAYMENT", 1L, "103/OVERPAYMENT", 1L), byFinding);
        assertMoney("42000.00", h.overpayment());
    }

    @Test
    void aPassingGradeForfeitsTenPercentOfTheDepositAndAMissingScoreHoldsItBack() {
        Statement passing = statement(workedExample("65").compute(), "H");
        assertEquals("合格", passing.grade());
        assertMoney("72680.40", passing.depositForfeited());
        assertMoney("1517919.60", passing.balance());

        Statement missing = statement(workedExample(null).compute(), "H");
        assertNull(missing.grade());
        assertMoney("-726804.00", lines(missing, LineKind.DEPOSIT_HELD).get(0).amount());
        assertMoney("863796.00", missing.balance());
    }

    @Test
    void theVetoCountsConfirmedOverpaymentOnlyNeverPenaltiesOrRefunds() {
        // 40 Y cases: fund payments 40 × 6,000 = 240,000; 5‰ = 1,200
        ClearingCalculator below = vetoYear("1199.99", "50000.00", "9000.00");
        Statement h = statement(below.compute(), "H");
        assertFalse(h.veto(), "1,199.99 overpayment stays below 1,200 however large the penalty and refund");
        assertEquals("优秀", h.grade());
        assertMoney("0.00", h.depositForfeited());

        Statement vetoed = statement(vetoYear("1200.00", "0.00", null).compute(), "H");
        assertTrue(vetoed.veto());
        assertEquals("不合格", vetoed.grade());
        assertMoney("9000.00", vetoed.depositForfeited());
        assertTrue(lines(vetoed, LineKind.DEPOSIT_FORFEITED).get(0).explanation().contains("一票否决"));
    }

    private static ClearingCalculator vetoYear(String overpayment, String penalty, String refund) {
        ClearingCalculator calc = new ClearingCalculator(pointRules("1000000000"), CATALOGUE);
        calc.addHospital(account("H", "1.05", "1000000", "30000", "95"));
        calc.addConfirmed(decision(1, 1L, "TL-02", "too-little-service", "H", List.of("Y-0"), null, overpayment, refund, "严重", "2",
                "OVERPAYMENT", penalty));
        for (int i = 0; i < 40; i++) {
            calc.addCase(c("Y-" + i, "H", Y, "6000", "6000"));
        }
        return calc;
    }

    @Test
    void aPatientRefundIsShownAndOwedToThePatientNotDeductedForTheFund() {
        ClearingCalculator calc = new ClearingCalculator(pointRules("1000000"), CATALOGUE);
        calc.addHospital(account("H", "1.00", "0", "0", "80"));
        calc.addConfirmed(decision(7, 70L, "TL-04", "too-little-service", "H", List.of("Z-0"), null, "0.00", "1234.56", "一般", "0",
                "OVERPAYMENT", "0.00"));
        for (int i = 0; i < 10; i++) {
            calc.addCase(c("Z-" + i, "H", Z, "10000", "8000"));
        }
        Statement h = statement(calc.compute(), "H");
        StatementLine refund = lines(h, LineKind.PATIENT_REFUND).get(0);
        assertMoney("1234.56", refund.amount());
        assertMoney("1234.56", h.patientRefunds());
        assertMoney("0.00", h.overpayment());
        assertMoney("0.00", h.deductions());
        assertMoney(h.amountDue().toPlainString(), h.balance());
        assertEquals(1, lines(h, LineKind.OVERPAYMENT).size(), "a confirmed finding shows on the statement even at 0");
    }

    @Test
    void theAmountsDueAddUpToTheDistributableBudgetToTheCent() {
        Random random = new Random(20241231);
        for (int round = 0; round < 25; round++) {
            ClearingCalculator calc = new ClearingCalculator(pointRules(
                    String.valueOf(100_000_000 + random.nextInt(900_000_000)) + "." + random.nextInt(10) + random.nextInt(10)), CATALOGUE);
            int hospitals = 2 + random.nextInt(12);
            for (int h = 0; h < hospitals; h++) {
                calc.addHospital(new HospitalAccount("H" + h, "医院" + h, new BigDecimal(70 + random.nextInt(40)).movePointLeft(2),
                        BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("75"), null));
            }
            calc.addConfirmed(decision(1, 1L, "HC-01", "high-coding", "H0", List.of("c-0"), "YY15", "1.00", null, "一般", "0",
                    "OVERPAYMENT", "0.00"));
            List<GroupEntry> groups = List.of(X, Y, Z, U);
            for (int i = 0; i < 3000; i++) {
                GroupEntry g = groups.get(random.nextInt(groups.size()));
                BigDecimal cost = g.standardCost().multiply(new BigDecimal(20 + random.nextInt(200)).movePointLeft(2));
                calc.addCase(new CaseFacts("c-" + i, "H" + (i % hospitals), g.code(), "EMPLOYEE", cost, cost, BigDecimal.ZERO));
            }
            ClearingResult r = calc.compute();
            assertMoney(r.distributable().toPlainString(), r.totalDue());
            for (Statement s : r.statements()) {
                assertMoney(s.amountDue().toPlainString(), s.lines().stream().filter(l -> l.kind().partOfDue())
                        .map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
                assertMoney(s.points().toPlainString(), s.lines().stream().filter(l -> l.kind().partOfDue() && l.points() != null)
                        .map(StatementLine::points).reduce(BigDecimal.ZERO, BigDecimal::add));
                assertTrue(s.amountDue().subtract(s.points().multiply(r.pointValue())).abs().compareTo(new BigDecimal("0.02")) < 0,
                        "each hospital gets its points × point value within a cent or so");
            }
        }
    }

    @Test
    void largestRemaindersShareTheLeftoverCentsDeterministically() {
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        points.put("A", BigDecimal.ONE);
        points.put("B", BigDecimal.ONE);
        points.put("C", BigDecimal.ONE);
        Map<String, BigDecimal> due = ClearingCalculator.allocate(new BigDecimal("100.00"), points, new BigDecimal("3"));
        assertEquals(Map.of("A", new BigDecimal("33.34"), "B", new BigDecimal("33.33"), "C", new BigDecimal("33.33")), due);
    }

    @Test
    void aPointValueCeilingKeepsTheSurplusInTheFundSoTheRunClearsBelowTheBudget() {
        // 950,000,000 over 9,500,000 points would be 100 CNY a point; the ceiling is 95
        ClearingCalculator calc = new ClearingCalculator(rules(terms(PaymentTerms.Method.POINT, false), "1000000000", "95", null,
                "DEPOSIT"), CATALOGUE);
        calc.addHospital(account("A", "1.00", "0", "0", "80"));
        calc.addHospital(account("B", "1.00", "0", "0", "80"));
        for (int i = 0; i < 50_000; i++) {
            calc.addCase(c("A-" + i, "A", Z, "10000", "8000"));
        }
        for (int i = 0; i < 45_000; i++) {
            calc.addCase(c("B-" + i, "B", Z, "10000", "8000"));
        }
        ClearingResult r = calc.compute();
        assertMoney("95", r.pointValue());
        assertMoney("902500000.00", r.totalDue());
        assertMoney("47500000.00", r.retained());
        assertMoney("475000000.00", statement(r, "A").amountDue());
        assertTrue(r.notes().get(0).contains("结余"), r.notes().toString());
    }

    @Test
    void theRateMethodPaysByRateAndDeductsExactlyTheDecidedAmounts() {
        ClearingCalculator calc = new ClearingCalculator(rules(terms(PaymentTerms.Method.RATE, false), "100000000", null, null, "DEPOSIT"),
                CATALOGUE);
        calc.addHospital(account("H", "1.05", "100000.00", "0", "92"));
        calc.addConfirmed(decision(5, 50L, "HC-01", "high-coding", "H", List.of("E-0"), "YY15", "35700.00", null, "较重", "1",
                "OVERPAYMENT", "35700.00"));
        for (int i = 0; i < 3; i++) {
            calc.addCase(c("E-" + i, "H", X, "40000", "30000"));
        }
        calc.addCase(new CaseFacts("R-0", "H", X.code(), "RESIDENT", new BigDecimal("40000"), new BigDecimal("30000"), null));
        calc.addCase(new CaseFacts("R-LOW", "H", X.code(), "RESIDENT", new BigDecimal("8000"), new BigDecimal("6000"), null));
        ClearingResult r = calc.compute();
        Statement h = statement(r, "H");
        assertNull(r.pointValue());
        assertNull(h.points());
        // employees: 3 × 4.0 × 10,000 × 1.05 = 126,000; residents: 4.0 × 8,000 × 1.05 = 33,600
        assertMoney("126000.00", lines(h, LineKind.ORDINARY_CASES).stream().filter(l -> l.caseCount() == 3).findFirst().orElseThrow().amount());
        assertMoney("33600.00", lines(h, LineKind.ORDINARY_CASES).stream().filter(l -> l.caseCount() == 1).findFirst().orElseThrow().amount());
        // low cost: 33,600 × 8,000 ÷ 40,000 = 6,720
        assertMoney("6720.00", lines(h, LineKind.INCOMPLETE_STAY).get(0).amount());
        assertMoney("-35700.00", lines(h, LineKind.OVERPAYMENT).get(0).amount());
        assertNull(lines(h, LineKind.OVERPAYMENT).get(0).points());
        assertMoney("-35700.00", lines(h, LineKind.PENALTY).get(0).amount());
        assertMoney("166320.00", h.amountDue());
        assertMoney("-5080.00", h.balance());
    }

    @Test
    void theRateMethodNetsThePatientsShareWhereTheRegionSaysSo() {
        ClearingCalculator calc = new ClearingCalculator(rules(terms(PaymentTerms.Method.RATE, true), "100000000", null, null, "DEPOSIT"),
                CATALOGUE);
        calc.addHospital(account("H", "1.00", "0", "0", "92"));
        // 4.0 × 10,000 = 40,000 standard; the patients bore 4,000 and 6,000: the fund pays 36,000 + 34,000
        calc.addCase(c("E-0", "H", X, "41000", "37000"));
        calc.addCase(c("E-1", "H", X, "39000", "33000"));
        Statement h = statement(calc.compute(), "H");
        StatementLine ordinary = lines(h, LineKind.ORDINARY_CASES).get(0);
        assertMoney("70000.00", ordinary.amount());
        assertTrue(ordinary.explanation().contains("患者个人负担合计 10000.00"), ordinary.explanation());
        assertMoney("70000.00", h.amountDue());
    }

    @Test
    void aRateYearOverTheBudgetSharesTheOverspendByTheParameter() {
        // 200 Z cases at 10,000 = 2,000,000 due against 950,000 distributable: the fund bears half of the 1,050,000 excess
        ClearingCalculator calc = new ClearingCalculator(rules(terms(PaymentTerms.Method.RATE, false), "1000000", null, "0.5", "DEPOSIT"),
                CATALOGUE);
        calc.addHospital(account("A", "1.00", "0", "0", "80"));
        calc.addHospital(account("B", "1.00", "0", "0", "80"));
        for (int i = 0; i < 150; i++) {
            calc.addCase(c("A-" + i, "A", Z, "10000", "8000"));
        }
        for (int i = 0; i < 50; i++) {
            calc.addCase(c("B-" + i, "B", Z, "10000", "8000"));
        }
        ClearingResult r = calc.compute();
        assertMoney("1475000.00", r.totalDue());
        assertMoney("1106250.00", statement(r, "A").amountDue());
        assertMoney("-393750.00", lines(statement(r, "A"), LineKind.OVERSPEND_SHARED).get(0).amount());
        assertMoney("-525000.00", r.retained());
    }

    @Test
    void gradesOnTheAgreedAnnualTotalDeductItsShareAndLowerNextYearsTotal() {
        ClearingCalculator calc = new ClearingCalculator(rules(terms(PaymentTerms.Method.POINT, false), "1000000", null, null,
                "ANNUAL_TOTAL"), CATALOGUE);
        calc.addHospital(new HospitalAccount("H", "医院 H", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("40"),
                new BigDecimal("800000.00")));
        for (int i = 0; i < 10; i++) {
            calc.addCase(c("Z-" + i, "H", Z, "10000", "8000"));
        }
        Statement h = statement(calc.compute(), "H");
        assertEquals("不合格", h.grade());
        assertMoney("240000.00", h.gradeDeduction());
        assertMoney("-240000.00", lines(h, LineKind.ANNUAL_TOTAL_DEDUCTION).get(0).amount());
        assertMoney("80000.00", h.nextYearReduction());
        assertEquals(LineKind.Role.NOTICE, lines(h, LineKind.NEXT_YEAR_REDUCTION).get(0).kind().role());
        assertMoney(h.amountDue().subtract(new BigDecimal("240000")).toPlainString(), h.balance());
    }

    @Test
    void anExtrapolationDeductsItsLowerBoundLessWhatTheSampledCasesAlreadyRecoveredNeverLess() {
        ClearingCalculator calc = new ClearingCalculator(pointRules("1000000"), CATALOGUE);
        calc.addHospital(account("H", "1", "0", "0", "80"));
        calc.addConfirmed(new ConfirmedFinding(7, null, null, "mismatch", "H", List.of("S-1"), null, new BigDecimal("500.00"), null,
                "较重", new BigDecimal("0.5"), "OVERPAYMENT", new BigDecimal("250.00"), 7, 3));
        calc.addExtrapolation(new CampaignExtrapolation(3, "专项抽查", "H", new BigDecimal("2000.00"), Set.of("S-1")));
        calc.addExtrapolation(new CampaignExtrapolation(4, "另一次抽查", "H", new BigDecimal("300.00"), Set.of("S-1")));
        for (int i = 0; i < 10; i++) {
            calc.addCase(c("S-" + i, "H", Z, "10000", "8000"));
        }
        Statement h = statement(calc.compute(), "H");
        List<StatementLine> extrapolations = lines(h, LineKind.EXTRAPOLATION);
        assertMoney("-1500.00", extrapolations.get(0).amount());
        assertEquals("3", extrapolations.get(0).sourceId());
        assertMoney("0.00", extrapolations.get(1).amount());
        StatementLine sampled = lines(h, LineKind.OVERPAYMENT).get(0);
        assertEquals(StatementLine.CASE, sampled.sourceType());
        assertMoney("2250.00", h.deductions());
        assertMoney("750.00", h.findingsCost());
    }
}
