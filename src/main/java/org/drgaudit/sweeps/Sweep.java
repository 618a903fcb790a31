package org.drgaudit.sweeps;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One run of the rule base over a settlement month. */
@Entity
@Table(name = "sweep")
public class Sweep extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    /** Done, but some of the month's cases were not judged: {@code skipped} says how many and why. */
    public static final String DONE_WITH_SKIPS = "DONE_WITH_SKIPS";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public LocalDate month;
    public String status;
    @Column(name = "rule_base_version")
    public int ruleBaseVersion;
    @Column(name = "kb_version")
    public int kbVersion;
    public long processed;
    public long total;
    public long findings;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    public String message;
    /** Cases of the month no rule judged. */
    public long skipped;
    /** Those cases by reason, as a JSON object (reason → count). */
    @Column(name = "skipped_by_reason")
    public String skippedByReason;

    public boolean completed() {
        return DONE.equals(status) || DONE_WITH_SKIPS.equals(status);
    }
}
