package org.drgaudit.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The expectation of one golden case folder ({@code test-cases/<family>/<RULE-ID>-hit|miss[-n]/expected.json}):
 * the settlement month to sweep and exactly the findings it must give.
 */
record GoldenCase(String month, String description, List<Expected> findings) {

    record Expected(String ruleId, List<String> caseIds, BigDecimal amountAtStake, String correctGroup) {

        String key() {
            return ruleId + ":" + String.join(",", caseIds);
        }
    }
}
