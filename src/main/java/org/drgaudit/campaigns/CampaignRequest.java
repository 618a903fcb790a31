package org.drgaudit.campaigns;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an inspector sets on a campaign. Scope: settlement months (required), hospitals (a level 1–3,
 * or a list of codes, or neither for all), DRG code prefixes (an MDC letter such as "B", an ADRG such
 * as "BR2", or a group), rule families. Plan: random share and minimum per hospital of the ordinary
 * cases, how many SUSPICIOUS findings to add by money at stake, and the seed; unset values come from
 * the region's parameters ({@code sampling.*}) and a random seed. {@code extrapolate} asks the results to
 * extrapolate each hospital's random-sample overpayment to its ordinary cases.
 */
public record CampaignRequest(String name, List<String> months, Integer hospitalLevel, List<String> hospitalCodes,
                              List<String> groupPrefixes, List<String> families, BigDecimal randomShare,
                              Integer minPerHospital, Integer maxSuspicious, Long seed, Boolean extrapolate) {
}
