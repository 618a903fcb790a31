package org.drgaudit.specialcases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A declaration window the bureau keeps open past the parameters' deadline (补报), for one hospital or all (null). */
@Entity
@Immutable
@Table(name = "special_case_window")
public class DeclarationWindow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String region;
    @Column(name = "hospital_code")
    public String hospitalCode;
    public String period;
    @Column(name = "open_until")
    public LocalDate openUntil;
    public String reason;
    @Column(name = "granted_by")
    public String grantedBy;
    @Column(name = "granted_at")
    public OffsetDateTime grantedAt;
}
