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
import org.junit.jupiter.api.Test;

/**
 * The clearing arithmetic without a database: the worked example of REFERENCE.md to the point and to the
 * cent, the budget shared out exactly, the rate method, the quality deposit by grade and the one-vote veto,
 * extrapolations net of what the sample already deducts, and each finding counted once.
 */
class ClearingCalculatorTest {

    private static final GroupEntry X = new GroupEntry("XX11", "演示组 X", new BigDecimal("4.0"), new BigDecimal("40000"), BigDecimal.TEN);
    private static final GroupEntry Y = new GroupEntry("YY15", "演示组 Y", new BigDecimal("0.6"), new BigDecimal("6000"), BigDecimal.TEN);
    private static final GroupEntry Z = new GroupEntry("ZZ19", "演示组 Z", new BigDecimal("1.0"), new BigDecimal("10000"), BigDecimal.TEN);
    private static final GroupEntry U = new GroupEntry("UU19", "演示组 U", new BigDecimal("0.94"), new BigDecimal("9400"), BigDecimal.TEN);
    private static final Map<String, GroupEntry> CATALOGUE = Map.of(X.code(), X, Y.code(), Y, Z.code(), Z, U.code(), U);

    private static final List<ClearingRules.Grade> GRADES = List.of(
            new ClearingRules.Grade("优秀", new BigDecimal("90"), BigDecimal.ZERO),
            new ClearingRules.Grade("良好", new BigDecimal("70"), BigDecimal.ZERO),
            new ClearingRules.Grade("合格", new BigDecimal("60"), new BigDecimal("0.10")),
            new ClearingRules.Grade("不合格", BigDecimal.ZERO, new BigDecimal("0.30")));

    private static ClearingRules rules(ClearingRules.Method method, String budget) {
        return new ClearingRules(method, new BigDecimal(budget), new BigDecimal("0.05"), new BigDecimal("100"),
                Map.of("EMPLOYEE", new BigDecimal("12000.00"), "RESIDENT", new BigDecimal("9600.00")), new BigDecimal("0.40"),
                new BigDecimal("0.5"), Map.of("high-coding", new BigDecimal("2")), new BigDecimal("0.03"), GRADES,
                new BigDecimal("0.005"), "不合格");
    }

    private static CaseFacts c(String id, String hospital, GroupEntry g, String cost, String fund) {
        return new CaseFacts(id, hospital, g.code(), "EMPLOYEE", new BigDecimal(cost), new BigDecimal(fund));
    }

