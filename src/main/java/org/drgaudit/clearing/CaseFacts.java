package org.drgaudit.clearing;

import java.math.BigDecimal;

/**
 * What clearing needs of one settled case: its hospital, the group it was paid by, its cost, insurance type and the
 * share the patient bore (netted under the rate method where the region says so; null when the case does not say).
 */
public record CaseFacts(String caseId, String hospitalCode, String groupCode, String insuranceType, BigDecimal totalCost,
                        BigDecimal fundPayment, BigDecimal patientShare) {
}
