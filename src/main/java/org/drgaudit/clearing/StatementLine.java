package org.drgaudit.clearing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One line of a hospital's statement: what it is, where it comes from (source type GROUP, CASE, FINDING,
 * CAMPAIGN, SPECIAL_CASE or PARAMETER and the id), the case and group it concerns, its points (point method) and its
 * amount in CNY, and a Chinese explanation with the formula filled in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementLine(LineKind kind, String label, String sourceType, String sourceId, String caseId, String groupCode,
                            Integer caseCount, BigDecimal points, BigDecimal amount, String explanation) {

    public static final String GROUP = "GROUP";
    public static final String CASE = "CASE";
    public static final String FINDING = "FINDING";
    public static final String CAMPAIGN = "CAMPAIGN";
    public static final String PARAMETER = "PARAMETER";
    /** A special-case declaration (特例单议申报), by its id. */
    public static final String SPECIAL_CASE = "SPECIAL_CASE";

    StatementLine withAmount(BigDecimal value) {
        return new StatementLine(kind, label, sourceType, sourceId, caseId, groupCode, caseCount, points, value, explanation);
    }
}
