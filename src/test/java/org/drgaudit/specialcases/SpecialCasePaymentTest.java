package org.drgaudit.specialcases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.drgaudit.knowledge.CaseValuation;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/special-cases.md, recomputed with the demo region's parameters and catalogue: a
 * high-cost ES31 case, an ungrouped case, a low-cost ES35 case and a long ES31 stay at a hospital of coefficient 1.00,
 * under the point method (pricing point value 12,000 ÷ 100 = 120 CNY) and the rate method.
 */
class SpecialCasePaymentTest {

    private static PolicyParameters policy;
    private static Map<String, GroupEntry> catalogue;

    @BeforeAll
    static void demoRegion() {
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB", KnowledgeService.readFolder(Path.of("knowledge-base")));
        policy = kb.policies().get(0);
        catalogue = kb.catalogue(policy.getCatalogue());
    }

    private static CaseValuation.Valued valued(PaymentTerms terms, String group, String totalCost) {
        GroupEntry g = catalogue.get(group);
        BigDecimal cost = new BigDecimal(totalCost);
        PaymentTerms.CaseValue paid = g == null ? null : terms.value(g, "EMPLOYEE", BigDecimal.ONE, cost, null);
        return new CaseValuation.Valued("C-1", policy, terms, catalogue, g, "EMPLOYEE", BigDecimal.ONE, cost, null, paid);
    }

    private static SpecialCasePayment.Payment pay(SpecialCaseCategory category, PaymentTerms terms, String group, String cost) {
        return SpecialCasePayment.of(category, policy.getSpecialCase().getPayment().get(category.name()),
                policy.getSpecialCase().getHighCostRatio(), valued(terms, group, cost));
    }

    private static PaymentTerms rate() {
        PaymentTerms p = policy.paymentTerms();
        return new PaymentTerms(PaymentTerms.Method.RATE, p.baseRates(), p.pointsPerWeight(), p.lowCostPaidByRatio(), false);
    }

    private static void same(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", got " + actual);
    }

    @Test
    void aHighCostCaseIsPaidItsGroupPointsTimesTheCostRatioAboveTheThreshold() {
        // 52,000 ÷ 15,900 = 3.2704 × the standard cost of ES31, 0.2704 above 3; 132.5 points × 0.27044 × 100% = 35.8333 points,
        // worth 4,300.00 CNY at 120 CNY a point: exactly the cost above the threshold (3 × 15,900 = 47,700)
        SpecialCasePayment.Payment p = pay(SpecialCaseCategory.HIGH_COST, policy.paymentTerms(), "ES31", "52000.00");
        assertEquals("GROUP_PLUS_EXCESS", p.method());
        same("35.8333", p.extraPoints());
        same("4300.00", p.extraAmount());
        assertTrue(p.explanation().contains("3.2704 倍") && p.explanation().contains("132.5 点"), p.explanation());

        SpecialCasePayment.Payment r = pay(SpecialCaseCategory.HIGH_COST, rate(), "ES31", "52000.00");
        assertNull(r.extraPoints());
        same("4300.00", r.extraAmount());
    }

    @Test
    void anUngroupedCaseIsPaidByItsItemsAtTheRatio() {
        // 0000 is not in the catalogue: clearing values it at nothing, so all of 20,000 × 90% = 18,000 CNY is paid, 150 points
        SpecialCasePayment.Payment p = pay(SpecialCaseCategory.UNGROUPED, policy.paymentTerms(), "0000", "20000.00");
        same("150.0000", p.extraPoints());
        same("18000.00", p.extraAmount());
        same("18000.00", pay(SpecialCaseCategory.UNGROUPED, rate(), "0000", "20000.00").extraAmount());
    }

    @Test
    void aLowCostCaseIsPaidTheFullGroupInsteadOfItsCostRatio() {
        // ES35 (0.648, 7,776): 3,000 is 38.58% of the standard cost, below 40%, so clearing pays 64.8 × 3,000 ÷ 7,776 = 25 points;
        // approved, the full 64.8 points: 39.8 more, 4,776.00 CNY at 120
        SpecialCasePayment.Payment p = pay(SpecialCaseCategory.LOW_COST, policy.paymentTerms(), "ES35", "3000.00");
        same("39.8000", p.extraPoints());
        same("4776.00", p.extraAmount());
        // a case not scaled gets nothing more: it is already paid in full
        same("0", pay(SpecialCaseCategory.SHORT_STAY, policy.paymentTerms(), "ES35", "7000.00").extraPoints());
    }

    @Test
    void aLongStayIsPaidByItemsOnlyWhereTheyComeToMoreThanTheGroup() {
        // 40,000 × 90% = 36,000 against ES31's 132.5 points × 120 = 15,900: 20,100 CNY more, 167.5 points
        SpecialCasePayment.Payment p = pay(SpecialCaseCategory.LONG_STAY, policy.paymentTerms(), "ES31", "40000.00");
        same("167.5000", p.extraPoints());
        same("20100.00", p.extraAmount());
        // 15,000 × 90% = 13,500 is less than the group's 15,900: never paid less than the group, nothing more
        same("0", pay(SpecialCaseCategory.LONG_STAY, policy.paymentTerms(), "ES31", "15000.00").extraAmount());
    }

    @Test
    void aGroupMethodOnACaseWithoutAGroupIsRefusedWithWhatToDo() {
        DomainException e = assertThrows(DomainException.class,
                () -> pay(SpecialCaseCategory.HIGH_COST, policy.paymentTerms(), "0000", "52000.00"));
        assertTrue(e.getMessage().contains("未入组"), e.getMessage());
    }
}
