package org.drgaudit.rules.facts;

import java.math.BigDecimal;

/** What the rules need to know of a hospital: region, alliance (医共体) and payment coefficient. */
public record HospitalInfo(String code, String name, String region, String allianceCode, BigDecimal coefficient) {
}
