package org.drgaudit.specialcases;

import java.util.Comparator;
import java.util.List;
import org.drgaudit.security.ExpertPool;
import org.drgaudit.shared.CanonicalJson;

/**
 * The random, reproducible choice of experts for a declaration: each eligible expert is ranked by the SHA-256 of
 * {@code seed:declarationId:username} and the lowest keys are drawn. Anyone with the seed, the declaration id and the
 * pool can redo it; no expert of the declaring hospital is ever in the pool it draws from.
 */
public final class ExpertDraw {

    private ExpertDraw() {
    }

    /** An expert drawn, with the key that ranked them. */
    public record Drawn(ExpertPool.Expert expert, String key) {
    }

    /** The SHA-256 key of one expert for a declaration and seed. */
    public static String key(long seed, long declarationId, String username) {
        return CanonicalJson.sha256(seed + ":" + declarationId + ":" + username);
    }

    /** The {@code n} eligible experts with the lowest keys (ties, which SHA-256 makes theoretical, by user name). */
    public static List<Drawn> draw(long seed, long declarationId, List<ExpertPool.Expert> eligible, int n) {
        return eligible.stream().map(e -> new Drawn(e, key(seed, declarationId, e.username())))
                .sorted(Comparator.comparing(Drawn::key).thenComparing(d -> d.expert().username()))
                .limit(n).toList();
    }
}
