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

/** An assigned expert's opinion on a declaration (同意 / 不同意) with the reason; one per expert, never rewritten. */
@Entity
@Immutable
@Table(name = "special_case_opinion")
public class ExpertOpinion extends PanacheEntityBase {

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "declaration_id")
    public Long declarationId;
    public String expert;
    public String opinion;
    public String reason;
    public OffsetDateTime at;

    static String label(String opinion) {
        return APPROVE.equals(opinion) ? "同意" : REJECT.equals(opinion) ? "不同意" : opinion;
    }
}
