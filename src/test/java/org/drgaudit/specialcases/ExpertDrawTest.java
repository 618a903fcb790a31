package org.drgaudit.specialcases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.drgaudit.security.ExpertPool;
import org.junit.jupiter.api.Test;

/** The expert draw is reproducible from the seed, ranks by SHA-256 keys, and the decision rules settle as the policy says. */
class ExpertDrawTest {

    private static final List<ExpertPool.Expert> POOL = IntStream.range(0, 8)
            .mapToObj(i -> new ExpertPool.Expert("e" + i, "专家 " + i, "内科", "H00" + i)).toList();

    @Test
    void theSameSeedAndDeclarationDrawTheSameExpertsWithTheLowestKeys() {
        List<ExpertDraw.Drawn> a = ExpertDraw.draw(42, 7, POOL, 3);
        List<ExpertPool.Expert> reversed = new java.util.ArrayList<>(POOL);
        java.util.Collections.reverse(reversed);
        assertEquals(a, ExpertDraw.draw(42, 7, reversed, 3), "the order of the pool does not matter");
        assertEquals(3, a.size());
        String highestDrawn = a.get(2).key();
        POOL.stream().filter(e -> a.stream().noneMatch(d -> d.expert().equals(e)))
                .forEach(e -> assertTrue(ExpertDraw.key(42, 7, e.username()).compareTo(highestDrawn) > 0, e.username()));
        assertEquals(ExpertDraw.key(42, 7, a.get(0).expert().username()), a.get(0).key());
    }

    @Test
    void anotherSeedOrDeclarationGivesOtherKeys() {
        assertNotEquals(ExpertDraw.key(42, 7, "e1"), ExpertDraw.key(43, 7, "e1"));
        assertNotEquals(ExpertDraw.key(42, 7, "e1"), ExpertDraw.key(42, 8, "e1"));
    }

    @Test
    void aMajorityOfTheAssignedApprovesAndOnceItCannotTheDeclarationIsRejected() {
        assertEquals(Boolean.TRUE, ExpertReviewService.outcome("MAJORITY", 3, 2, 0, false));
        assertEquals(Boolean.FALSE, ExpertReviewService.outcome("MAJORITY", 3, 0, 2, false));
        assertNull(ExpertReviewService.outcome("MAJORITY", 3, 1, 1, false));
        // two experts: both must approve; one against is a tie, which is not a majority
        assertEquals(Boolean.TRUE, ExpertReviewService.outcome("MAJORITY", 2, 2, 0, false));
        assertEquals(Boolean.FALSE, ExpertReviewService.outcome("MAJORITY", 2, 1, 1, false));
        assertNull(ExpertReviewService.outcome("MAJORITY", 2, 1, 0, false));
        // past the deadline a missing opinion counts as not approving
        assertEquals(Boolean.FALSE, ExpertReviewService.outcome("MAJORITY", 2, 1, 0, true));
        assertEquals(Boolean.TRUE, ExpertReviewService.outcome("MAJORITY", 3, 2, 0, true));
    }

    @Test
    void unanimityNeedsEveryAssignedExpert() {
        assertEquals(Boolean.TRUE, ExpertReviewService.outcome("UNANIMOUS", 3, 3, 0, false));
        assertEquals(Boolean.FALSE, ExpertReviewService.outcome("UNANIMOUS", 3, 2, 1, false));
        assertNull(ExpertReviewService.outcome("UNANIMOUS", 3, 2, 0, false));
        assertEquals(Boolean.FALSE, ExpertReviewService.outcome("UNANIMOUS", 3, 2, 0, true));
    }

    @Test
    void aPeriodIsTheMonthOrQuarterOfTheSettlementMonth() {
        DeclarationPeriod q = DeclarationPeriod.of(java.time.YearMonth.of(2024, 8), "QUARTERLY");
        assertEquals("2024-Q3", q.code());
        assertEquals(java.time.LocalDate.of(2024, 7, 1), q.start());
        assertEquals(java.time.LocalDate.of(2024, 10, 15), q.closesOn(15));
        assertEquals(q, DeclarationPeriod.parse("2024-Q3"));
        DeclarationPeriod m = DeclarationPeriod.parse("2024-08");
        assertEquals(java.time.LocalDate.of(2024, 9, 15), m.closesOn(15));
        assertEquals(1, m.months().size());
        assertEquals(3, q.months().size());
    }
}
