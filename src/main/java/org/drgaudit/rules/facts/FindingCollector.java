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
 * {@code findings.on($case).explain(...).evidence(...).price(...).add()}; the collector knows which
 * rule is firing (set by the session's agenda listener) and takes id, family, result type, severity
 * and mode from that rule's metadata, and drops a finding whose case lies outside the rule's
 * {@code @since}/{@code @until}, and records the knowledge set in force on that case's discharge date. A special case (family {@code special-case}) never carries money; any
 * other finding that a rule did not price is recorded as unpriced, never as zero.
 */
public final class FindingCollector {

    /** The family whose findings are candidates for special-case review and never carry money. */
    public static final String SPECIAL_CASE = "special-case";

    private final List<RuleFinding> findings = new ArrayList<>();
    private final java.util.Set<String> keys = new java.util.HashSet<>();
    private final Map<String, Boolean> shadow;
    private boolean strictTemplates;
    private Rule firing;

    /**
     * A template that does not render from its evidence fails the finding (golden cases, the gate); in a sweep the
     * finding keeps a plain explanation instead, so one case never stops a month.
     */
    public void strictTemplates() {
        this.strictTemplates = true;
    }

    /** {@code shadow}: the rules' modes as published (rule id → shadow), over their DRL's @mode. */
    public FindingCollector(Map<String, Boolean> shadow) {
        this.shadow = shadow;
    }

    public void firing(Rule rule) {
        this.firing = rule;
    }

    public Draft on(AuditCase c) {
        return new Draft(List.of(c));
    }

    /** A finding on a case the rules could not judge as claimed (the data-quality rules). */
    public Draft on(UnjudgedCase c) {
        return new Draft(List.of(c));
    }

    public Draft on(AuditCase earlier, AuditCase later) {
        return new Draft(List.of(earlier, later));
    }

    public Draft on(List<AuditCase> episode) {
        return new Draft(episode);
    }

    /** The evidence as it is stored and read back (JSON: ISO dates, plain numbers, lists). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asStored(Map<String, Object> evidence) {
        return org.drgaudit.shared.CanonicalJson.MAPPER.convertValue(evidence, Map.class);
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
        private final List<? extends CaseFact> cases;
        private String explanation;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private Price price;
        private String correctGroup;

        private Draft(List<? extends CaseFact> cases) {
            this.cases = cases;
        }

        public Draft explain(String text) {
            this.explanation = text;
            return this;
        }

        public Draft evidence(String name, Object value) {
            evidence.put(name, value instanceof CaseFact c ? c.getCaseId() : value);
            return this;
        }

        /** The money of the finding: an overpayment, a patient refund, or unpriced with the reason. */
        public Draft price(Price value) {
            this.price = value;
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
            CaseFact last = cases.get(cases.size() - 1);
            LocalDate discharged = last.getDischargeTime().toLocalDate();
            String since = RuleMetadata.text(meta, "since");
            String until = RuleMetadata.text(meta, "until");
            if (since != null && discharged.isBefore(LocalDate.parse(since))
                    || until != null && discharged.isAfter(LocalDate.parse(until))) {
                return;
            }
            String family = RuleMetadata.text(meta, "family");
            Price money = SPECIAL_CASE.equals(family) ? null
                    : price != null ? price : Price.unpriced("规则 " + RuleMetadata.text(meta, "id") + " 未计算金额");
            if (money != null && money.overpayment() != null && money.overpayment().signum() > 0) {
                // whose payment the overpayment comes from, so that review can keep two findings from taking it twice
                Map<String, Object> pricing = new LinkedHashMap<>();
                pricing.put("parts", money.parts().isEmpty() ? Map.of(last.getCaseId(), money.overpayment()) : money.parts());
                if (money.factor() != null) {
                    pricing.put("factor", money.factor());
                }
                evidence.put("pricing", pricing);
            }
            String template = RuleMetadata.text(meta, "explanation");
            String moneySentence = money == null ? null : money.sentence();
            String text = explanation;
            if (template != null) {
                // rendered from the evidence as stored (JSON values), so a masked view renders the same way
                try {
                    text = org.drgaudit.shared.TextTemplates.render(template, asStored(evidence))
                            + (moneySentence == null ? "" : moneySentence);
                } catch (RuntimeException e) {
                    if (strictTemplates) {
                        throw new IllegalStateException("the @explanation template of " + RuleMetadata.text(meta, "id")
                                + " does not render from its evidence: " + e.getMessage(), e);
                    }
                    org.jboss.logging.Logger.getLogger(FindingCollector.class).warnf("Explanation template of %s: %s",
                            RuleMetadata.text(meta, "id"), e.getMessage());
                    text = (explanation != null ? explanation : "规则 " + RuleMetadata.nameOf(firing) + " 的说明模板无法按证据生成，详见证据。")
                            + (moneySentence == null ? "" : moneySentence);
                    template = null;
                }
            }
            RuleFinding finding = new RuleFinding(RuleMetadata.text(meta, "id"), RuleMetadata.nameOf(firing),
                    family, RuleMetadata.text(meta, "resultType"),
                    RuleMetadata.text(meta, "severity"), shadow.getOrDefault(RuleMetadata.text(meta, "id"), "shadow".equals(RuleMetadata.text(meta, "mode"))),
                    last.getHospitalCode(), last.getPatientId(), cases.stream().map(CaseFact::getCaseId).toList(),
                    text, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence)),
                    money == null ? null : money.overpayment(), money == null ? null : money.patientRefund(),
                    money == null ? null : money.unpricedReason(), correctGroup, template, template == null ? null : moneySentence,
                    last.getKnowledgeSet());
            // A rule whose condition has alternatives can match one case twice; it is one finding.
            if (keys.add(finding.key())) {
                findings.add(finding);
            }
        }
    }
}
