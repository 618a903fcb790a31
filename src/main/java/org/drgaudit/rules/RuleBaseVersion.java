package org.drgaudit.rules;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A rule-base version that went live: ACTIVE (exactly one) or RETIRED. Its files are kept in rule_file. */
@Entity
@Table(name = "rule_base_version")
public class RuleBaseVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public int version;
    public String status;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "rule_count")
    public int ruleCount;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
}
