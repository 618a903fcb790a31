package org.drgaudit.rules;

import java.util.ArrayList;
import java.util.List;
import org.drgaudit.rules.facts.FindingCollector;
import org.drgaudit.rules.facts.RuleFinding;
import org.kie.api.KieBase;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One long-lived stateful session: facts of a batch of whole patients go in, the rules fire, the
 * facts come out again and the findings are returned. Not thread-safe; one per worker.
 */
public final class RuleSession implements AutoCloseable {

    private final KieSession session;
    private final FindingCollector findings;

    RuleSession(KieBase kieBase, java.util.Map<String, Boolean> shadow) {
        this.findings = new FindingCollector(shadow);
        this.session = kieBase.newKieSession();
        session.setGlobal("findings", findings);
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                findings.firing(event.getMatch().getRule());
            }
        });
    }

    /** Templates that do not render fail the finding (for golden cases and the gate). */
    RuleSession strictTemplates() {
        findings.strictTemplates();
        return this;
    }

    /** Inserts the facts (judged {@link AuditCase}s, and the {@link org.drgaudit.rules.facts.UnjudgedCase}s the
     * data-quality rules read), fires the rules, removes the facts again and returns the findings. */
    public List<RuleFinding> evaluate(List<?> batch) {
        List<FactHandle> handles = new ArrayList<>(batch.size());
        for (Object c : batch) {
            handles.add(session.insert(c));
        }
        session.fireAllRules();
        for (FactHandle h : handles) {
            session.delete(h);
        }
        return findings.drain();
    }

    @Override
    public void close() {
        session.dispose();
    }
}
