package org.drgaudit.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PaymentTerms;
import org.junit.jupiter.api.Test;

/**
 * Special cases in the clearing arithmetic: an approved one adds its decided extra payment as a valuation line (points
 * under the point method, shared in the budget like any other), an ungrouped case says plainly whether it waits for
 * a declaration, is under review or was approved, one under review is a notice, and a decision that confirms a
 * special case as a violation is never deducted.
 */
class SpecialCaseClearingTest {

    private static final GroupEntry X = new GroupEntry("XX11", "演示组 X", new BigDecimal("1.0"), new BigDecimal("10000"), BigDecimal.TEN);
    private static final List<ClearingRules.Grade> GRADES = List.of(new ClearingRules.Grade("合格", BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO));

    private static ClearingCalculator calculator(PaymentTerms.Method method) {
        PaymentTerms terms = new PaymentTerms(method, Map.of("EMPLOYEE", new BigDecimal("10000.00"), "RESIDENT", new BigDecimal("8000.00")),
                new BigDecimal("100"), new BigDecimal("0.40"), false);
        ClearingCalculator calc = new ClearingCalculator(new ClearingRules(terms, new BigDecimal("1000000"), BigDecimal.ZERO, null, null,
                "DEPOSIT", GRADES, new BigDecimal("0.005"), "合格"), Map.of(X.code(), X));
        calc.addHospital(new HospitalAccount("H", "医院 H", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, null, null));
        calc.addSpecialCase(new SpecialCaseOutcome(1, "HIGH", "H", "XX11", "极高费用", SpecialCaseOutcome.Status.APPROVED,
                new BigDecimal("25.0000"), new BigDecimal("2500.00"), "EMPLOYEE", "追加 25 点"));
        calc.addSpecialCase(new SpecialCaseOutcome(2, "U-1", "H", "0000", "未入组", SpecialCaseOutcome.Status.APPROVED,
                new BigDecimal("90.0000"), new BigDecimal("9000.00"), "EMPLOYEE", "按项目 90%"));
        calc.addSpecialCase(new SpecialCaseOutcome(3, "U-2", "H", "0000", "未入组", SpecialCaseOutcome.Status.PENDING, null, null,
                "EMPLOYEE", null));
        calc.addConfirmed(new ConfirmedFinding(9, 99L, "SC-01", "special-case", "H", List.of("HIGH"), null, new BigDecimal("5000.00"),
                null, "较重", BigDecimal.ONE, "OVERPAYMENT", new BigDecimal("5000.00"), 9, 1));
        calc.addCase(new CaseFacts("HIGH", "H", "XX11", "EMPLOYEE", new BigDecimal("35000"), null, null));
        for (int i = 0; i < 3; i++) {
            calc.addCase(new CaseFacts("X-" + i, "H", "XX11", "EMPLOYEE", new BigDecimal("10000"), null, null));
        }
        calc.addCase(new CaseFacts("U-1", "H", "0000", "EMPLOYEE", new BigDecimal("10000"), null, null));
        calc.addCase(new CaseFacts("U-2", "H", "0000", "EMPLOYEE", new BigDecimal("10000"), null, null));
        calc.addCase(new CaseFacts("U-3", "H", "0000", "EMPLOYEE", new BigDecimal("10000"), null, null));
        return calc;
    }

    private static List<StatementLine> lines(ClearingResult r, LineKind kind) {
        return r.statements().get(0).lines().stream().filter(l -> l.kind() == kind).toList();
    }

    @Test
    void underThePointMethodApprovedSpecialCasesAddTheirPointsAndShareTheBudget() {
        ClearingResult r = calculator(PaymentTerms.Method.POINT).compute();
        // 4 ordinary X cases × 100 points + 25 + 90 special-case points = 515 points for the whole budget
        assertEquals(0, new BigDecimal("515").compareTo(r.totalPoints()));
        List<StatementLine> special = lines(r, LineKind.SPECIAL_CASE);
        assertEquals(List.of("1", "2"), special.stream().map(StatementLine::sourceId).toList());
        assertEquals(StatementLine.SPECIAL_CASE, special.get(0).sourceType());
        assertEquals(0, new BigDecimal("25").compareTo(special.get(0).points()));
        // the amount is the points at the year's point value: 1,000,000 ÷ 515
        assertEquals(0, new BigDecimal("48543.69").compareTo(special.get(0).amount()));
        assertTrue(special.get(0).explanation().startsWith("特例单议申报 #1（极高费用）经专家评审认定："), special.get(0).explanation());
        assertEquals(0, new BigDecimal("1000000.00").compareTo(r.statements().get(0).amountDue()));
    }

    @Test
    void anUngroupedCaseSaysWhetherItIsApprovedUnderReviewOrNotDeclaredAndPendingOnesAreANotice() {
        ClearingResult r = calculator(PaymentTerms.Method.POINT).compute();
        StatementLine ungrouped = lines(r, LineKind.UNGROUPED).get(0);
        assertEquals(3, ungrouped.caseCount());
        assertEquals(0, BigDecimal.ZERO.compareTo(ungrouped.points()));
        assertTrue(ungrouped.explanation().contains("1 例经特例单议认定") && ungrouped.explanation().contains("1 例已申报特例单议、尚在评审，待特例单议认定后支付")
                && ungrouped.explanation().contains("1 例未申报特例单议"), ungrouped.explanation());
        StatementLine pending = lines(r, LineKind.SPECIAL_CASE_PENDING).get(0);
        assertEquals(1, pending.caseCount());
        assertEquals(0, BigDecimal.ZERO.compareTo(pending.amount()));
        assertTrue(pending.explanation().contains("#3 U-2"), pending.explanation());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 例特例单议申报尚未认定")), r.notes().toString());
    }

    @Test
    void aConfirmedSpecialCaseIsNeverDeducted() {
        ClearingResult r = calculator(PaymentTerms.Method.POINT).compute();
        assertTrue(lines(r, LineKind.OVERPAYMENT).isEmpty() && lines(r, LineKind.PENALTY).isEmpty());
        assertEquals(0, BigDecimal.ZERO.compareTo(r.statements().get(0).deductions()));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("特例单议不是违规，不予扣款")), r.notes().toString());
    }

    @Test
    void underTheRateMethodTheDecidedYuanAreAddedToTheAmountDue() {
        ClearingResult r = calculator(PaymentTerms.Method.RATE).compute();
        List<StatementLine> special = lines(r, LineKind.SPECIAL_CASE);
        assertEquals(0, new BigDecimal("2500.00").compareTo(special.get(0).amount()));
        // 4 × 10,000 by the group, + 2,500 + 9,000 of the special cases
        assertEquals(0, new BigDecimal("51500.00").compareTo(r.statements().get(0).amountDue()));
    }
}
