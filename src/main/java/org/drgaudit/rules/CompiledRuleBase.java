package org.drgaudit.rules;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.kie.api.KieBase;

/**
 * A compiled rule base: the Drools KieBase, the files it came from, their hash, its rules and which of them run in
 * shadow mode (by rule id; from @mode or rule-settings.yaml).
 */
public record CompiledRuleBase(KieBase kieBase, SortedMap<String, String> files, String contentHash,
                               List<RuleInfo> rules, Map<String, Boolean> shadow) {

    /** A session to evaluate facts with; close it when done. */
    public RuleSession newSession() {
        return new RuleSession(kieBase, shadow);
    }
}
