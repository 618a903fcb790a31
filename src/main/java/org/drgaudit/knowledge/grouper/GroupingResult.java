package org.drgaudit.knowledge.grouper;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the grouper assigned: the DRG (or a QY ambiguous group, or 0000), its MDC and ADRG, the
 * severity its split condition expresses, the MCC/CC that counted and those the exclusion table
 * cancelled, the path it took, and for 0000 the reason in words and as a {@link Cause}.
 *
 * @param severity 1 with MCC, 3 with MCC or CC, 5 without, 9 not split (from the DRG's split
 *                 condition in the tables, not from its code); 0 when not grouped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupingResult(String grouperVersion, Status status, String drg, String drgName, String mdc, String adrg,
                             int severity, String reason, Cause cause, List<Complication> complications,
                             List<TraceStep> trace) {

    public static final String UNGROUPABLE = "0000";

    /** GROUPED: a DRG; AMBIGUOUS: a QY group (OR procedure unrelated to the MDC); UNGROUPABLE: 0000. */
    public enum Status { GROUPED, AMBIGUOUS, UNGROUPABLE }

    /** Why a case is 0000. The first five are inputs the scheme needs and the settlement list lacks or has wrong. */
    public enum Cause {
        /** No principal diagnosis. */
        PRINCIPAL_MISSING(true),
        /** Sex not recorded: the sex-specific MDCs and codes cannot be decided. */
        SEX_MISSING(true),
        /** Neither age in years nor age in days. */
        AGE_MISSING(true),
        /** An infant (under one year) without age in days: newborn (≤ 28 days) or not cannot be decided. */
        AGE_DAYS_MISSING(true),
        /** A newborn (≤ 28 days) without birth weight: the newborn ADRGs split by weight. */
        BIRTH_WEIGHT_MISSING(true),
        /** The principal diagnosis is on the scheme's list of codes not valid as principal. */
        PRINCIPAL_DIAGNOSIS_INVALID(true),
        /** The principal procedure is on the scheme's list of codes not valid as principal procedure. */
        PRINCIPAL_PROCEDURE_INVALID(true),
        /** The principal diagnosis is in no MDC's list. */
        PRINCIPAL_IN_NO_MDC(false),
        /** The principal diagnosis is in an MDC's list but the case does not meet the MDC's entry (sex, age). */
        MDC_ENTRY_NOT_MET(false),
        /** MDCs were entered but none of their ADRGs takes the case. */
        NO_ADRG(false),
        /** An ADRG took the case but none of its DRGs' split conditions holds (incomplete tables). */
        NO_DRG(false);

        private final boolean dataQuality;

        Cause(boolean dataQuality) {
            this.dataQuality = dataQuality;
        }

        /** Whether the settlement list itself is incomplete or wrong (a data-quality matter), not the case's clinical content. */
        public boolean dataQuality() {
            return dataQuality;
        }
    }

    /**
     * A secondary diagnosis on the MCC or CC list: its level, its exclusion table, and whether it
     * counted (its table differs from the principal diagnosis's table).
     */
    public record Complication(String code, String level, int exclusionTable, Integer principalTable, boolean counted) {
    }

    public boolean grouped() {
        return status == Status.GROUPED;
    }
}
