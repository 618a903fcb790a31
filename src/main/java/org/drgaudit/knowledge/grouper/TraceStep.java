package org.drgaudit.knowledge.grouper;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One step of a grouping path: the stage (MDC, ADRG, DRG, RESULT), the table row it concerns, the
 * condition tested, the codes that matched, and the same in a sentence an inspector or a hospital
 * can read.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TraceStep(String stage, String code, String condition, List<String> matched, String explanation) {
}
