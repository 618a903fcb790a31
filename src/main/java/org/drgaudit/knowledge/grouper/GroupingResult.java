package org.drgaudit.knowledge.grouper;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the grouper assigned: the DRG (or a QY ambiguous group, or 0000), its MDC and ADRG, the
 * MCC/CC that counted and those the exclusion table cancelled, and the path it took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupingResult(String grouperVersion, Status status, String drg, String drgName, String mdc, String adrg,
                             String reason, List<Complication> complications, List<TraceStep> trace) {

    public static final String UNGROUPABLE = "0000";

    /** GROUPED: a DRG; AMBIGUOUS: a QY group (OR procedure unrelated to the MDC); UNGROUPABLE: 0000. */
    public enum Status { GROUPED, AMBIGUOUS, UNGROUPABLE }

    /**
     * A secondary diagnosis on the MCC or CC list: its level, its exclusion table, and whether it
     * counted (its table differs from the principal diagnosis's table).
     */
    public record Complication(String code, String level, int exclusionTable, Integer principalTable, boolean counted) {
    }

    public boolean grouped() {
        return status == Status.GROUPED;
    }

    /** 1, 3, 5 or 9 from the DRG's fourth character; 0 when not grouped. */
    public int severity() {
        return grouped() && drg.length() == 4 && Character.isDigit(drg.charAt(3)) ? drg.charAt(3) - '0' : 0;
    }
}
