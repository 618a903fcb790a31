package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the gate found for a version's files: {@code stage} VALIDATED (compiles, parameters declared, templates
 * parse), TESTED (and every golden case gives exactly its expected findings, every rule has a hit and a miss) or
 * FAILED; the faults with file, line and column; the golden-case report; the golden cases this version changed
 * against the one it was drafted from (an approver sees which expectations moved).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateReport(String stage, List<CompileError> errors, RegressionReport regression, List<String> coverage,
                         List<String> goldenCasesChanged, int rules, OffsetDateTime at) {

    public static final String VALIDATED = "VALIDATED";
    public static final String TESTED = "TESTED";
    public static final String FAILED = "FAILED";

    public boolean passed() {
        return !FAILED.equals(stage);
    }
}
