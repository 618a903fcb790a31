package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A campaign's extrapolated overpayment for one hospital (lower limit of the one-sided 90% interval), and
 * the random-sample cases whose confirmed errors the statement already deducts one by one.
 */
public record CampaignExtrapolation(long campaignId, String campaignName, String hospitalCode, BigDecimal lowerBound,
                                    Set<String> sampledConfirmedCases) {
}
