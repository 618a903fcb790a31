package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CC exclusion rule (并发症排除), in one place for the grouper and the rules' facts: a secondary
 * diagnosis on the MCC list (else the CC list) counts unless its exclusion table is the principal
 * diagnosis's table; a principal without a table cancels nothing. The principal itself and repeats
 * of a code are not counted again.
 */
public final class CcExclusion {

    private CcExclusion() {
    }

    public static List<GroupingResult.Complication> complications(String principal, List<String> secondaries,
                                                                  Map<String, Integer> mcc, Map<String, Integer> cc,
                                                                  Map<String, Integer> principalTables) {
        if (secondaries.isEmpty()) {
            return List.of();
        }
        Integer principalTable = principal == null ? null : principalTables.get(principal);
        List<GroupingResult.Complication> out = new ArrayList<>(2);
        for (int i = 0; i < secondaries.size(); i++) {
            String dx = secondaries.get(i);
            if (dx.equals(principal) || secondaries.subList(0, i).contains(dx)) {
                continue;
            }
            Integer table = mcc.get(dx);
            String level = "MCC";
            if (table == null) {
                table = cc.get(dx);
                level = "CC";
            }
            if (table != null) {
                out.add(new GroupingResult.Complication(dx, level, table, principalTable,
                        principalTable == null || !principalTable.equals(table)));
            }
        }
        return out;
    }
}
