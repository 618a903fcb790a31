package org.drgaudit.specialcases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.drgaudit.knowledge.KnowledgeBaseInvalidException;
import org.drgaudit.knowledge.KnowledgeError;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PolicyParameters;
import org.junit.jupiter.api.Test;

/** The specialCase section of the parameters file: typed values, and refusals that name the file and the field. */
class SpecialCaseParametersTest {

    private static final String FILE = "parameters/demo-2024.yaml";

    private static KnowledgeSnapshot load(UnaryOperator<String> edit) {
        SortedMap<String, String> files = KnowledgeService.readFolder(Path.of("knowledge-base"));
        files.put(FILE, edit.apply(files.get(FILE)));
        return KnowledgeSnapshot.parse(1, "KB", files);
    }

    private static String firstError(UnaryOperator<String> edit) {
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class, () -> load(edit));
        KnowledgeError x = (KnowledgeError) e.errors().get(0);
        return x.file() + ": " + x.message();
    }

    @Test
    void theDemoRegionDeclaresMonthlyWithinAFivePercentQuotaToTwoExpertsByMajority() {
        PolicyParameters.SpecialCase sc = load(UnaryOperator.identity()).policies().get(0).getSpecialCase();
        assertEquals("MONTHLY", sc.getDeclarationPeriod());
        assertEquals(15, sc.getDeclarationDays());
        assertEquals(0, new BigDecimal("0.05").compareTo(sc.getQuotaShare()));
        assertEquals(2, sc.getExpertsPerCase());
        assertEquals("MAJORITY", sc.getDecisionRule());
        assertEquals(60, sc.getLongStayDays());
        assertFalse(sc.isLowOutliersSpecialCases(), "the demo region treats very low costs as too-little-service suspicions");
        assertEquals("GROUP_PLUS_EXCESS", sc.getPayment().get("HIGH_COST").getMethod());
        assertEquals("ITEMS_AT_RATIO", sc.getPayment().get("UNGROUPED").getMethod());
        assertEquals(0, new BigDecimal("0.9").compareTo(sc.getPayment().get("UNGROUPED").getRatio()));
    }

    @Test
    void theCategoriesOfTheApiAreTheCategoriesOfTheParameters() {
        assertEquals(PolicyParameters.SpecialCase.CATEGORIES, Arrays.stream(SpecialCaseCategory.values()).map(Enum::name).toList());
    }

    @Test
    void aWrongOrMissingSpecialCaseValueIsRefusedWithItsFileAndField() {
        assertEquals(FILE + ": value specialCase.quotaShare: must be greater than 0 and at most 1 (DRG 0.05, DIP 0.005), got 5",
                firstError(t -> t.replace("quotaShare: 0.05", "quotaShare: 5")));
        assertEquals(FILE + ": value specialCase.declarationPeriod: must be one of [MONTHLY, QUARTERLY], not 'YEARLY'",
                firstError(t -> t.replace("declarationPeriod: MONTHLY", "declarationPeriod: YEARLY")));
        assertEquals(FILE + ": value specialCase.lowOutliers: must be one of [TOO_LITTLE_SERVICE, SPECIAL_CASE], not 'BOTH'",
                firstError(t -> t.replace("lowOutliers: TOO_LITTLE_SERVICE", "lowOutliers: BOTH")));
        assertEquals(FILE + ": value specialCase.expertsPerCase: must be at least 1, got 0",
                firstError(t -> t.replace("expertsPerCase: 2", "expertsPerCase: 0")));
        assertEquals(FILE + ": value 'specialCase.payment.OTHER.method' is missing",
                firstError(t -> t.replace("    OTHER: {method: ITEMS_AT_RATIO, ratio: 0.9}", "")));
        assertEquals(FILE + ": value 'specialCase.payment.LONG_STAY.ratio' is missing",
                firstError(t -> t.replace("LONG_STAY: {method: ITEMS_AT_RATIO, ratio: 0.9}", "LONG_STAY: {method: ITEMS_AT_RATIO}")));
        assertEquals(FILE + ": value specialCase.payment.UNGROUPED.method: an ungrouped case has no group to pay by; use ITEMS_AT_RATIO",
                firstError(t -> t.replace("UNGROUPED: {method: ITEMS_AT_RATIO, ratio: 0.9}", "UNGROUPED: {method: FULL_GROUP}")));
        assertEquals(FILE + ": value specialCase.payment.HIGH_COST.ratio: must be greater than 0 and at most 1, got 1.5",
                firstError(t -> t.replace("HIGH_COST: {method: GROUP_PLUS_EXCESS, ratio: 1.0}", "HIGH_COST: {method: GROUP_PLUS_EXCESS, ratio: 1.5}")));
        assertEquals(FILE + ": value specialCase.payment.RARE: 'RARE' is not a category; the categories are "
                        + PolicyParameters.SpecialCase.CATEGORIES,
                firstError(t -> t.replace("    OTHER: {method: ITEMS_AT_RATIO, ratio: 0.9}",
                        "    OTHER: {method: ITEMS_AT_RATIO, ratio: 0.9}\n    RARE: {method: FULL_GROUP}")));
        assertEquals(FILE + ": value specialCase.payment.LOW_COST.method: must be one of [GROUP_PLUS_EXCESS, FULL_GROUP, ITEMS_AT_RATIO], not 'DOUBLE'",
                firstError(t -> t.replace("LOW_COST: {method: FULL_GROUP}", "LOW_COST: {method: DOUBLE}")));
        List<String> all = List.of(firstError(t -> t.replace("  decisionRule: MAJORITY\n", "")));
        assertTrue(all.get(0).endsWith("value 'specialCase.decisionRule' is missing"), all.toString());
    }
}
