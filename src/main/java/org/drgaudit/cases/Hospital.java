package org.drgaudit.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A hospital of the registry (定点医疗机构): level, alliance (医共体) and payment coefficient. */
@Entity
@Table(name = "hospital")
public class Hospital extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    public short level;
    public String type;
    public String region;
    @Column(name = "alliance_code")
    public String allianceCode;
    public BigDecimal coefficient;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public HospitalRecord toRecord() {
        return new HospitalRecord(code, name, (int) level, type, region, allianceCode, coefficient);
    }

    void apply(HospitalRecord r) {
        code = r.code();
        name = r.name();
        level = r.level().shortValue();
        type = r.type();
        region = r.region();
        allianceCode = r.allianceCode();
        coefficient = r.coefficient();
        updatedAt = OffsetDateTime.now();
    }
}
