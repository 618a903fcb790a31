package org.drgaudit.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtrapolationTest {

    private static List<BigDecimal> amounts(int... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }

    /**
     * Hand computation: N = 100 ordinary cases, 5 sampled with overpayments 0, 0, 100, 200, 0.
     * mean = 60; s² = (3·60² + 40² + 140²) / 4 = 8000, s = 89.4427; point = 100 · 60 = 6000;
     * SE = 100 · 89.4427 / √5 · √(1 − 5/100) = 3898.7177; t(0.90, 4) = 1.5332063;
     * lower limit = 6000 − 1.5332063 · 3898.7177 = 22.46.
     */
    @Test
    void theLowerLimitOfTheOneSided90PercentIntervalReproducesTheHandExampleToTheCent() {
        Extrapolation.Estimate e = Extrapolation.meanPerUnit(100, amounts(0, 0, 100, 200, 0));
        assertEquals(new BigDecimal("60.00"), e.sampleMean());
        assertEquals(new BigDecimal("89.44"), e.standardDeviation());
        assertEquals(new BigDecimal("6000.00"), e.pointEstimate());
        assertEquals(new BigDecimal("3898.72"), e.standardError());
        assertEquals(1.5332063, e.tQuantile(), 1e-7);
        assertEquals(new BigDecimal("22.46"), e.lowerBound90());
    }

    @Test
    void aSampleWithoutErrorsOrTooSmallGivesNoPositiveLowerBound() {
        assertEquals(new BigDecimal("0.00"), Extrapolation.meanPerUnit(50, amounts(0, 0, 0)).lowerBound90());
        assertNull(Extrapolation.meanPerUnit(50, amounts(300)).lowerBound90());
        assertNull(Extrapolation.meanPerUnit(50, List.of()).pointEstimate());
    }

    @Test
    void theStratifiedTotalAddsPointsAndVariances() {
        var a = Extrapolation.meanPerUnit(100, amounts(0, 0, 100, 200, 0));
        var b = Extrapolation.meanPerUnit(40, amounts(50, 0, 0, 0));
        var total = Extrapolation.stratified(List.of(a, b));
        assertEquals(a.pointEstimate().add(b.pointEstimate()), total.pointEstimate());
        assertEquals(Math.sqrt(Math.pow(a.standardError().doubleValue(), 2) + Math.pow(b.standardError().doubleValue(), 2)),
                total.standardError().doubleValue(), 0.01);
    }
}
