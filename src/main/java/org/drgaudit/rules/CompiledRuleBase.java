package org.drgaudit.rules;

import java.util.List;
import java.util.SortedMap;
import org.kie.api.KieBase;

/** A compiled rule base: the Drools KieBase, the files it came from, their hash and its rules. */
public record CompiledRuleBase(KieBase kieBase, SortedMap<String, String> files, String contentHash,
                               List<RuleInfo> rules) {

    /** A session to evaluate facts with; close it when done. */
    public RuleSession newSession() {
        return new RuleSession(kieBase);
    }
}
