package org.drgaudit.sweeps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** A sweep as the API shows it (DESIGN §11). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(long id, String month, String status, long processed, long total, long findings,
                        int ruleBaseVersion, String knowledgeBaseVersion, String startedBy, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String message) {

    /** A running sweep: progress and findings so far come from the worker threads. */
    static SweepView running(Sweep s, long processed, long findings) {
        return new SweepView(s.id, s.month.format(DateTimeFormatter.ofPattern("yyyy-MM")), s.status, processed, s.total,
                findings, s.ruleBaseVersion, "KB-" + s.kbVersion, s.startedBy, s.startedAt, s.finishedAt, s.message);
    }

    static SweepView of(Sweep s, long processed) {
        return new SweepView(s.id, s.month.format(DateTimeFormatter.ofPattern("yyyy-MM")), s.status, processed, s.total,
                s.findings, s.ruleBaseVersion, "KB-" + s.kbVersion, s.startedBy, s.startedAt, s.finishedAt, s.message);
    }
}
