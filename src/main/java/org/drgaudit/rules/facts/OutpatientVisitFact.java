package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One of the patient's outpatient visits around a stay (within the region's cost-shift window, any hospital):
 * {@code daysFromStay} is negative before admission (days before), 0 during the stay, positive after discharge.
 */
public record OutpatientVisitFact(String visitId, String hospitalCode, boolean sameHospital, LocalDate visitDate,
                                  long daysFromStay, String diagnosisCode, BigDecimal totalCost, BigDecimal fundPayment) {
}
