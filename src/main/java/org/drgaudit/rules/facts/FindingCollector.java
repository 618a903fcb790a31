package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * The DRL global {@code findings}. A rule's consequence describes its finding with
 * {@code findings.on($case).explain(...).evidence(...).amount(...).add()}; the collector knows which
 * rule is firing (set by the session's agenda listener) and takes id, family, result type, severity
 * and mode from that rule's metadata, and drops a finding whose case lies outside the rule's
 * {@code @since}/{@code @until}.
 */
public final class FindingCollector {

    private final List<RuleFinding> findings = new ArrayList<>();
    private final java.util.Set<String> keys = new java.util.HashSet<>();
    private Rule firing;

    public void firing(Rule rule) {
        this.firing = rule;
    }

    public Draft on(AuditCase c) {
        return new Draft(List.of(c));
    }

    public Draft on(AuditCase earlier, AuditCase later) {
        return new Draft(List.of(earlier, later));
    }

    public Draft on(List<AuditCase> episode) {
        return new Draft(episode);
    }

    /** Everything collected since the last drain. */
    public List<RuleFinding> drain() {
        List<RuleFinding> out = new ArrayList<>(findings);
        findings.clear();
        keys.clear();
        return out;
    }

    /** One finding being described by a consequence. */
    public final class Draft {
        private final List<AuditCase> cases;
        private String explanation;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private BigDecimal amount;
        private String correctGroup;

        private Draft(List<AuditCase> cases) {
            this.cases = cases;
        }

        public Draft explain(String text) {
            this.explanation = text;
            return this;
        }

        public Draft evidence(String name, Object value) {
            evidence.put(name, value instanceof AuditCase c ? c.getCaseId() : value);
            return this;
        }

        public Draft amount(BigDecimal value) {
            this.amount = value;
            return this;
        }

        public Draft correctGroup(String code) {
            this.correctGroup = code;
            return this;
        }

        public void add() {
            if (firing == null) {
                throw new IllegalStateException("A finding was added outside a rule consequence");
            }
            Map<String, Object> meta = firing.getMetaData();
            AuditCase last = cases.get(cases.size() - 1);
            LocalDate discharged = last.getDischargeTime().toLocalDate();
            String since = RuleMetadata.text(meta, "since");
            String until = RuleMetadata.text(meta, "until");
            if (since != null && discharged.isBefore(LocalDate.parse(since))
                    || until != null && discharged.isAfter(LocalDate.parse(until))) {
                return;
            }
            RuleFinding finding = new RuleFinding(RuleMetadata.text(meta, "id"), RuleMetadata.nameOf(firing),
                    RuleMetadata.text(meta, "family"), RuleMetadata.text(meta, "resultType"),
                    RuleMetadata.text(meta, "severity"), "shadow".equals(RuleMetadata.text(meta, "mode")),
                    last.getHospitalCode(), last.getPatientId(), cases.stream().map(AuditCase::getCaseId).toList(),
                    explanation, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence)), amount, correctGroup);
            // A rule whose condition has alternatives can match one case twice; it is one finding.
            if (keys.add(finding.key())) {
                findings.add(finding);
            }
        }
    }
}
