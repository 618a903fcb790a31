package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A golden case as the rule base shows it: its folder ({@code high-coding/HC-01-hit}), the family and rule it is for
 * and whether the rule must fire (hit) or not (miss), the month it sweeps, what it describes, and exactly the findings
 * it expects with their money where the case states it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoldenCaseView(String name, String family, String ruleId, String kind, String month, String description,
                             List<Expected> findings) {

    /** One expected finding: rule, cases, and the overpayment, patient refund, unpriced mark and correct group if stated. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expected(String ruleId, List<String> caseIds, BigDecimal overpayment, BigDecimal patientRefund,
                           Boolean unpriced, String correctGroup) {
    }
}
