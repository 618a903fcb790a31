package org.drgaudit.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleDrawTest {

    private static List<FrameEntry> frame(int perHospital, String... hospitals) {
        List<FrameEntry> frame = new ArrayList<>();
        for (String h : hospitals) {
            for (int i = 0; i < perHospital; i++) {
                frame.add(new FrameEntry(h + "-C" + i, h, "hash" + i));
            }
        }
        return frame;
    }

    private static final SamplingPlan PLAN = new SamplingPlan(new BigDecimal("0.05"), 5, 20240101);

    @Test
    void theSameFrameAndSeedGiveTheSameSampleWhateverTheFrameOrder() {
        List<FrameEntry> frame = frame(200, "H001", "H002");
        List<FrameEntry> shuffled = new ArrayList<>(frame);
        Collections.shuffle(shuffled);
        assertEquals(SampleDraw.draw(frame, PLAN), SampleDraw.draw(frame, PLAN));
        assertEquals(SampleDraw.draw(frame, PLAN), SampleDraw.draw(shuffled, PLAN));
        assertNotEquals(SampleDraw.draw(frame, PLAN), SampleDraw.draw(frame, new SamplingPlan(PLAN.randomShare(), 5, 7)));
    }

    @Test
    void eachHospitalGetsItsShareRoundedUpButAtLeastTheMinimumAndAtMostAll() {
        assertEquals(10, SampleDraw.sizeOf(200, PLAN));
        assertEquals(6, SampleDraw.sizeOf(101, PLAN), "0.05 × 101 = 5.05 → 6");
        assertEquals(5, SampleDraw.sizeOf(100, PLAN), "exactly 5.00, no floating-point 5.0000001");
        assertEquals(5, SampleDraw.sizeOf(20, PLAN));
        assertEquals(3, SampleDraw.sizeOf(3, PLAN));
        List<FrameEntry> sample = SampleDraw.draw(frame(200, "H002", "H001"), PLAN);
        assertEquals(20, sample.size());
        assertEquals(10, sample.stream().filter(e -> e.hospitalCode().equals("H001")).count());
    }

    @Test
    void theFrameHashChangesWhenAnyEligibleCaseChanges() {
        List<FrameEntry> frame = frame(10, "H001");
        String before = SampleDraw.frameHash(frame);
        List<FrameEntry> changed = new ArrayList<>(frame);
        changed.set(3, new FrameEntry("H001-C3", "H001", "another content"));
        assertNotEquals(before, SampleDraw.frameHash(changed));
        assertEquals(before, SampleDraw.frameHash(frame(10, "H001")));
    }

    @Test
    void theFrameHashIsTheSha256OfTheStrataLinesEachTheSha256OfItsCasesLines() throws Exception {
        List<FrameEntry> frame = frame(3, "H001", "H002");
        List<SampleDraw.Stratum> strata = SampleDraw.strata(frame);
        assertEquals(List.of("H001", "H002"), strata.stream().map(SampleDraw.Stratum::hospitalCode).toList());
        String h002 = sha256("H002-C0\tH002\thash0\nH002-C1\tH002\thash1\nH002-C2\tH002\thash2\n");
        assertEquals(new SampleDraw.Stratum("H002", 3, h002), strata.get(1));
        assertEquals(sha256("H001\t" + strata.get(0).hash() + "\nH002\t" + h002 + "\n"), SampleDraw.frameHash(frame));
        assertEquals(SampleDraw.frameHash(frame), SampleDraw.combine(List.of(strata.get(1), strata.get(0))));
        assertEquals(sha256(""), SampleDraw.frameHash(List.of()), "an empty frame hashes the empty text");
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theKeyIsThePlainSha256OfSeedColonCaseId() throws Exception {
        // the documented rule a hospital reproduces: sha256("20240101:H001-C0")
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("20240101:H001-C0".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, SampleDraw.key(java.security.MessageDigest.getInstance("SHA-256"), 20240101, "H001-C0"));
    }
}
