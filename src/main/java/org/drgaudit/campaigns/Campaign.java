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

/** An audit campaign (专项抽查审核): its scope, its sampling plan and where it stands. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String SAMPLED = "SAMPLED";
    public static final String IN_REVIEW = "IN_REVIEW";
    public static final String CLOSED = "CLOSED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String status;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] months;
    @Column(name = "hospital_level")
    public Short hospitalLevel;
    @Column(name = "hospital_codes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] hospitalCodes;
    @Column(name = "group_prefixes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] groupPrefixes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] families;
    @Column(name = "random_share")
    public BigDecimal randomShare;
    @Column(name = "min_per_hospital")
    public int minPerHospital;
    @Column(name = "max_suspicious")
    public int maxSuspicious;
    public long seed;
    public boolean extrapolate;
    @Column(name = "frame_hash")
    public String frameHash;
    /** The hash a campaign drawn before per-stratum hashes was published with (one SHA-256 over the frame). */
    @Column(name = "flat_frame_hash")
    public String flatFrameHash;
    @Column(name = "frame_size")
    public Integer frameSize;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "drawn_by")
    public String drawnBy;
    @Column(name = "drawn_at")
    public OffsetDateTime drawnAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "open_items_at_close")
    public Integer openItemsAtClose;
}
