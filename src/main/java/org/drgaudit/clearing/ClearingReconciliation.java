package org.drgaudit.clearing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reconciliation report of a clearing run (对账): every confirmed decision the run takes, with the finding's priced
 * amounts, the decision's amounts and the statement lines' amounts side by side. A finding → decision difference is a
 * reviewer's correction and carries its reason; a decision → statement difference, or a decision missing from the
 * statement, is an error and is flagged. Lines of confirmed findings that no current decision explains are listed too.
 */
@ApplicationScoped
public class ClearingReconciliation {

    /** Agrees: the three places show one number. */
    public static final String AGREES = "AGREES";
    /** The reviewer confirmed another amount than the finding priced (or priced an unpriced one), with a reason. */
    public static final String CORRECTED_AT_DECISION = "CORRECTED_AT_DECISION";
    /** The statement does not show what was decided: an error. */
    public static final String STATEMENT_DIFFERS = "STATEMENT_DIFFERS";

    @Inject
    AgroalDataSource dataSource;

    /** The three amounts of one confirmed decision and whether they agree. */
    public record Row(long decisionId, Long findingId, String ruleId, String hospitalCode, String caseId, long reviewItemId,
                      String findingMoney, BigDecimal findingOverpayment, BigDecimal findingPatientRefund,
                      BigDecimal decisionOverpayment, BigDecimal decisionPatientRefund, String severity, BigDecimal decisionPenalty,
                      String decisionReason, BigDecimal statementOverpayment, BigDecimal statementPatientRefund,
                      BigDecimal statementPenalty, String status, List<String> differences) {
    }

    /** A statement line of a finding that no confirmed decision of the run accounts for. */
    public record Orphan(String hospitalCode, String kind, String sourceType, String sourceId, BigDecimal amount) {
    }

    public record Report(long runId, String region, int year, String runStatus, int confirmed, int agreeing,
                         int correctedAtDecision, int statementDiffers, List<Row> rows, List<Orphan> orphans) {
    }

    private record Key(String sourceType, String sourceId) {
    }

    public Report reconcile(ClearingRunView run, String hospital) {
        Map<Key, BigDecimal[]> onStatement = new HashMap<>();
        List<Orphan> orphans = new ArrayList<>();
        Map<Key, String> hospitalOf = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT source_type, source_id, kind, sum(amount), hospital_code FROM clearing_line
                    WHERE run_id = ? AND kind IN ('OVERPAYMENT', 'PENALTY', 'PATIENT_REFUND')
                      AND (CAST(? AS text) IS NULL OR hospital_code = ?)
                    GROUP BY 1, 2, 3, 5""")) {
                ps.setLong(1, run.id());
                ps.setString(2, hospital);
                ps.setString(3, hospital);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Key k = new Key(rs.getString(1), rs.getString(2));
                        BigDecimal[] a = onStatement.computeIfAbsent(k, x -> new BigDecimal[3]);
                        int i = switch (rs.getString(3)) {
                            case "OVERPAYMENT" -> 0;
                            case "PATIENT_REFUND" -> 1;
                            default -> 2;
                        };
                        BigDecimal v = rs.getBigDecimal(4);
                        a[i] = i == 1 ? v : v.negate();
                        hospitalOf.put(k, rs.getString(5));
                    }
                }
            }
            LocalDate from = LocalDate.of(run.year(), 1, 1);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT d.id, d.finding_id, d.rule_id, d.hospital_code, d.case_ids[array_length(d.case_ids, 1)], d.item_id,
                           d.unpriced_reason, d.priced_overpayment, d.priced_patient_refund, d.overpayment, d.patient_refund,
                           d.severity_name, d.penalty, d.reason
                    """ + ClearingSources.CONFIRMED_OF_REGION_YEAR)) {
                ps.setString(1, run.region());
                ps.setObject(2, from);
                ps.setObject(3, from.plusYears(1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (hospital != null && !hospital.equals(rs.getString(4))) {
                            continue;
                        }
                        Long findingId = (Long) rs.getObject(2);
                        String caseId = rs.getString(5);
                        Key k = findingId == null ? new Key(StatementLine.CASE, caseId) : new Key(StatementLine.FINDING, String.valueOf(findingId));
                        BigDecimal[] st = onStatement.remove(k);
                        rows.add(row(rs, findingId, caseId, st));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reconciling clearing run " + run.id() + " failed: " + e.getMessage(), e);
        }
        onStatement.forEach((k, a) -> {
            String[] kinds = {"OVERPAYMENT", "PATIENT_REFUND", "PENALTY"};
            for (int i = 0; i < 3; i++) {
                if (a[i] != null) {
                    orphans.add(new Orphan(hospitalOf.get(k), kinds[i], k.sourceType(), k.sourceId(), a[i]));
                }
            }
        });
        int agreeing = (int) rows.stream().filter(r -> AGREES.equals(r.status())).count();
        int corrected = (int) rows.stream().filter(r -> CORRECTED_AT_DECISION.equals(r.status())).count();
        int differs = (int) rows.stream().filter(r -> STATEMENT_DIFFERS.equals(r.status())).count();
        return new Report(run.id(), run.region(), run.year(), run.status(), rows.size(), agreeing, corrected, differs, rows, orphans);
    }

    private static Row row(ResultSet rs, Long findingId, String caseId, BigDecimal[] st) throws SQLException {
        String unpriced = rs.getString(7);
        BigDecimal fo = rs.getBigDecimal(8);
        BigDecimal fr = rs.getBigDecimal(9);
        BigDecimal dov = rs.getBigDecimal(10);
        BigDecimal dr = rs.getBigDecimal(11);
        BigDecimal dp = rs.getBigDecimal(13);
        BigDecimal so = st == null ? null : orZero(st[0]);
        BigDecimal sr = st == null ? null : st[1];
        BigDecimal sp = st == null ? null : orZero(st[2]);
        List<String> differences = new ArrayList<>();
        if (st == null) {
            differences.add("清算单没有该认定的行");
        } else {
            if (!same(dov, so)) {
                differences.add("多支付金额：认定 " + dov + " 元，清算单 " + so + " 元");
            }
            if (!same(orZero(dr), orZero(sr))) {
                differences.add("患者退费：认定 " + orZero(dr) + " 元，清算单 " + orZero(sr) + " 元");
            }
            if (!same(orZero(dp), sp)) {
                differences.add("违约金：认定 " + orZero(dp) + " 元，清算单 " + sp + " 元");
            }
        }
        String status;
        if (!differences.isEmpty()) {
            status = STATEMENT_DIFFERS;
        } else if (findingId != null && (unpriced != null || !same(fo, dov) || !same(orZero(fr), orZero(dr)))) {
            status = CORRECTED_AT_DECISION;
            differences.add(unpriced != null ? "疑点未计价（" + unpriced + "），由违规处理认定金额"
                    : "违规处理更正了疑点计价：" + fo + " → " + dov + " 元" + (Objects.equals(fr, dr) ? "" : "，患者退费 " + fr + " → " + dr + " 元"));
        } else {
            status = AGREES;
        }
        return new Row(rs.getLong(1), findingId, rs.getString(3), rs.getString(4), caseId, rs.getLong(6),
                unpriced != null ? "UNPRICED" : "PRICED", fo, fr, dov, dr, rs.getString(12), dp, rs.getString(14), so, sr, sp,
                status, differences);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
