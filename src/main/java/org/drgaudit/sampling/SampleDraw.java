package org.drgaudit.sampling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** A stratum of the frame: one hospital's eligible cases, how many, and the SHA-256 of its lines. */
    public record Stratum(String hospitalCode, int size, String hash) {
    }

    /**
     * The frame's hash: SHA-256 over one line per stratum, {@code hospitalCode TAB stratumHash LF}, strata in byte
     * order of their codes, where a stratum's hash is the SHA-256 of its cases' lines in frame order,
     * {@code caseId TAB hospitalCode TAB contentHash LF}. So a hospital given only its own cases and the other
     * strata's hashes can check that its stratum is part of the published frame.
     */
    public static String frameHash(List<FrameEntry> frame) {
        return combine(strata(frame));
    }

    /** The frame's strata in byte order of their hospital codes. */
    public static List<Stratum> strata(List<FrameEntry> frame) {
        Map<String, MessageDigest> digests = new TreeMap<>(SampleDraw::compareBytes);
        Map<String, Integer> sizes = new HashMap<>();
        for (FrameEntry e : frame) {
            digests.computeIfAbsent(e.hospitalCode(), h -> sha256())
                    .update((e.caseId() + '\t' + e.hospitalCode() + '\t' + e.contentHash() + '\n').getBytes(StandardCharsets.UTF_8));
            sizes.merge(e.hospitalCode(), 1, Integer::sum);
        }
        List<Stratum> out = new ArrayList<>();
        digests.forEach((h, d) -> out.add(new Stratum(h, sizes.get(h), HexFormat.of().formatHex(d.digest()))));
        return out;
    }

    /** The frame hash from the strata's hashes alone (what a hospital recomputes). */
    public static String combine(List<Stratum> strata) {
        MessageDigest digest = sha256();
        strata.stream().sorted((a, b) -> compareBytes(a.hospitalCode(), b.hospitalCode()))
                .forEach(s -> digest.update((s.hospitalCode() + '\t' + s.hash() + '\n').getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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
