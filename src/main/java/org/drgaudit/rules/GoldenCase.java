package org.drgaudit.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The expectation of one golden case folder ({@code test-cases/<family>/<RULE-ID>-hit|miss[-n]/expected.json}):
 * the settlement month to sweep and exactly the findings it must give, with their money where the case states it:
 * {@code overpayment} ({@code amountAtStake} is its historic name), {@code patientRefund}, or {@code unpriced: true}.
 */
public record GoldenCase(String month, String description, List<Expected> findings) {

    public record Expected(String ruleId, List<String> caseIds, BigDecimal amountAtStake, BigDecimal overpayment,
                    BigDecimal patientRefund, Boolean unpriced, String correctGroup) {

        public String key() {
            return ruleId + ":" + String.join(",", caseIds);
        }

        /** The expected overpayment under either name. */
        public BigDecimal expectedOverpayment() {
            return overpayment != null ? overpayment : amountAtStake;
        }
    }
}
