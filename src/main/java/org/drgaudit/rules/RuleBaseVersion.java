package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A rule-base version: its files (rule_version_file: rules, knowledge base, golden cases), hash, author
 * ({@code createdBy}), approver, times and state: DRAFT → VALIDATED → TESTED → BACKTESTED → APPROVED → ACTIVE →
 * RETIRED (exactly one ACTIVE). Editing a file of a draft puts it back to DRAFT.
 */
@Entity
@Table(name = "rule_base_version")
public class RuleBaseVersion extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String VALIDATED = "VALIDATED";
    public static final String TESTED = "TESTED";
    public static final String BACKTESTED = "BACKTESTED";
    public static final String APPROVED = "APPROVED";
    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";
    /** The states a version's files may still change in (editing puts it back to DRAFT). */
    public static final List<String> EDITABLE = List.of(DRAFT, VALIDATED, TESTED, BACKTESTED);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)

    public Integer id;
    public int version;
    public String status;
    public String title;
    /** DISK (the folders, at start-up or by reload), API (a draft edited through the service). */
    public String source;
    @Column(name = "base_version")
    public Integer baseVersion;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "rule_count")
    public int ruleCount;
    /** The knowledge-base version (kb_version id) it went live with; null before it went live. */
    @Column(name = "kb_version")
    public Integer kbVersion;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "validated_at")
    public OffsetDateTime validatedAt;
    @Column(name = "tested_at")
    public OffsetDateTime testedAt;
    @Column(name = "backtested_at")
    public OffsetDateTime backtestedAt;
    @Column(name = "approval_requested_by")
    public String approvalRequestedBy;
    @Column(name = "approval_requested_at")
    public OffsetDateTime approvalRequestedAt;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;
    @Column(name = "published_by")
    public String publishedBy;
    /** The last gate report (validation, golden cases), as stored. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public GateReport gate;
    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    static RuleBaseVersion byNumber(int version) {
        return find("version", version).firstResult();
    }

    static RuleBaseVersion active() {
        return find("status", ACTIVE).firstResult();
    }

    static int nextNumber() {
        Integer max = find("select max(version) from RuleBaseVersion").project(Integer.class).firstResult();
        return max == null ? 1 : max + 1;
    }
}
