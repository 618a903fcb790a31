package org.drgaudit.rules;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drgaudit.findings.FindingService.RulePrecision;
import org.junit.jupiter.api.Test;

/** The rule page proposes shadow mode for a live rule whose precision from review decisions is low enough, often enough. */
class ShadowProposalTest {

    private static RuleInfo rule(String mode) {
        return new RuleInfo("TL-04", "全自费比例过高", "s", "too-little-service", "SUSPICIOUS", "LOW", "b", null, null, mode, null,
                "too-little-service.drl", null);
    }

    @Test
    void aLiveRuleBelowThePrecisionWithEnoughDecisionsIsProposedForShadowMode() {
        String proposal = RuleResource.shadowProposal(rule(null), new RulePrecision("TL-04", 10, 3, 0.3), 0.5, 10);
        assertTrue(proposal.contains("精确率 30.0%") && proposal.contains("/rules/TL-04/mode"), proposal);
    }

    @Test
    void tooFewDecisionsAPrecisionAtTheThresholdOrAShadowRuleGiveNoProposal() {
        assertNull(RuleResource.shadowProposal(rule(null), new RulePrecision("TL-04", 9, 0, 0.0), 0.5, 10));
        assertNull(RuleResource.shadowProposal(rule(null), new RulePrecision("TL-04", 10, 5, 0.5), 0.5, 10));
        assertNull(RuleResource.shadowProposal(rule("shadow"), new RulePrecision("TL-04", 10, 0, 0.0), 0.5, 10));
        assertNull(RuleResource.shadowProposal(rule(null), new RulePrecision("TL-04", 0, 0, null), 0.5, 10));
    }
}
