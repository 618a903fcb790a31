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
     * Counts and money of the visible findings; {@code skipped}: the cases the latest completed sweep of each month
     * could not judge (none listed when it judged them all), so a month with gaps never reads as clean. Left out
     * of a summary of one hospital.
     */
    public record Summary(String month, long findings, BigDecimal amountAtStake, List<Count> byFamily, List<Count> byRule,
                          List<Count> byHospital, Skipped skipped) {
    }

    /** Cases not judged, in all and per month (by the month's latest completed sweep). */
    public record Skipped(long cases, List<MonthSkips> byMonth) {
    }

    /** One month's unjudged cases by reason, from its latest completed sweep. */
    public record MonthSkips(String month, long sweepId, long cases, java.util.Map<String, Long> byReason) {
    }

    public record Count(String key, long findings, BigDecimal amountAtStake) {
    }

    /** A rule's precision from review outcomes: confirmed ÷ decided findings. */
    public record RulePrecision(String ruleId, long decided, long confirmed, Double precision) {
    }

    /** Every rule's precision from the decided findings of all campaigns (DESIGN §6). */
    public List<RulePrecision> precision() {
        List<RulePrecision> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT rule_id, count(*), count(*) FILTER (WHERE review_status = 'CONFIRMED') FROM finding
                     WHERE visible AND review_status IN ('CONFIRMED', 'DISMISSED') GROUP BY 1 ORDER BY 1""");
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
        var query = Finding.<Finding>find(where.toString(), Sort.by("month").and("hospitalCode").and("id"), p);
        long total = query.count();
        List<FindingView> items = query.page(Page.of(q.page(), q.size())).list().stream().map(FindingView::of).toList();
        return new FindingPage(total, items);
    }

    public FindingView get(long id) {
        Finding f = Finding.findById(id);
        if (f == null || !f.visible) {
            throw DomainException.notFound("Finding", id);
        }
        return FindingView.of(f);
    }

    public Summary summary(String month, String hospital) {
        YearMonth m = month == null ? null : month(month);
        String where = " WHERE visible" + (m == null ? "" : " AND month = ?") + (hospital == null ? "" : " AND hospital_code = ?");
        List<Count> total = counts("'all'", where, m, hospital);
        Count all = total.isEmpty() ? new Count("all", 0, BigDecimal.ZERO) : total.get(0);
        return new Summary(month, all.findings(), all.amountAtStake(), counts("family", where, m, hospital),
                counts("rule_id", where, m, hospital), counts("hospital_code", where, m, hospital),
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
        String sql = "SELECT " + column + ", count(*), coalesce(sum(amount_at_stake), 0) FROM finding" + where
                + " GROUP BY 1 ORDER BY 1";
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
                    out.add(new Count(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)));
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
