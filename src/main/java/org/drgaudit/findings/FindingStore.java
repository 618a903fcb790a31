package org.drgaudit.findings;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import org.drgaudit.rules.facts.RuleFinding;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.CopyRows;

/**
 * Writes a sweep's findings. They are written invisible while the sweep runs and shown in one
 * transaction when it completes, replacing the month's unreviewed findings; findings a campaign sampled
 * or a review holds are never touched (the database refuses to delete them too), and such a finding is not
 * written again.
 */
@ApplicationScoped
public class FindingStore {

    private static final String COLUMNS = "sweep_id, month, rule_id, rule_name, family, result_type, severity, shadow, "
            + "hospital_code, patient_id, case_ids, finding_key, explanation, evidence, amount_at_stake, patient_refund, "
            + "unpriced_reason, correct_group, rule_base_version, kb_version, explanation_template, money_sentence, knowledge_set";

    @Inject
    AgroalDataSource dataSource;

    /** Versions and month a sweep writes its findings under. */
    public record SweepStamp(long sweepId, YearMonth month, int ruleBaseVersion, int kbVersion) {
    }

    public void writeInvisible(SweepStamp stamp, List<RuleFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            CopyRows copy = new CopyRows(c, "finding", COLUMNS);
            try {
                for (RuleFinding f : findings) {
                    copy.value(stamp.sweepId()).value(stamp.month().atDay(1)).value(f.ruleId()).value(f.ruleName())
                            .value(f.family()).value(f.resultType()).value(f.severity()).value(f.shadow())
                            .value(f.hospitalCode()).value(f.patientId()).value(CopyRows.textArray(f.caseIds()))
                            .value(f.key()).value(f.explanation()).value(CanonicalJson.write(f.evidence()))
                            .value(f.overpayment() == null ? null : f.overpayment().toPlainString())
                            .value(f.patientRefund() == null ? null : f.patientRefund().toPlainString())
                            .value(f.unpricedReason()).value(f.correctGroup()).value(stamp.ruleBaseVersion()).value(stamp.kbVersion())
                            .value(f.explanationTemplate()).value(f.moneySentence()).value(f.knowledgeSet());
                    copy.endRow();
                }
                copy.close();
            } catch (RuntimeException | IOException e) {
                copy.cancel();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Writing findings of sweep " + stamp.sweepId() + " failed: " + e.getMessage(), e);
        }
    }

    /** The status a draw gives the findings it samples: kept by every re-sweep from then on. */
    public static final String SAMPLED = "SAMPLED";

    /**
     * Marks the findings a campaign draw sampled, in the draw's own transaction ({@code conn}), so that no re-sweep
     * replaces them before their review starts.
     */
    public void markSampled(Connection conn, java.util.Collection<Long> findingIds) throws SQLException {
        if (findingIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE finding SET review_status = '" + SAMPLED + "' WHERE id = ANY(?) AND review_status = 'UNREVIEWED'")) {
            ps.setArray(1, conn.createArrayOf("bigint", findingIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Shows a completed sweep's findings in place of the month's unreviewed ones; returns how many it shows. */
    public long publish(long sweepId, YearMonth month) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM finding WHERE month = ? AND visible AND review_status = 'UNREVIEWED'")) {
                    ps.setObject(1, month.atDay(1));
                    ps.executeUpdate();
                }
                // a finding already under review is kept as it is, not written again
                try (PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM finding n WHERE n.sweep_id = ? AND EXISTS (
                          SELECT 1 FROM finding r WHERE r.month = n.month AND r.visible AND r.finding_key = n.finding_key)""")) {
                    ps.setLong(1, sweepId);
                    ps.executeUpdate();
                }
                long shown;
                try (PreparedStatement ps = c.prepareStatement("UPDATE finding SET visible = true WHERE sweep_id = ?")) {
                    ps.setLong(1, sweepId);
                    shown = ps.executeUpdate();
                }
                c.commit();
                return shown;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Publishing sweep " + sweepId + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops the findings of a sweep that did not complete. */
    public void discard(long sweepId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM finding WHERE sweep_id = ? AND NOT visible")) {
            ps.setLong(1, sweepId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Discarding findings of sweep " + sweepId + " failed: " + e.getMessage(), e);
        }
    }
}
