package org.drgaudit.rules.facts;

import java.math.BigDecimal;

/**
 * What the rules need to know of a hospital: region, level (1 primary, 2 secondary, 3 tertiary; the direction of a
 * referral inside an alliance), alliance (医共体) and payment coefficient.
 */
public record HospitalInfo(String code, String name, String region, int level, String allianceCode, BigDecimal coefficient) {
}
