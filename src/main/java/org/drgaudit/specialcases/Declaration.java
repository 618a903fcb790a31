package org.drgaudit.specialcases;

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

/**
 * A special-case declaration (特例单议申报): the case, the category and reason the hospital gave, where it stands
 * (申报 → 专家评审 → 认定 / 不予认定, or 撤回), the seed its experts were drawn with, the deadlines, the decision and,
 * once approved, the extra payment clearing adds. Decided and withdrawn declarations do not change (the database
 * refuses it); every step is also a {@link DeclarationEvent}.
 */
@Entity
@Table(name = "special_case_declaration")
public class Declaration extends PanacheEntityBase {

    public static final String DECLARED = "DECLARED";
    public static final String ASSIGNED = "ASSIGNED";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String WITHDRAWN = "WITHDRAWN";
    static final Map<String, String> STATUS_LABELS = Map.of(DECLARED, "已申报，待指派专家", ASSIGNED, "专家评审中",
            APPROVED, "认定", REJECTED, "不予认定", WITHDRAWN, "已撤回");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "hospital_code")
    public String hospitalCode;
    public String region;
    public String period;
    @Column(name = "settlement_month")
    public LocalDate settlementMonth;
    public String category;
    public String reason;
    @Column(name = "finding_id")
    public Long findingId;
    @Column(name = "group_code")
    public String groupCode;
    @Column(name = "total_cost")
    public BigDecimal totalCost;
    public String status;
    @Column(name = "declared_by")
    public String declaredBy;
    @Column(name = "declared_at")
    public OffsetDateTime declaredAt;
    public Long seed;
    @Column(name = "assigned_by")
    public String assignedBy;
    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;
    @Column(name = "review_deadline")
    public OffsetDateTime reviewDeadline;
    @Column(name = "decision_deadline")
    public OffsetDateTime decisionDeadline;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    public Integer approvals;
    public Integer rejections;
    @Column(name = "payment_method")
    public String paymentMethod;
    @Column(name = "payment_ratio")
    public BigDecimal paymentRatio;
    @Column(name = "extra_points")
    public BigDecimal extraPoints;
    @Column(name = "extra_amount")
    public BigDecimal extraAmount;
    @Column(name = "payment_explanation")
    public String paymentExplanation;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public SpecialCaseCategory categoryValue() {
        return SpecialCaseCategory.valueOf(category);
    }

    public boolean open() {
        return DECLARED.equals(status) || ASSIGNED.equals(status);
    }
}
