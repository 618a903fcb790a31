package org.drgaudit.sampling;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Extrapolates the overpayment found in a random sample to the population it was drawn from, by the
 * mean-per-unit estimator with the finite population correction, and reports the lower limit of the
 * one-sided 90% confidence interval: the defensible figure used in payment audits (the provider is
 * asked to repay at least what the sample shows with 90% confidence). Each hospital is a stratum; the
 * campaign total is the stratified estimate. The t quantile comes from Apache Commons Math.
 */
public final class Extrapolation {

    private static final MathContext MC = MathContext.DECIMAL64;

    private Extrapolation() {
    }

    /** One stratum's (or the total's) estimate; the lower bound is null below two sampled units. */
    public record Estimate(int populationSize, int sampleSize, BigDecimal sampleMean, BigDecimal standardDeviation,
                           BigDecimal pointEstimate, BigDecimal standardError, Double tQuantile, BigDecimal lowerBound90) {
    }

    /** N units in the stratum, the overpayment of each sampled unit (0 where nothing was confirmed). */
    public static Estimate meanPerUnit(int populationSize, List<BigDecimal> sample) {
        int n = sample.size();
        if (n == 0) {
            return new Estimate(populationSize, 0, null, null, null, null, null, null);
        }
        BigDecimal mean = sample.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(n), MC);
        BigDecimal point = mean.multiply(BigDecimal.valueOf(populationSize), MC);
        if (n < 2) {
            return new Estimate(populationSize, n, money(mean), null, money(point), null, null, null);
        }
        BigDecimal squares = sample.stream().map(y -> y.subtract(mean).pow(2, MC)).reduce(BigDecimal.ZERO, BigDecimal::add);
        double sd = Math.sqrt(squares.divide(BigDecimal.valueOf(n - 1), MC).doubleValue());
        double fpc = Math.sqrt(Math.max(0, 1 - (double) n / populationSize));
        double se = populationSize * sd / Math.sqrt(n) * fpc;
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.90);
        return new Estimate(populationSize, n, money(mean), money(BigDecimal.valueOf(sd)), money(point),
                money(BigDecimal.valueOf(se)), t, lower(point.doubleValue() - t * se));
    }

    /** The stratified total: points and variances add; degrees of freedom Σ(nₕ − 1). */
    public static Estimate stratified(List<Estimate> strata) {
        List<Estimate> usable = strata.stream().filter(e -> e.standardError() != null).toList();
        if (usable.isEmpty()) {
            return null;
        }
        int population = usable.stream().mapToInt(Estimate::populationSize).sum();
        int sample = usable.stream().mapToInt(Estimate::sampleSize).sum();
        BigDecimal point = usable.stream().map(Estimate::pointEstimate).reduce(BigDecimal.ZERO, BigDecimal::add);
        double variance = usable.stream().mapToDouble(e -> Math.pow(e.standardError().doubleValue(), 2)).sum();
        int df = usable.stream().mapToInt(e -> e.sampleSize() - 1).sum();
        double se = Math.sqrt(variance);
        double t = new TDistribution(df).inverseCumulativeProbability(0.90);
        return new Estimate(population, sample, null, null, money(point), money(BigDecimal.valueOf(se)), t,
                lower(point.doubleValue() - t * se));
    }

    private static BigDecimal lower(double value) {
        return money(BigDecimal.valueOf(Math.max(0, value)));
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
