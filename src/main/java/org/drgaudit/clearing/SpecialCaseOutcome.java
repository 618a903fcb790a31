package org.drgaudit.clearing;

import java.math.BigDecimal;

/**
 * A special-case declaration (特例单议) of the clearing year as clearing needs it: its case, hospital and group, and
 * where it stands. An approved one carries the extra payment decided with it (points under the point method, and
 * yuan) and its explanation, which clearing pays on a {@code SPECIAL_CASE} line exactly; one still under review or
 * rejected only says so on the statement.
 */
public record SpecialCaseOutcome(long declarationId, String caseId, String hospitalCode, String groupCode, String categoryLabel,
                                 Status status, BigDecimal extraPoints, BigDecimal extraAmount, String insuranceType,
                                 String explanation) {

    /** Approved (认定), under review (declared or with the experts), or rejected (不予认定). */
    public enum Status { APPROVED, PENDING, REJECTED }
}
