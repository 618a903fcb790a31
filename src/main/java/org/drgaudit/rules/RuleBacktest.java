package org.drgaudit.rules;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A backtest of a rule-base version over past settlement months against the version in force; only the difference is kept. */
@Entity
@Table(name = "rule_backtest")
public class RuleBacktest extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "version_id")
    public Integer versionId;
    /** The content of the version the backtest ran; a later edit makes it stale. */
    @Column(name = "content_hash")
    public String contentHash;
    /** The version in force it was compared with. */
    public int against;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] months;
    public String status;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    public long cases;
    @JdbcTypeCode(SqlTypes.JSON)
    public BacktestResult result;
    public String message;

    /** A backtest in a version's listing. */
    public record Summary(long id, String status, List<String> months, int against, long cases, String requestedBy,
                          OffsetDateTime startedAt, OffsetDateTime finishedAt, BacktestResult.Totals totals, String message) {
    }

    Summary summary() {
        return new Summary(id, status, List.of(months), against, cases, requestedBy, startedAt, finishedAt,
                result == null ? null : result.totals(), message);
    }
}
