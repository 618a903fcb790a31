package org.drgaudit.findings;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.Months;

/** Reads findings: filtered pages, one finding, and counts and money by family, rule and hospital. */
@ApplicationScoped
public class FindingService {

    /** The furthest row a page may start at: page × size stays an int, and no month has that many findings. */
    static final long MAX_OFFSET = 100_000_000L;

    @Inject
    AgroalDataSource dataSource;

    public record FindingPage(long total, List<FindingView> items) {
    }

    /**
     * Counts and money of the visible findings: overpayment (also as amountAtStake), patient refunds, how many are
     * unpriced; {@code skipped}: the cases the latest completed sweep of each month could not judge (none listed when
     * it judged them all), so a month with gaps never reads as clean. Left out of a summary of one hospital.
     */
    public record Summary(String month, long findings, BigDecimal amountAtStake, BigDecimal overpayment, BigDecimal patientRefund,
                          long unpriced, List<Count> byFamily, List<Count> byRule, List<Count> byHospital, Skipped skipped) {
    }

    /** Cases not judged, in all and per month (by the month's latest completed sweep). */
    public record Skipped(long cases, List<MonthSkips> byMonth) {
    }

    /** One month's unjudged cases by reason, from its latest completed sweep. */
    public record MonthSkips(String month, long sweepId, long cases, java.util.Map<String, Long> byReason) {
    }

    public record Count(String key, long findings, BigDecimal amountAtStake, BigDecimal overpayment, BigDecimal patientRefund,
                        long unpriced) {
    }

    /** A rule's precision from review outcomes: confirmed ÷ decided findings. */
    public record RulePrecision(String ruleId, long decided, long confirmed, Double precision) {
    }

