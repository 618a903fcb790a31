package org.drgaudit.specialcases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One step of a declaration (申报, 指派专家, 专家意见, 认定, 撤回 …): who, when, what and why; never rewritten. */
@Entity
@Immutable
@Table(name = "special_case_event")
public class DeclarationEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "declaration_id")
    public Long declarationId;
    public String step;
    public String action;
    public String actor;
    public OffsetDateTime at;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;
}
