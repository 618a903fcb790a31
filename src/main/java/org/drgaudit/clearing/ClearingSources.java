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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drgaudit.campaigns.CampaignResults;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;
import org.drgaudit.specialcases.SpecialCaseCategory;

/**
 * Reads what a clearing run needs from the other contexts, by plain SQL and their services: the region's
 * hospitals and cases of the year, the decisions confirmed at 违规处理 (each finding once, by its latest
 * decision, with exactly the decided numbers; never a special case), the special-case declarations (approved ones
 * with their decided extra payment), extrapolations of closed campaigns that chose them, and the imported
 * advances, assessment scores and agreed annual totals. Feeds them to a {@link ClearingCalculator}.
 */
@ApplicationScoped
public class ClearingSources {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KnowledgeService knowledge;

    @Inject
    CampaignResults campaignResults;

    /**
     * The parameters of a region's settlement year (the year's dated knowledge set: its budget, rates, catalogue), or a
     * 400 naming the sets there are; never a neighbouring year's.
     */
    public PolicyParameters parameters(String region, int year) {
        KnowledgeSnapshot kb = knowledge.current();
        return kb.policies().stream().filter(p -> p.getRegion().equals(region) && p.getYear() == year).findFirst()
                .orElseThrow(() -> DomainException.badRequest("知识库 " + kb.label() + " 没有地区 " + region + " " + year
                        + " 年度的知识库版本（政策参数），无法清算；该地区现有版本：" + kb.coverage(region) + "。No parameters for region '"
                        + region + "' and year " + year + " in knowledge base " + kb.label() + "; the parameter files cover "
                        + kb.policies().stream().map(p -> p.getRegion() + " " + p.getYear()).toList() + "."));
    }

    /** Everything of the region's year fed into a calculator; returns the number of confirmed findings. */
    public int feed(ClearingCalculator calc, PolicyParameters p) {
        String region = p.getRegion();
        int year = p.getYear();
        try (Connection conn = dataSource.getConnection()) {
            List<HospitalAccount> hospitals = hospitals(conn, region, year);
            if (hospitals.isEmpty()) {
                throw DomainException.badRequest("Region '" + region + "' has no hospitals in the registry; import them first.");
            }
            hospitals.forEach(calc::addHospital);
            List<ConfirmedFinding> confirmed = confirmed(conn, region, year, calc);
            confirmed.forEach(calc::addConfirmed);
            specialCases(conn, region, year).forEach(calc::addSpecialCase);
            extrapolations(conn, region, year).forEach(calc::addExtrapolation);
            cases(conn, region, year, calc);
            Set<String> missing = new HashSet<>(calc.referencedCases());
            missing.removeIf(calc::knows);
            if (!missing.isEmpty()) {
                casesById(conn, missing, calc);
            }
            return (int) confirmed.stream().filter(f -> f.findingId() != null).count();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the clearing inputs of " + region + " " + year + " failed: " + e.getMessage(), e);
        }
    }

