package org.drgaudit.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A finding (疑点) as stored: what rule flagged which cases, why, and for how much. */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "sweep_id")
    public long sweepId;
    public LocalDate month;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "rule_name")
    public String ruleName;
    public String family;
    @Column(name = "result_type")
    public String resultType;
    public String severity;
    public boolean shadow;
    @Column(name = "hospital_code")
    public String hospitalCode;
    @Column(name = "patient_id")
    public String patientId;
    @Column(name = "case_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] caseIds;
    @Column(name = "finding_key")
    public String findingKey;
    public String explanation;
    /** The rule's template the explanation was rendered from (null: written by the rule's consequence). */
    @Column(name = "explanation_template")
    public String explanationTemplate;
    /** The money sentence that follows the rendered template. */
    @Column(name = "money_sentence")
    public String moneySentence;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> evidence;
    /** The fund's overpayment as the rule priced it; null when unpriced or a special case. */
    @Column(name = "amount_at_stake")
    public BigDecimal amountAtStake;
    @Column(name = "patient_refund")
    public BigDecimal patientRefund;
    @Column(name = "unpriced_reason")
    public String unpricedReason;
    @Column(name = "correct_group")
    public String correctGroup;
    @Column(name = "rule_base_version")
    public int ruleBaseVersion;
    @Column(name = "kb_version")
    public int kbVersion;
    /** The dated knowledge set that judged the case: parameters / grouper version / catalogue. */
    @Column(name = "knowledge_set")
    public String knowledgeSet;
    @Column(name = "review_status")
    public String reviewStatus;
    public boolean visible;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
