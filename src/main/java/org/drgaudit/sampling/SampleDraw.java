package org.drgaudit.sampling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The random draw of a campaign, a pure function of the frame and the seed, so that a hospital can
 * reproduce it outside the service (docs/sampling.md shows how in a few lines of Python).
 *
 * <p>The pseudo-random generator is SHA-256: every case gets the key {@code SHA-256("<seed>:<caseId>")}
 * (hex). The frame is stratified by hospital; from a hospital's N eligible cases the n with the
 * smallest keys are drawn, n = min(N, max(minPerHospital, ⌈share × N⌉)), computed exactly in decimal.
 * Sorting by a keyed hash is a uniformly random selection without replacement, needs no generator
 * state, and does not depend on the order of the frame.
 */
public final class SampleDraw {

    private SampleDraw() {
    }

    /** SHA-256 of the frame in order, one line per case: {@code caseId TAB hospitalCode TAB contentHash LF}. */
    public static String frameHash(List<FrameEntry> frame) {
        MessageDigest digest = sha256();
        for (FrameEntry e : frame) {
            digest.update((e.caseId() + '\t' + e.hospitalCode() + '\t' + e.contentHash() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The drawn cases, hospital by hospital (in code order), each hospital's in key order. */
    public static List<FrameEntry> draw(List<FrameEntry> frame, SamplingPlan plan) {
        Map<String, List<FrameEntry>> strata = new LinkedHashMap<>();
        frame.stream().sorted(Comparator.comparing(FrameEntry::hospitalCode))
                .forEach(e -> strata.computeIfAbsent(e.hospitalCode(), h -> new ArrayList<>()).add(e));
        List<FrameEntry> sample = new ArrayList<>();
        MessageDigest digest = sha256();
        for (List<FrameEntry> stratum : strata.values()) {
            int n = sizeOf(stratum.size(), plan);
            stratum.stream()
                    .map(e -> Map.entry(key(digest, plan.seed(), e.caseId()), e))
                    .sorted(Map.Entry.comparingByKey())
                    .limit(n)
                    .forEach(k -> sample.add(k.getValue()));
        }
        return sample;
    }

    /** n = min(N, max(minimum, ⌈share × N⌉)). */
    public static int sizeOf(int stratumSize, SamplingPlan plan) {
        int byShare = plan.randomShare().multiply(BigDecimal.valueOf(stratumSize)).setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.min(stratumSize, Math.max(plan.minPerHospital(), byShare));
    }

    static String key(MessageDigest digest, long seed, String caseId) {
        digest.reset();
        return HexFormat.of().formatHex(digest.digest((seed + ":" + caseId).getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
