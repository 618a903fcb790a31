package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one CC exclusion rule the grouper and the rules' facts share. */
class CcExclusionTest {

    private static final Map<String, Integer> MCC = Map.of("J96.000", 109, "I61.900", 96);
    private static final Map<String, Integer> CC = Map.of("E87.600", 52, "J96.000", 7);
    private static final Map<String, Integer> PRINCIPAL = Map.of("I63.900", 96);

    @Test
    void countsUnlessThePrincipalsTableCancelsAndCountsEachCodeOnce() {
        List<GroupingResult.Complication> r = CcExclusion.complications("I63.900",
                List.of("I61.900", "J96.000", "J96.000", "E87.600", "I63.900", "I10.x00"), MCC, CC, PRINCIPAL);
        assertEquals(List.of(
                new GroupingResult.Complication("I61.900", "MCC", 96, 96, false),
                new GroupingResult.Complication("J96.000", "MCC", 109, 96, true),
                new GroupingResult.Complication("E87.600", "CC", 52, 96, true)), r,
                "MCC list before CC list; a repeat, the principal itself and a plain code are not counted again");
    }

    @Test
    void aPrincipalWithoutATableCancelsNothing() {
        assertEquals(List.of(new GroupingResult.Complication("I61.900", "MCC", 96, null, true)),
                CcExclusion.complications("Z51.101", List.of("I61.900"), MCC, CC, PRINCIPAL));
        assertEquals(List.of(), CcExclusion.complications("I63.900", List.of(), MCC, CC, PRINCIPAL));
    }
}
