package org.drgaudit.clearing;

import java.math.BigDecimal;

/** What clearing needs of one settled case: its hospital, the group it was paid by, its costs and insurance type. */
public record CaseFacts(String caseId, String hospitalCode, String groupCode, String insuranceType, BigDecimal totalCost,
                        BigDecimal fundPayment) {
}
