package org.drgaudit.findings;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drgaudit.shared.DomainException;

/**
 * The visible findings and their money grouped by month, family, rule or hospital, each group with what 违规处理 made of
 * them: the overpayment and patient refund the rules priced, how many are unpriced, and from each finding's latest
 * decision how many were confirmed or dismissed, the confirmed overpayment and refund, and the penalties the reviewers'
 * severities gave. The dashboard's tables and trend charts read it; the decisions are read, never changed.
 */
@ApplicationScoped
public class FindingBreakdown {

    /** The groupings offered, each with the column it groups by. */
    private static final Map<String, String> GROUPINGS = Map.of("month", "to_char(f.month, 'YYYY-MM')", "family", "f.family",
            "rule", "f.rule_id", "hospital", "f.hospital_code");

    @Inject
    AgroalDataSource dataSource;

    /** One group: its findings and their money as priced, and as decided. */
    public record Row(String key, long findings, BigDecimal overpayment, BigDecimal patientRefund, long unpriced,
                      long confirmed, long dismissed, BigDecimal confirmedOverpayment, BigDecimal confirmedPatientRefund,
                      BigDecimal penalty) {

        Row plus(Row o) {
            return new Row("all", findings + o.findings, overpayment.add(o.overpayment), patientRefund.add(o.patientRefund),
                    unpriced + o.unpriced, confirmed + o.confirmed, dismissed + o.dismissed,
                    confirmedOverpayment.add(o.confirmedOverpayment), confirmedPatientRefund.add(o.confirmedPatientRefund),
                    penalty.add(o.penalty));
        }
    }

    /** The groups in key order and their total; {@code month}, {@code hospital} and {@code family} echo the filters. */
    public record Breakdown(String by, String month, String hospital, String family, List<Row> rows, Row total) {
    }

    public Breakdown breakdown(String by, String month, String hospital, String family) {
        String column = GROUPINGS.get(by == null ? "" : by);
        if (column == null) {
            throw DomainException.badRequest("Query parameter 'by' must be one of month, family, rule, hospital, not '" + by + "'.");
        }
        YearMonth m = month == null || month.isBlank() ? null : FindingService.month(month);
        StringBuilder where = new StringBuilder(" WHERE f.visible");
        List<Object> args = new ArrayList<>();
        if (m != null) {
            where.append(" AND f.month = ?");
            args.add(m.atDay(1));
        }
        if (hospital != null && !hospital.isBlank()) {
            where.append(" AND f.hospital_code = ?");
            args.add(hospital);
        }
        if (family != null && !family.isBlank()) {
            where.append(" AND f.family = ?");
            args.add(family);
        }
        String sql = "SELECT " + column + """
                , count(*), coalesce(sum(f.amount_at_stake), 0), coalesce(sum(f.patient_refund), 0),
                  count(*) FILTER (WHERE f.unpriced_reason IS NOT NULL),
                  count(*) FILTER (WHERE d.outcome = 'CONFIRMED'), count(*) FILTER (WHERE d.outcome = 'DISMISSED'),
                  coalesce(sum(d.overpayment) FILTER (WHERE d.outcome = 'CONFIRMED'), 0),
                  coalesce(sum(d.patient_refund) FILTER (WHERE d.outcome = 'CONFIRMED'), 0),
                  coalesce(sum(d.penalty) FILTER (WHERE d.outcome = 'CONFIRMED'), 0)
                FROM finding f
                LEFT JOIN LATERAL (SELECT outcome, overpayment, patient_refund, penalty FROM review_decision
                                   WHERE finding_id = f.id ORDER BY id DESC LIMIT 1) d ON true""" + where + " GROUP BY 1 ORDER BY 1";
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the findings breakdown failed: " + e.getMessage(), e);
        }
        Row zero = new Row("all", 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0, 0, 0,
                BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));
        Row total = rows.stream().reduce(zero, Row::plus);
        return new Breakdown(by, m == null ? null : m.toString(), blankToNull(hospital), blankToNull(family), rows, total);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