    /**
     * Every rule's precision from the decided findings of all campaigns (DESIGN §6). Special-case candidates (特例单议)
     * are not suspected violations and have no precision.
     */
    public List<RulePrecision> precision() {
        List<RulePrecision> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT rule_id, count(*), count(*) FILTER (WHERE review_status = 'CONFIRMED') FROM finding
                     WHERE visible AND review_status IN ('CONFIRMED', 'DISMISSED') AND family <> 'special-case'
                     GROUP BY 1 ORDER BY 1""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long decided = rs.getLong(2);
                out.add(new RulePrecision(rs.getString(1), decided, rs.getLong(3), decided == 0 ? null : (double) rs.getLong(3) / decided));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading rule precision failed: " + e.getMessage(), e);
        }
        return out;
    }

    public FindingPage list(FindingQuery q) {
        if (q.size() < 1 || q.size() > 1000) {
            throw DomainException.badRequest("Query parameter 'size' must be between 1 and 1000, not " + q.size() + ".");
        }
        if (q.page() < 0) {
            throw DomainException.badRequest("Query parameter 'page' must not be negative.");
        }
        if ((long) q.page() * q.size() > MAX_OFFSET) {
            throw DomainException.badRequest("Query parameters 'page' × 'size' reach past row " + MAX_OFFSET + " (page " + q.page()
                    + " of size " + q.size() + "); narrow the filter (month, hospital, rule) instead of paging that far.");
        }
        StringBuilder where = new StringBuilder("visible = true");
        Parameters p = new Parameters();
        if (q.month() != null) {
            where.append(" and month = :month");
            p.and("month", month(q.month()).atDay(1));
        }
        filter(where, p, "hospitalCode", "hospital", q.hospital());
        filter(where, p, "family", "family", q.family());
        filter(where, p, "ruleId", "rule", q.rule());
        filter(where, p, "resultType", "resultType", q.resultType());
        filter(where, p, "reviewStatus", "reviewStatus", q.reviewStatus());
        if (q.caseId() != null && !q.caseId().isBlank()) {
            where.append(" and id in :namingCase");
            p.and("namingCase", findingsNaming(q.caseId()));
        }
        var query = Finding.<Finding>find(where.toString(), Sort.by("month").and("hospitalCode").and("id"), p);
        long total = query.count();
        List<FindingView> items = withDecisions(query.page(Page.of(q.page(), q.size())).list().stream().map(FindingView::of).toList());
        return new FindingPage(total, items);
    }

    /** The ids of the findings that name a case (a finding's cases are an array column, read in SQL). */
    private List<Long> findingsNaming(String caseId) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM finding WHERE visible AND ? = ANY(case_ids)")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the findings of case " + caseId + " failed: " + e.getMessage(), e);
        }
        // an empty list would make "id in ()" invalid; no finding has id -1
        return ids.isEmpty() ? List.of(-1L) : ids;
    }

    public FindingView get(long id) {
        Finding f = Finding.findById(id);
        if (f == null || !f.visible) {
            throw DomainException.notFound("Finding", id);
        }
        return withDecisions(List.of(FindingView.of(f))).get(0);
    }

    /** Attaches to each finding its latest decision at 违规处理 (one query for all). */
    private List<FindingView> withDecisions(List<FindingView> views) {
        if (views.isEmpty()) {
            return views;
        }
        java.util.Map<Long, FindingView.Decision> decisions = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT DISTINCT ON (d.finding_id) d.finding_id, d.id, d.item_id, i.campaign_id, d.outcome, d.overpayment,
                            d.patient_refund, d.correct_group, d.severity, d.severity_name, d.penalty, d.penalty_multiple,
                            d.penalty_base, d.reason, d.decided_by, d.decided_at
                     FROM review_decision d JOIN review_item i ON i.id = d.item_id
                     WHERE d.finding_id = ANY(?) ORDER BY d.finding_id, d.id DESC""")) {
            ps.setArray(1, c.createArrayOf("bigint", views.stream().map(FindingView::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    decisions.put(rs.getLong(1), new FindingView.Decision(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getString(14),
                            rs.getString(15), rs.getObject(16, java.time.OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the decisions of findings failed: " + e.getMessage(), e);
        }
        return views.stream().map(v -> decisions.containsKey(v.id()) ? v.withDecision(decisions.get(v.id())) : v).toList();
    }

    /**
     * The findings with the given ids as the findings context shows them, with their latest decisions, read in two
     * queries (one more for a hospital user), by id; unknown ids are left out. With {@code hospital} set (a hospital user's scope), cases of other
     * hospitals that a finding names (an alliance transfer) are redacted as in {@code GET /api/findings/{id}}.
     */
    public java.util.Map<Long, FindingView> views(java.util.Collection<Long> ids, String hospital) {
        java.util.Map<Long, FindingView> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<FindingView> found = withDecisions(Finding.<Finding>list("id in ?1", Sort.by("id"), List.copyOf(ids)).stream()
                .map(FindingView::of).toList());
        java.util.Map<String, String[]> others = hospital == null ? java.util.Map.of()
                : casesOfOtherHospitals(found.stream().flatMap(f -> f.caseIds().stream()).distinct().toList(), hospital);
        for (FindingView f : found) {
            java.util.Map<String, String[]> hidden = new java.util.LinkedHashMap<>();
            f.caseIds().stream().filter(others::containsKey).forEach(id -> hidden.put(id, others.get(id)));
            out.put(f.id(), FindingRedaction.withoutCases(f, FindingRedaction.masks(hidden)));
        }
        return out;
    }

    /** Cases of other hospitals among the ids, with their hospital's code and name. */
    private java.util.Map<String, String[]> casesOfOtherHospitals(List<String> caseIds, String hospital) {
        java.util.Map<String, String[]> out = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT s.case_id, s.hospital_code, h.name FROM settled_case s JOIN hospital h ON h.code = s.hospital_code "
                             + "WHERE s.case_id = ANY(?) AND s.hospital_code <> ?")) {
            ps.setArray(1, c.createArrayOf("text", caseIds.toArray()));
            ps.setString(2, hospital);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the hospitals of findings' cases failed: " + e.getMessage(), e);
        }
        return out;
    }

    public Summary summary(String month, String hospital) {
        YearMonth m = month == null ? null : month(month);
        String where = " WHERE visible" + (m == null ? "" : " AND month = ?") + (hospital == null ? "" : " AND hospital_code = ?");
        List<Count> total = counts("'all'", where, m, hospital);
        Count all = total.isEmpty() ? new Count("all", 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0) : total.get(0);
        return new Summary(month, all.findings(), all.amountAtStake(), all.overpayment(), all.patientRefund(), all.unpriced(),
                counts("family", where, m, hospital), counts("rule_id", where, m, hospital), counts("hospital_code", where, m, hospital),
                hospital == null ? skipped(m) : null);
    }

    private Skipped skipped(YearMonth month) {
        List<MonthSkips> months = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT to_char(month, 'YYYY-MM'), id, skipped, skipped_by_reason FROM (
                       SELECT DISTINCT ON (month) month, id, skipped, skipped_by_reason FROM sweep
                       WHERE status IN ('DONE', 'DONE_WITH_SKIPS')""" + (month == null ? "" : " AND month = ?") + """
                       ORDER BY month, id DESC) latest
                     WHERE skipped > 0 ORDER BY 1""")) {
            if (month != null) {
                ps.setObject(1, month.atDay(1));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Long> byReason = new java.util.LinkedHashMap<>();
                    if (rs.getString(4) != null) {
                        CanonicalJson.read(rs.getString(4), java.util.Map.class)
                                .forEach((k, v) -> byReason.put(String.valueOf(k), ((Number) v).longValue()));
                    }
                    months.add(new MonthSkips(rs.getString(1), rs.getLong(2), rs.getLong(3), byReason));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the sweeps' skipped cases failed: " + e.getMessage(), e);
        }
        return new Skipped(months.stream().mapToLong(MonthSkips::cases).sum(), months);
    }

    private List<Count> counts(String column, String where, YearMonth month, String hospital) {
        String sql = "SELECT " + column + ", count(*), coalesce(sum(amount_at_stake), 0), coalesce(sum(patient_refund), 0),"
                + " count(*) FILTER (WHERE unpriced_reason IS NOT NULL) FROM finding" + where + " GROUP BY 1 ORDER BY 1";
        List<Count> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (month != null) {
                ps.setObject(i++, month.atDay(1));
            }
            if (hospital != null) {
                ps.setString(i, hospital);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Count(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void filter(StringBuilder where, Parameters p, String field, String name, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(field).append(" = :").append(name);
            p.and(name, value);
        }
    }

    static YearMonth month(String text) {
        return Months.parse(text, "month");
    }
}
