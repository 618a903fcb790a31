package org.drgaudit.sampling;

import java.math.BigDecimal;

/** The random part of a sampling plan: the share of each hospital's ordinary cases, a minimum per hospital, a seed. */
public record SamplingPlan(BigDecimal randomShare, int minPerHospital, long seed) {
}
