package org.drgaudit.knowledge;

import java.util.Map;
import java.util.Set;

/**
 * The grouping tables of one grouper version (e.g. CHS-DRG-1.1): ADRGs with entry codes, DRG names,
 * MCC and CC lists with their exclusion tables, the exclusion table of each principal diagnosis,
 * the MDCs a principal diagnosis leads into, and, when the folder has the decision tables
 * ({@code mdc_rules.tsv}, {@code adrg_rules.tsv}, {@code drg_rules.tsv}, {@code valid_or_procedures.tsv}),
 * the grouper compiled from them.
 */
public record GrouperTables(String version, Map<String, AdrgEntry> adrgs, Map<String, String> drgNames,
                            Map<String, Integer> mcc, Map<String, Integer> cc,
                            Map<String, Integer> principalExclusionTable, Map<String, Set<String>> mdcsOfPrincipal,
                            Set<String> validOrProcedures, org.drgaudit.knowledge.grouper.Grouper grouper) {

    /** Whether this version can regroup cases (its folder has the decision tables). */
    public boolean canGroup() {
        return grouper != null;
    }

    /**
     * The severity of a DRG as its split condition in the tables says (1 with MCC, 3 with MCC or CC,
     * 5 without, 9 not split) — what the rules should read instead of the code's fourth character,
     * which later versions use for other splits. A version without decision tables has no split
     * conditions: there the fourth character is all there is (9 when it is no digit).
     */
    public int severity(String drg) {
        if (grouper != null) {
            int s = grouper.severity(drg);
            if (s != 0) {
                return s;
            }
        }
        return drg != null && drg.length() >= 4 && Character.isDigit(drg.charAt(3)) ? drg.charAt(3) - '0' : 9;
    }

    /**
     * The DRG of an ADRG for the severity the coded complications support (1, 3 or 5), by the ADRG's
     * split conditions in order; null when this version cannot group or has no such ADRG.
     */
    public String drgFor(String adrg, int supportedSeverity) {
        return grouper == null ? null : grouper.drgFor(adrg, supportedSeverity);
    }

    /** MCC or CC level of a secondary diagnosis: 1 for MCC, 3 for CC, 5 for neither. */
    public int complicationLevel(String dx) {
        if (mcc.containsKey(dx)) {
            return 1;
        }
        return cc.containsKey(dx) ? 3 : 5;
    }

    /** The MCC/CC among a case's secondary diagnoses, each marked counted or cancelled by the exclusion table. */
    public java.util.List<org.drgaudit.knowledge.grouper.GroupingResult.Complication> complications(String principal,
                                                                                           java.util.List<String> secondaries) {
        return org.drgaudit.knowledge.grouper.CcExclusion.complications(principal, secondaries, mcc, cc, principalExclusionTable);
    }
}
