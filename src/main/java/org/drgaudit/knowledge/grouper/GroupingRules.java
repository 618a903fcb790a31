package org.drgaudit.knowledge.grouper;

import java.util.List;
import java.util.Map;

/**
 * The compiled decision tables of one grouper version: MDCs in evaluation order, each with its ADRGs
 * in order, and the split condition of every DRG.
 */
public record GroupingRules(List<Mdc> mdcs, Map<String, Drg> drgs) {

    /** An MDC row of {@code mdc_rules.tsv}: its entry condition and its ADRGs in the order they are tried. */
    public record Mdc(int order, String code, String matchRule, EntryCondition condition, List<Adrg> adrgs) {
    }

    /**
     * An ADRG row of {@code adrg_rules.tsv}: its entry condition and its DRGs in the order they are
     * tried. A row whose code ends in {@code QY} is the MDC's ambiguous-group (歧义组) check.
     */
    public record Adrg(String mdc, int order, String code, String matchRule, EntryCondition condition,
                       List<String> drgCandidates) {

        public boolean ambiguousCheck() {
            return code.endsWith("QY");
        }
    }

    /** A row of {@code drg_rules.tsv}: the condition for a case of the ADRG to fall into this DRG. */
    public record Drg(String code, String name, EntryCondition condition) {
    }
}
