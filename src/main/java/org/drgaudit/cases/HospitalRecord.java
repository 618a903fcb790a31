package org.drgaudit.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** A hospital as imported and shown: code, name, level 1–3, type, region, alliance code, coefficient. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HospitalRecord(String code, String name, Integer level, String type, String region,
                             String allianceCode, BigDecimal coefficient) {

    boolean sameAs(HospitalRecord o) {
        return java.util.Objects.equals(name, o.name) && java.util.Objects.equals(level, o.level)
                && java.util.Objects.equals(type, o.type) && java.util.Objects.equals(region, o.region)
                && java.util.Objects.equals(allianceCode, o.allianceCode)
                && coefficient != null && o.coefficient != null && coefficient.compareTo(o.coefficient) == 0;
    }
}