    /**
     * Hospital H of the worked example, and the rest of the region as hospital O with 9,249,094 points, so
     * that all hospitals together earn 9,500,000 points. H's fund payments are 25,210,000 (5‰ = 126,050).
     */
    private static ClearingCalculator workedExample(String score) {
        ClearingCalculator calc = new ClearingCalculator(rules(ClearingRules.Method.POINT, "1000000000"), CATALOGUE);
        calc.addHospital(new HospitalAccount("H", "医院 H", new BigDecimal("1.05"), new BigDecimal("23500000.00"),
                new BigDecimal("726804.00"), score == null ? null : new BigDecimal(score)));
        calc.addHospital(new HospitalAccount("O", "其他医院", new BigDecimal("1.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("80")));
        // the upcoded X case (correct group Y), and two split pairs among the Y cases (earlier stays Y-0, Y-2)
        calc.addConfirmed(new ConfirmedFinding(11L, "HC-01", "high-coding", "H", List.of("X-0"), "YY15", new BigDecimal("14280"), 1, 1));
        calc.addConfirmed(new ConfirmedFinding(12L, "SA-01", "split-admission", "H", List.of("Y-0", "Y-1"), null, new BigDecimal("3780"), 2, 1));
        calc.addConfirmed(new ConfirmedFinding(13L, "SA-01", "split-admission", "H", List.of("Y-2", "Y-3"), null, new BigDecimal("3780"), 3, 1));
        for (int i = 0; i < 300; i++) {
            calc.addCase(c("X-" + i, "H", X, "40000", "36000"));
        }
        calc.addCase(c("X-LOW", "H", X, "12000", "10000"));
        for (int i = 0; i < 2000; i++) {
            calc.addCase(c("Y-" + i, "H", Y, "6000", "7200"));
        }
        for (int i = 0; i < 92_490; i++) {
            calc.addCase(c("Z-" + i, "O", Z, "10000", "8000"));
        }
        calc.addCase(c("U-0", "O", U, "9400", "8000"));
        return calc;
    }

    private static Statement statement(ClearingResult r, String hospital) {
        return r.statements().stream().filter(s -> s.hospitalCode().equals(hospital)).findFirst().orElseThrow();
    }

    private static BigDecimal points(Statement s, LineKind kind) {
        return s.lines().stream().filter(l -> l.kind() == kind).map(StatementLine::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    @Test
    void theWorkedExampleOfTheReferenceComesOutToThePointAndTheCent() {
        ClearingResult r = workedExample("85").compute();
        Statement h = statement(r, "H");

        assertMoney("950000000.00", r.distributable());
        assertMoney("9500000", r.totalPoints());
        assertMoney("100", r.pointValue());

        StatementLine ordinaryX = h.lines().stream().filter(l -> l.kind() == LineKind.ORDINARY_CASES && "XX11".equals(l.groupCode())).findFirst().orElseThrow();
        StatementLine ordinaryY = h.lines().stream().filter(l -> l.kind() == LineKind.ORDINARY_CASES && "YY15".equals(l.groupCode())).findFirst().orElseThrow();
        assertEquals(300, ordinaryX.caseCount());
        assertMoney("126000", ordinaryX.points());
        assertEquals(2000, ordinaryY.caseCount());
        assertMoney("126000", ordinaryY.points());
        assertMoney("126", points(h, LineKind.INCOMPLETE_STAY));
        assertEquals("X-LOW", h.lines().stream().filter(l -> l.kind() == LineKind.INCOMPLETE_STAY).findFirst().orElseThrow().caseId());

        List<StatementLine> splits = h.lines().stream().filter(l -> l.kind() == LineKind.SPLIT_EARLIER_STAY).toList();
        assertEquals(List.of("Y-0", "Y-2"), splits.stream().map(StatementLine::caseId).toList());
        splits.forEach(l -> assertMoney("-31.5", l.points()));
        assertMoney("-63", points(h, LineKind.SPLIT_EARLIER_STAY));
        assertMoney("-357", points(h, LineKind.REGROUP));
        assertMoney("-800", points(h, LineKind.PENALTY));
        assertTrue(h.lines().stream().filter(l -> l.kind() == LineKind.PENALTY).findFirst().orElseThrow().explanation()
                .contains("2 × 原病组 XX11 基准点数 400 = 800 点"));

        assertMoney("250906", h.points());
        assertMoney("25090600.00", h.amountDue());
        assertMoney("23500000.00", h.advancesPaid());
        assertMoney("122000.00", h.findingsCost());
        assertFalse(h.veto());
        assertEquals("良好", h.grade());
        assertMoney("0.00", h.depositForfeited());
        assertMoney("1590600.00", h.balance());
        assertTrue(h.lines().stream().noneMatch(l -> l.kind() == LineKind.ROUNDING), "point value 100 leaves no rounding");
        assertMoney("-35700.00", h.lines().stream().filter(l -> l.kind() == LineKind.REGROUP).findFirst().orElseThrow().amount());
        assertMoney("950000000.00", r.totalDue());
    }

    @Test
    void anEarlierStayThatItsOwnFindingRegroupedIsHalvedAtTheCorrectGroup() {
        ClearingCalculator calc = workedExample("85");
        // the upcoded X-0 (confirmed as Y) is also the earlier stay of a confirmed split pair with X-1
        calc.addConfirmed(new ConfirmedFinding(14L, "SA-01", "split-admission", "H", List.of("X-0", "X-1"), null, new BigDecimal("25200"), 4, 1));
        Statement h = statement(calc.compute(), "H");
        StatementLine cut = h.lines().stream().filter(l -> l.kind() == LineKind.SPLIT_EARLIER_STAY && "X-0".equals(l.caseId()))
                .findFirst().orElseThrow();
        assertMoney("-31.5", cut.points());
        assertEquals("YY15", cut.groupCode());
        assertMoney("-357", points(h, LineKind.REGROUP));
    }

    @Test
    void everyConfirmedFindingAppearsOnceWithItsSourceAndAFindingGivenTwiceCountsOnce() {
        ClearingCalculator calc = workedExample("85");
        calc.addConfirmed(new ConfirmedFinding(11L, "HC-01", "high-coding", "H", List.of("X-0"), "YY15", new BigDecimal("14280"), 9, 2));
        Statement h = statement(calc.compute(), "H");
        Map<String, Long> byFinding = new TreeMap<>();
        h.lines().stream().filter(l -> StatementLine.FINDING.equals(l.sourceType()))
                .forEach(l -> byFinding.merge(l.sourceId() + "/" + l.kind(), 1L, Long::sum));
        assertEquals(Map.of("11/PENALTY", 1L, "11/REGROUP", 1L, "12/SPLIT_EARLIER_STAY", 1L, "13/SPLIT_EARLIER_STAY", 1L), byFinding);
        assertMoney("250906", h.points());
    }

    @Test
    void aPassingGradeForfeitsTenPercentOfTheDepositAndAMissingScoreHoldsItBack() {
        Statement passing = statement(workedExample("65").compute(), "H");
        assertEquals("合格", passing.grade());
        assertMoney("72680.40", passing.depositForfeited());
        assertMoney("1517919.60", passing.balance());

        Statement missing = statement(workedExample(null).compute(), "H");
        assertNull(missing.grade());
        assertMoney("-726804.00", missing.lines().stream().filter(l -> l.kind() == LineKind.DEPOSIT_HELD).findFirst().orElseThrow().amount());
        assertMoney("863796.00", missing.balance());
    }

    @Test
    void theOneVoteVetoMakesTheYearFailWhenConfirmedViolationsReachFivePerMilleOfTheFund() {
        ClearingCalculator calc = new ClearingCalculator(rules(ClearingRules.Method.POINT, "1000000000"), CATALOGUE);
        calc.addHospital(new HospitalAccount("H", "医院 H", new BigDecimal("1.05"), new BigDecimal("1000000"), new BigDecimal("30000"), new BigDecimal("95")));
        calc.addConfirmed(new ConfirmedFinding(1L, "TL-04", "too-little-service", "H", List.of("Y-0"), null, new BigDecimal("1200.00"), 1, 1));
        for (int i = 0; i < 40; i++) {
            calc.addCase(c("Y-" + i, "H", Y, "6000", "6000"));
        }
        Statement h = statement(calc.compute(), "H");
        // 1,200 confirmed ≥ 0.005 × 240,000 fund payments = 1,200: the veto applies although the score is 95
        assertMoney("1200.00", h.findingsCost());
        assertTrue(h.veto());
        assertEquals("不合格", h.grade());
        assertMoney("9000.00", h.depositForfeited());
        StatementLine money = h.lines().stream().filter(l -> l.kind() == LineKind.CONFIRMED_AMOUNT).findFirst().orElseThrow();
        assertMoney("-1200.00", money.amount());
        assertEquals("1", money.sourceId());
        assertTrue(h.lines().stream().anyMatch(l -> l.kind() == LineKind.DEPOSIT_FORFEITED && l.explanation().contains("一票否决")));
    }

    @Test
    void theAmountsDueAddUpToTheDistributableBudgetToTheCent() {
        Random random = new Random(20241231);
        for (int round = 0; round < 25; round++) {
            ClearingCalculator calc = new ClearingCalculator(rules(ClearingRules.Method.POINT,
                    String.valueOf(100_000_000 + random.nextInt(900_000_000)) + "." + random.nextInt(10) + random.nextInt(10)), CATALOGUE);
            int hospitals = 2 + random.nextInt(12);
            for (int h = 0; h < hospitals; h++) {
                calc.addHospital(new HospitalAccount("H" + h, "医院" + h, new BigDecimal(70 + random.nextInt(40)).movePointLeft(2),
                        BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("75")));
            }
            calc.addConfirmed(new ConfirmedFinding(1L, "HC-01", "high-coding", "H0", List.of("c-0"), "YY15", BigDecimal.ONE, 1, 1));
            List<GroupEntry> groups = List.of(X, Y, Z, U);
            for (int i = 0; i < 3000; i++) {
                GroupEntry g = groups.get(random.nextInt(groups.size()));
                BigDecimal cost = g.standardCost().multiply(new BigDecimal(20 + random.nextInt(200)).movePointLeft(2));
                calc.addCase(new CaseFacts("c-" + i, "H" + (i % hospitals), g.code(), "EMPLOYEE", cost, cost));
            }
            ClearingResult r = calc.compute();
            assertMoney(r.distributable().toPlainString(), r.totalDue());
            for (Statement s : r.statements()) {
                assertMoney(s.amountDue().toPlainString(), s.lines().stream().filter(l -> l.kind().partOfDue())
                        .map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
                assertMoney(s.points().toPlainString(), s.lines().stream().filter(l -> l.points() != null)
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
    void theRateMethodPaysWeightTimesTheInsuranceTypesBaseRateTimesTheCoefficient() {
        ClearingCalculator calc = new ClearingCalculator(rules(ClearingRules.Method.RATE, "1"), CATALOGUE);
        calc.addHospital(new HospitalAccount("H", "医院 H", new BigDecimal("1.05"), new BigDecimal("100000.00"), BigDecimal.ZERO, new BigDecimal("92")));
        calc.addConfirmed(new ConfirmedFinding(5L, "HC-01", "high-coding", "H", List.of("E-0"), "YY15", new BigDecimal("40000"), 1, 1));
        for (int i = 0; i < 3; i++) {
            calc.addCase(c("E-" + i, "H", X, "40000", "30000"));
        }
        calc.addCase(new CaseFacts("R-0", "H", X.code(), "RESIDENT", new BigDecimal("40000"), new BigDecimal("30000")));
        calc.addCase(new CaseFacts("R-LOW", "H", X.code(), "RESIDENT", new BigDecimal("8000"), new BigDecimal("6000")));
        ClearingResult r = calc.compute();
        Statement h = statement(r, "H");
        assertNull(r.pointValue());
        assertNull(h.points());
        // employees: 3 × 4.0 × 12,000 × 1.05 = 151,200; residents: 4.0 × 9,600 × 1.05 = 40,320
        assertMoney("151200.00", h.lines().stream().filter(l -> l.kind() == LineKind.ORDINARY_CASES && l.caseCount() == 3).findFirst().orElseThrow().amount());
        assertMoney("40320.00", h.lines().stream().filter(l -> l.kind() == LineKind.ORDINARY_CASES && l.caseCount() == 1).findFirst().orElseThrow().amount());
        // incomplete stay: 40,320 × 8,000 ÷ 40,000 = 8,064
        assertMoney("8064.00", h.lines().stream().filter(l -> l.kind() == LineKind.INCOMPLETE_STAY).findFirst().orElseThrow().amount());
        // upcoded employee case paid as Y: −50,400 + 0.6 × 12,000 × 1.05 = −42,840; penalty 2 × 4.0 × 12,000 = −96,000
        assertMoney("-42840.00", h.lines().stream().filter(l -> l.kind() == LineKind.REGROUP).findFirst().orElseThrow().amount());
        assertMoney("-96000.00", h.lines().stream().filter(l -> l.kind() == LineKind.PENALTY).findFirst().orElseThrow().amount());
        assertMoney("60744.00", h.amountDue());
        assertMoney("-39256.00", h.balance());
    }

    @Test
    void anExtrapolationDeductsItsLowerBoundLessWhatTheSampledCasesAlreadyCostNeverLess() {
        ClearingCalculator calc = new ClearingCalculator(rules(ClearingRules.Method.POINT, "1000000"), CATALOGUE);
        calc.addHospital(new HospitalAccount("H", "医院 H", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("80")));
        calc.addConfirmed(new ConfirmedFinding(null, null, null, "H", List.of("S-1"), null, new BigDecimal("500.00"), 7, 3));
        calc.addExtrapolation(new CampaignExtrapolation(3, "专项抽查", "H", new BigDecimal("2000.00"), Set.of("S-1")));
        calc.addExtrapolation(new CampaignExtrapolation(4, "另一次抽查", "H", new BigDecimal("300.00"), Set.of("S-1")));
        for (int i = 0; i < 10; i++) {
            calc.addCase(c("S-" + i, "H", Z, "10000", "8000"));
        }
        Statement h = statement(calc.compute(), "H");
        List<StatementLine> extrapolations = h.lines().stream().filter(l -> l.kind() == LineKind.EXTRAPOLATION).toList();
        assertMoney("-1500.00", extrapolations.get(0).amount());
        assertEquals("3", extrapolations.get(0).sourceId());
        assertMoney("0.00", extrapolations.get(1).amount());
        StatementLine sampled = h.lines().stream().filter(l -> l.kind() == LineKind.CONFIRMED_AMOUNT).findFirst().orElseThrow();
        assertEquals(StatementLine.CASE, sampled.sourceType());
        assertMoney("2000.00", h.deductions());
        assertMoney("500.00", h.findingsCost());
    }
}
