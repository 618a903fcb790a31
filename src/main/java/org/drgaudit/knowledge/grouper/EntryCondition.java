package org.drgaudit.knowledge.grouper;

/**
 * A compiled entry condition of an MDC, ADRG or DRG row: a small boolean expression in the layout of
 * the national tables ({@code contains(adrg_zd,zdList[0]) && ssList.length>0 ...}), parsed by
 * {@link ConditionParser} into a tree of plain Java objects. Nothing is interpreted by a scripting
 * engine and no text ever reaches reflection.
 */
public interface EntryCondition {

    /** Evaluates the condition for one case; matched codes are reported to the context's trace. */
    boolean test(GroupingContext ctx);

    /** The expression as written in the table. */
    String source();

    /**
     * What the case's principal diagnosis or principal procedure must be for the condition to hold
     * (e.g. {@code contains(adrg_zd,zdList[0]) && …} needs a principal diagnosis of {@code adrg_zd}),
     * so the grouper can skip the rows a case cannot meet; null when the condition says nothing of it.
     */
    default Guard guard() {
        return null;
    }
}
