package org.drgaudit.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    /** R: binom.test(0, 10)$conf.int = [0, 0.3084971]; binom.test(10, 10)$conf.int = [0.6915029, 1]. */
    @Test
    void aCleanSampleAndAnAllWrongOneHaveTheirExactOneSidedBounds() {
        ClopperPearson.Interval clean = ClopperPearson.of(10, 0, 0.95);
        assertEquals(0.0, clean.lower());
        assertEquals(0.3084971, clean.upper(), 1e-7);
        ClopperPearson.Interval wrong = ClopperPearson.of(10, 10, 0.95);
        assertEquals(0.6915029, wrong.lower(), 1e-7);
        assertEquals(1.0, wrong.upper());
        ClopperPearson.Interval one = ClopperPearson.of(1, 0, 0.95);
        assertEquals(0.975, one.upper(), 1e-12);
    }

    @Test
    void insideTheEdgesTheBoundsAreThoseOfCommonsMath() {
        for (int n = 2; n <= 40; n += 7) {
            for (int x = 1; x < n; x++) {
                ConfidenceInterval expected = new ClopperPearsonInterval().createInterval(n, x, 0.95);
                ClopperPearson.Interval actual = ClopperPearson.of(n, x, 0.95);
                assertEquals(expected.getLowerBound(), actual.lower(), 1e-8, x + " of " + n);
                assertEquals(expected.getUpperBound(), actual.upper(), 1e-8, x + " of " + n);
            }
        }
        assertEquals(0.0126, ClopperPearson.of(2, 1, 0.95).lower(), 1e-4);
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(3, 4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.of(3, 1, 1.0));
    }
}
