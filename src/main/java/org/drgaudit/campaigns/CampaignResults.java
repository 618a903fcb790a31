package org.drgaudit.campaigns;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drgaudit.sampling.ClopperPearson;
import org.drgaudit.sampling.Extrapolation;
import org.drgaudit.shared.DomainException;

/**
 * What a campaign found, per hospital: the random sample's error rate with its exact (Clopper–Pearson)
 * 95% interval (also at 0 and n errors), the confirmed money, and, when the campaign asks for it, the overpayment extrapolated
 * to the hospital's ordinary cases (lower limit of the one-sided 90% interval); per rule, the precision
 * of its findings among the decided ones (never of special-case candidates, which are not suspected violations).
 */
@ApplicationScoped
public class CampaignResults {

    @Inject
    AgroalDataSource dataSource;

    /** One hospital's results. */
    public record HospitalResult(String hospitalCode, int ordinaryCases, int randomSampled, int randomDecided,
                                 int randomErrors, Double errorRate, Double errorRateLow95, Double errorRateHigh95,
                                 BigDecimal confirmedAmount, Extrapolation.Estimate extrapolation) {
    }

    /** A rule's precision in the campaign: confirmed ÷ decided findings. */
    public record RulePrecision(String ruleId, long decided, long confirmed, Double precision) {
    }

    public record Results(long campaignId, List<HospitalResult> hospitals, BigDecimal confirmedAmount,
                          Extrapolation.Estimate extrapolatedTotal, List<RulePrecision> rules) {
    }

    @Transactional
    public Results results(long campaignId, String hospitalScope) {
        Campaign c = Campaign.findById(campaignId);
        if (c == null) {
            throw DomainException.notFound("Campaign", campaignId);
        }
        Map<String, Integer> frame = counts("SELECT hospital_code, count(*) FROM campaign_frame WHERE campaign_id = ? GROUP BY 1", campaignId);
        Map<String, Integer> sampled = counts("SELECT hospital_code, count(*) FROM campaign_sample WHERE campaign_id = ? AND reason = 'RANDOM' GROUP BY 1", campaignId);
        Map<String, List<BigDecimal>> randomDecided = new TreeMap<>();
        Map<String, Integer> randomErrors = new TreeMap<>();
        Map<String, BigDecimal> confirmed = new TreeMap<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT i.hospital_code, s.reason, i.outcome, coalesce(i.confirmed_amount, 0)
                     FROM review_item i JOIN campaign_sample s ON s.campaign_id = i.campaign_id AND s.case_id = i.case_id
                     WHERE i.campaign_id = ? AND i.outcome IS NOT NULL""")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String h = rs.getString(1);
                    boolean error = "CONFIRMED".equals(rs.getString(3));
                    BigDecimal amount = error ? rs.getBigDecimal(4) : BigDecimal.ZERO;
                    if ("RANDOM".equals(rs.getString(2))) {
                        randomDecided.computeIfAbsent(h, k -> new ArrayList<>()).add(amount);
                        randomErrors.merge(h, error ? 1 : 0, Integer::sum);
                    }
                    confirmed.merge(h, amount, BigDecimal::add);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the results of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
        java.util.SortedSet<String> hospitals = new java.util.TreeSet<>(frame.keySet());
        hospitals.addAll(sampled.keySet());
        hospitals.addAll(confirmed.keySet());
        List<HospitalResult> out = new ArrayList<>();
        List<Extrapolation.Estimate> strata = new ArrayList<>();
        for (String h : hospitals) {
            if (hospitalScope != null && !hospitalScope.equals(h)) {
                continue;
            }
            List<BigDecimal> decided = randomDecided.getOrDefault(h, List.of());
            int errors = randomErrors.getOrDefault(h, 0);
            Double rate = null;
            Double low = null;
            Double high = null;
            if (!decided.isEmpty()) {
                rate = (double) errors / decided.size();
                // defined at 0 and n errors too: a clean sample must never break results, exports or clearing
                ClopperPearson.Interval ci = ClopperPearson.of(decided.size(), errors, 0.95);
                low = ci.lower();
                high = ci.upper();
            }
            Extrapolation.Estimate estimate = c.extrapolate
                    ? Extrapolation.meanPerUnit(frame.getOrDefault(h, 0), decided) : null;
            if (estimate != null) {
                strata.add(estimate);
            }
            out.add(new HospitalResult(h, frame.getOrDefault(h, 0), sampled.getOrDefault(h, 0), decided.size(), errors,
                    rate, low, high, confirmed.getOrDefault(h, BigDecimal.ZERO), estimate));
        }
        BigDecimal total = out.stream().map(HospitalResult::confirmedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Results(campaignId, out, total, c.extrapolate ? Extrapolation.stratified(strata) : null,
                hospitalScope == null ? precision(campaignId) : List.of());
    }

    private List<RulePrecision> precision(long campaignId) {
        List<RulePrecision> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT f.rule_id, count(*), count(*) FILTER (WHERE f.review_status = 'CONFIRMED')
                     FROM finding f WHERE f.review_status IN ('CONFIRMED', 'DISMISSED') AND f.family <> 'special-case'
                       AND f.id IN (SELECT unnest(finding_ids) FROM review_item WHERE campaign_id = ?)
                     GROUP BY 1 ORDER BY 1""")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long decided = rs.getLong(2);
                    long confirmed = rs.getLong(3);
                    out.add(new RulePrecision(rs.getString(1), decided, confirmed, decided == 0 ? null : (double) confirmed / decided));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading rule precision of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    private Map<String, Integer> counts(String sql, long campaignId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
