package org.drgaudit.sampling;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The exact (Clopper–Pearson) confidence interval of an error rate: x errors among n decided cases. Defined for
 * every x from 0 to n, so that a clean sample (0 of n), the normal and hoped-for outcome, and an all-wrong one
 * (n of n) have their interval too. Inside, the bounds are Beta quantiles (Apache Commons Math); at the edges the
 * open side is 0 or 1 and the other bound has a closed form, the exact one-sided bound at level 1 − α/2:
 * 0 of n gives [0, 1 − (α/2)^(1/n)], n of n gives [(α/2)^(1/n), 1] (as R's {@code binom.test}).
 */
public final class ClopperPearson {

    private ClopperPearson() {
    }

    /** A two-sided interval of a proportion. */
    public record Interval(double lower, double upper) {
    }

    /** The interval at the given confidence (e.g. 0.95) for {@code errors} of {@code decided}; decided ≥ 1. */
    public static Interval of(int decided, int errors, double confidence) {
        if (decided < 1 || errors < 0 || errors > decided) {
            throw new IllegalArgumentException("An error rate needs 0 ≤ errors ≤ decided and decided ≥ 1, got "
                    + errors + " of " + decided + ".");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Confidence must lie strictly between 0 and 1, got " + confidence + ".");
        }
        double tail = (1 - confidence) / 2;
        double edge = Math.pow(tail, 1.0 / decided);
        double lower = errors == 0 ? 0 : errors == decided ? edge
                : new BetaDistribution(errors, decided - errors + 1).inverseCumulativeProbability(tail);
        double upper = errors == decided ? 1 : errors == 0 ? 1 - edge
                : new BetaDistribution(errors + 1, decided - errors).inverseCumulativeProbability(1 - tail);
        return new Interval(lower, upper);
    }
}
