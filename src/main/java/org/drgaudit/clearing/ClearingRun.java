package org.drgaudit.clearing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A clearing run (清算批次) of one region and year: a draft until an authorised user finalises it, then
 * immutable. A correction is a new run that names the run it corrects.
 */
@Entity
@Table(name = "clearing_run")
public class ClearingRun extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String FINAL = "FINAL";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String region;
    public int year;
    public String status;
    public String method;
    @Column(name = "corrects_run_id")
    public Long correctsRunId;
    @Column(name = "kb_version")
    public int kbVersion;
    public BigDecimal budget;
    public BigDecimal distributable;
    @Column(name = "total_points")
    public BigDecimal totalPoints;
    @Column(name = "point_value")
    public BigDecimal pointValue;
    @Column(name = "total_due")
    public BigDecimal totalDue;
    @Column(name = "total_balance")
    public BigDecimal totalBalance;
    /** What the fund kept of the distributable budget (negative: paid beyond it). */
    public BigDecimal retained;
    /** What the run could not apply, and why (nothing confirmed is left out silently). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> notes;
    @Column(name = "hospital_count")
    public int hospitalCount;
    @Column(name = "finding_count")
    public int findingCount;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> parameters;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "computed_by")
    public String computedBy;
    @Column(name = "computed_at")
    public OffsetDateTime computedAt;
    @Column(name = "finalised_by")
    public String finalisedBy;
    @Column(name = "finalised_at")
    public OffsetDateTime finalisedAt;
}