    private static List<HospitalAccount> hospitals(Connection conn, String region, int year) throws SQLException {
        List<HospitalAccount> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT h.code, h.name, h.coefficient,
                       (SELECT sum(a.amount_paid) FROM clearing_advance a
                         WHERE a.hospital_code = h.code AND a.month >= ? AND a.month < ?),
                       (SELECT sum(a.deposit_withheld) FROM clearing_advance a
                         WHERE a.hospital_code = h.code AND a.month >= ? AND a.month < ?),
                       (SELECT s.score FROM clearing_assessment s WHERE s.hospital_code = h.code AND s.year = ?),
                       (SELECT s.agreed_total FROM clearing_assessment s WHERE s.hospital_code = h.code AND s.year = ?)
                FROM hospital h WHERE h.region = ? ORDER BY h.code""")) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = from.plusYears(1);
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setObject(3, from);
            ps.setObject(4, to);
            ps.setInt(5, year);
            ps.setInt(6, year);
            ps.setString(7, region);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HospitalAccount(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                            orZero(rs.getBigDecimal(4)), orZero(rs.getBigDecimal(5)), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return out;
    }

    /**
     * The decisions of the year confirmed at 违规处理: for each finding its latest decision (a finding dismissed on a
     * later review does not count), for a random-sample case without findings likewise by case; shadow findings never.
     * Confirmed review items without decisions are said in a note, never dropped silently.
     */
    /**
     * The decisions a run of a region and year takes (bind region, first day of the year, first day of the next): each
     * finding's latest decision (and each random-sample case's), when it confirms, in the region and year, not on a
     * shadow finding, never on a special case (特例单议 is never a violation, whatever a decision says). Shared with the reconciliation report so that both read the same set.
     */
    static final String CONFIRMED_OF_REGION_YEAR = """
            FROM (SELECT DISTINCT ON (coalesce(finding_id::text, 'case ' || case_ids[1])) *
                  FROM review_decision ORDER BY coalesce(finding_id::text, 'case ' || case_ids[1]), id DESC) d
            JOIN review_item i ON i.id = d.item_id
            JOIN hospital h ON h.code = d.hospital_code
            WHERE d.outcome = 'CONFIRMED' AND h.region = ? AND d.month >= ? AND d.month < ?
              AND d.family IS DISTINCT FROM 'special-case'
              AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.id = d.finding_id AND (f.shadow OR f.family = 'special-case'))
            ORDER BY d.id""";

    private static List<ConfirmedFinding> confirmed(Connection conn, String region, int year, ClearingCalculator calc)
            throws SQLException {
        List<ConfirmedFinding> out = new ArrayList<>();
        LocalDate from = LocalDate.of(year, 1, 1);
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT d.id, d.finding_id, d.rule_id, d.family, d.hospital_code, d.case_ids, d.correct_group, d.overpayment,
                       d.patient_refund, d.severity_name, d.penalty_multiple, d.penalty_base, d.penalty, d.item_id, i.campaign_id
                """ + CONFIRMED_OF_REGION_YEAR)) {
            ps.setString(1, region);
            ps.setObject(2, from);
            ps.setObject(3, from.plusYears(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConfirmedFinding(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), List.of((String[]) rs.getArray(6).getArray()), rs.getString(7), rs.getBigDecimal(8),
                            rs.getBigDecimal(9), rs.getString(10), rs.getBigDecimal(11), rs.getString(12), rs.getBigDecimal(13),
                            rs.getLong(14), rs.getLong(15)));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT i.id FROM review_item i JOIN hospital h ON h.code = i.hospital_code
                WHERE i.outcome = 'CONFIRMED' AND h.region = ?
                  AND NOT EXISTS (SELECT 1 FROM review_decision d WHERE d.item_id = i.id) ORDER BY i.id""")) {
            ps.setString(1, region);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> undecided = new ArrayList<>();
                while (rs.next()) {
                    undecided.add(rs.getLong(1));
                }
                if (!undecided.isEmpty()) {
                    calc.note("审核项 " + undecided + " 已认定但没有逐疑点的违规处理决定，未计入本次清算；请核查");
                }
            }
        }
        return out;
    }

    /**
     * The special-case declarations of the region's year (by the case's settlement month), withdrawn ones left out:
     * approved with the extra payment decided with them, under review, or rejected.
     */
    private static List<SpecialCaseOutcome> specialCases(Connection conn, String region, int year) throws SQLException {
        List<SpecialCaseOutcome> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT d.id, d.case_id, d.hospital_code, d.group_code, d.category, d.status, d.extra_points, d.extra_amount,
                       COALESCE(c.payload->>'insuranceType', 'EMPLOYEE'), d.payment_explanation
                FROM special_case_declaration d
                JOIN hospital h ON h.code = d.hospital_code
                LEFT JOIN settled_case c ON c.case_id = d.case_id
                WHERE h.region = ? AND d.settlement_month >= ? AND d.settlement_month < ? AND d.status <> 'WITHDRAWN'
                ORDER BY d.id""")) {
            ps.setString(1, region);
            ps.setObject(2, LocalDate.of(year, 1, 1));
            ps.setObject(3, LocalDate.of(year + 1, 1, 1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SpecialCaseOutcome.Status status = switch (rs.getString(6)) {
                        case "APPROVED" -> SpecialCaseOutcome.Status.APPROVED;
                        case "REJECTED" -> SpecialCaseOutcome.Status.REJECTED;
                        default -> SpecialCaseOutcome.Status.PENDING;
                    };
                    out.add(new SpecialCaseOutcome(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            SpecialCaseCategory.valueOf(rs.getString(5)).label(), status, rs.getBigDecimal(7), rs.getBigDecimal(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return out;
    }

    /** Per hospital, the extrapolated lower bound of each closed campaign of the year that asked for extrapolation. */
    private List<CampaignExtrapolation> extrapolations(Connection conn, String region, int year) throws SQLException {
        // a campaign belongs to the year of its last month, so one spanning December and January is taken once;
        // the newest first, so that of two campaigns covering the same hospital and month only the newer counts
        Map<Long, String> campaigns = new LinkedHashMap<>();
        Map<Long, Set<String>> monthsOf = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT id, name, months FROM campaign
                WHERE extrapolate AND status = 'CLOSED' AND (SELECT max(m) FROM unnest(months) m) LIKE ?
                ORDER BY id DESC""")) {
            ps.setString(1, year + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    campaigns.put(rs.getLong(1), rs.getString(2));
                    monthsOf.put(rs.getLong(1), Set.of((String[]) rs.getArray(3).getArray()));
                }
            }
        }
        Map<String, Set<String>> covered = new HashMap<>();
        List<CampaignExtrapolation> out = new ArrayList<>();
        for (var c : campaigns.entrySet()) {
            Map<String, Set<String>> sampled = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement("""
                    SELECT i.hospital_code, i.case_id FROM review_item i
                    JOIN campaign_sample s ON s.campaign_id = i.campaign_id AND s.case_id = i.case_id
                    JOIN hospital h ON h.code = i.hospital_code
                    WHERE i.campaign_id = ? AND s.reason = 'RANDOM' AND i.outcome = 'CONFIRMED' AND h.region = ?""")) {
                ps.setLong(1, c.getKey());
                ps.setString(2, region);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sampled.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    }
                }
            }
            Set<String> regionHospitals = regionHospitals(conn, region);
            for (CampaignResults.HospitalResult h : campaignResults.results(c.getKey(), null).hospitals()) {
                Set<String> months = monthsOf.get(c.getKey());
                Set<String> already = covered.computeIfAbsent(h.hospitalCode(), k -> new HashSet<>());
                if (!java.util.Collections.disjoint(already, months)) {
                    continue; // a newer extrapolating campaign already covers this hospital in one of these months
                }
                if (regionHospitals.contains(h.hospitalCode()) && h.extrapolation() != null && h.extrapolation().lowerBound90() != null) {
                    already.addAll(months);
                    out.add(new CampaignExtrapolation(c.getKey(), c.getValue(), h.hospitalCode(), h.extrapolation().lowerBound90(),
                            Set.copyOf(sampled.getOrDefault(h.hospitalCode(), Set.of()))));
                }
            }
        }
        return out;
    }

    private static Set<String> regionHospitals(Connection conn, String region) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT code FROM hospital WHERE region = ?")) {
            ps.setString(1, region);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static final String CASE_COLUMNS = """
            SELECT c.case_id, c.hospital_code, c.drg_code, COALESCE(c.payload->>'insuranceType', 'EMPLOYEE'), c.total_cost,
                   (c.payload->>'fundPayment')::numeric, (c.payload->>'selfPay')::numeric, (c.payload->>'outOfPocket')::numeric
            FROM settled_case c""";

    /** Streams the region's cases settled in the year into the calculator. */
    private static void cases(Connection conn, String region, int year, ClearingCalculator calc) throws SQLException {
        // a cursor (fetch size) needs a transaction; inside the service's transaction there already is one
        boolean autoCommit = conn.getAutoCommit();
        if (autoCommit) {
            conn.setAutoCommit(false);
        }
        try (PreparedStatement ps = conn.prepareStatement(CASE_COLUMNS + """
                 JOIN hospital h ON h.code = c.hospital_code
                WHERE h.region = ? AND c.settlement_month >= ? AND c.settlement_month < ?""")) {
            ps.setFetchSize(5000);
            ps.setString(1, region);
            ps.setObject(2, LocalDate.of(year, 1, 1));
            ps.setObject(3, LocalDate.of(year + 1, 1, 1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calc.addCase(facts(rs));
                }
            }
        } finally {
            if (autoCommit) {
                conn.setAutoCommit(true);
            }
        }
    }

    /** Cases named by confirmed findings but settled outside the year (the earlier stay of a split across years). */
    private static void casesById(Connection conn, Set<String> ids, ClearingCalculator calc) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(CASE_COLUMNS + " WHERE c.case_id = ANY(?)")) {
            ps.setArray(1, conn.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calc.knowCase(facts(rs));
                }
            }
        }
    }

    private static CaseFacts facts(ResultSet rs) throws SQLException {
        BigDecimal total = rs.getBigDecimal(5);
        BigDecimal fund = rs.getBigDecimal(6);
        BigDecimal selfPay = rs.getBigDecimal(7);
        BigDecimal outOfPocket = rs.getBigDecimal(8);
        // what the patient bore, as PaymentTerms.patientShare reckons it from a case
        BigDecimal share = fund != null ? total.subtract(fund)
                : selfPay == null && outOfPocket == null ? null : orZero(selfPay).add(orZero(outOfPocket));
        return new CaseFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), total, fund, share);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
