package org.drgaudit.sweeps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drgaudit.shared.CanonicalJson;

/**
 * A sweep as the API shows it (DESIGN §11), with the month's cases it could not judge: {@code skipped} counts them
 * by reason, and the status is then DONE_WITH_SKIPS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(long id, String month, String status, long processed, long total, long findings,
                        int ruleBaseVersion, String knowledgeBaseVersion, String startedBy, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String message, Skipped skipped) {

    /** Cases of the month not judged: how many, and why. */
    public record Skipped(long cases, List<Skip> byReason) {

        static final Skipped NONE = new Skipped(0, List.of());

        static Skipped of(Map<SweepRunner.SkipReason, Long> counts) {
            List<Skip> byReason = new ArrayList<>();
            counts.forEach((r, n) -> byReason.add(new Skip(r.name(), r.label(), n)));
            return new Skipped(byReason.stream().mapToLong(Skip::cases).sum(), byReason);
        }

        static Skipped read(String json) {
            if (json == null || json.isBlank()) {
                return NONE;
            }
            Map<String, Long> counts = CanonicalJson.MAPPER.convertValue(CanonicalJson.read(json, Map.class),
                    new TypeReference<java.util.LinkedHashMap<String, Long>>() { });
            Map<SweepRunner.SkipReason, Long> typed = new java.util.EnumMap<>(SweepRunner.SkipReason.class);
            counts.forEach((k, v) -> typed.put(SweepRunner.SkipReason.valueOf(k), v));
            return of(typed);
        }
    }

    /** One reason, its explanation and the number of cases. */
    public record Skip(String reason, String label, long cases) {
    }

    /** A running sweep: progress, findings and skips so far come from the worker threads. */
    static SweepView running(Sweep s, SweepRunner.Progress p) {
        return new SweepView(s.id, s.month.format(DateTimeFormatter.ofPattern("yyyy-MM")), s.status, p.processed(), s.total,
                p.findings(), s.ruleBaseVersion, "KB-" + s.kbVersion, s.startedBy, s.startedAt, s.finishedAt, s.message,
                Skipped.of(p.skippedByReason()));
    }

    static SweepView of(Sweep s, long processed) {
        return new SweepView(s.id, s.month.format(DateTimeFormatter.ofPattern("yyyy-MM")), s.status, processed, s.total,
                s.findings, s.ruleBaseVersion, "KB-" + s.kbVersion, s.startedBy, s.startedAt, s.finishedAt, s.message,
                Skipped.read(s.skippedByReason));
    }
}
