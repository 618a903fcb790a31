package org.drgaudit.knowledge.grouper;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled decision tables of one grouper version: MDCs in evaluation order, each with its ADRGs
 * in order, the split condition of every DRG, and the codes the scheme does not accept as principal
 * diagnosis or principal procedure (empty when the version has no such tables), and readable labels of
 * code lists the path names (MDCZ's body sites).
 */
public record GroupingRules(List<Mdc> mdcs, Map<String, Drg> drgs, Set<String> invalidPrincipalDiagnoses,
                            Set<String> invalidPrincipalProcedures, Map<String, String> listLabels) {

    public GroupingRules(List<Mdc> mdcs, Map<String, Drg> drgs) {
        this(mdcs, drgs, Set.of(), Set.of(), Map.of());
    }

    /** How the path names a code list: its label (MDCZ's body site) where the tables give one, else its name. */
    public String label(String list) {
        return listLabels.getOrDefault(list, list);
    }

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

    /**
     * A row of {@code drg_rules.tsv}: the condition for a case of the ADRG to fall into this DRG, and
     * the severity that condition expresses: 1 with MCC, 3 with MCC or CC, 5 without (the ADRG has
     * heavier siblings), 9 not split (the ADRG's only DRG); 0 when the condition tests something else.
     */
    public record Drg(String code, String name, EntryCondition condition, int severity) {

        public Drg(String code, String name, EntryCondition condition) {
            this(code, name, condition, 0);
        }
    }

    /**
     * What a split condition asks of the complications, found by evaluating it on the four
     * combinations of HAS_MCC and HAS_CC rather than by reading its text: 1 when only an MCC
     * satisfies it, 3 when an MCC or a CC does, 5 when it holds without either, 0 otherwise
     * (e.g. a CC but not an MCC, or a condition on other case data).
     */
    public static int splitLevel(EntryCondition condition) {
        boolean none = evaluate(condition, false, false);
        boolean mcc = evaluate(condition, true, false);
        boolean cc = evaluate(condition, false, true);
        boolean both = evaluate(condition, true, true);
        if (none && mcc && cc && both) {
            return 5;
        }
        if (!none && mcc && cc && both) {
            return 3;
        }
        if (!none && mcc && !cc && both) {
            return 1;
        }
        return 0;
    }

    private static boolean evaluate(EntryCondition condition, boolean mcc, boolean cc) {
        GroupingContext ctx = new GroupingContext(new GroupingCase(null, List.of(), List.of(), null, null, null, null, null, null), false);
        ctx.hasMcc = mcc;
        ctx.hasCc = cc;
        return condition.test(ctx);
    }
}
