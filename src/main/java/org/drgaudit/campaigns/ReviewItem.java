package org.drgaudit.campaigns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One sampled case moving through the review (初审 → 复审 → 申诉 → 调查核实 → 违规处理): the step it is at, its
 * deadline and, once done, the outcome. The history in {@link ReviewEvent} is the record; this is where it stands.
 */
@Entity
@Table(name = "review_item")
public class ReviewItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "campaign_id")
    public long campaignId;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "hospital_code")
    public String hospitalCode;
    @Column(name = "finding_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Long[] findingIds;
    public String step;
    public String outcome;
    public OffsetDateTime deadline;
    @Column(name = "confirmed_amount")
    public BigDecimal confirmedAmount;
    @Column(name = "correct_group")
    public String correctGroup;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
