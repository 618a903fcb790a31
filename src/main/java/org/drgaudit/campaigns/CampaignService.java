package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.rules.RuleCompiler;
import org.drgaudit.sampling.FrameEntry;
import org.drgaudit.sampling.SampleDraw;
import org.drgaudit.sampling.SamplingPlan;
import org.drgaudit.shared.CopyRows;
import org.drgaudit.shared.DomainException;

/**
 * Audit campaigns: create and change them while in draft, draw the sample (which freezes and hashes
 * the sampling frame), re-draw from the frozen frame, close them. Nothing about a closed campaign
 * changes.
 */
@ApplicationScoped
public class CampaignService {

    private static final String SPECIAL_CASE = "special-case";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KnowledgeService knowledge;

    @Inject
    ReviewService reviews;

    @Inject
    org.drgaudit.findings.FindingStore findingStore;

    /**
     * The frozen frame of a drawn campaign, with what a hospital needs to reproduce the draw: every stratum's hash
     * (their combination is {@code frameHash}) and the entries of all strata, or of one hospital's when
     * {@code hospitalCode} is set. Shown to a hospital user, other strata carry their hash but not their size.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frame(String frameHash, String flatFrameHash, long seed, BigDecimal randomShare, int minPerHospital,
                        String hospitalCode, List<StratumView> strata, List<FrameEntry> entries) {
    }

    /** One stratum (hospital) of a frame: its hash and, unless hidden from the caller, its size. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StratumView(String hospitalCode, Integer size, String hash) {
    }

    /** A re-draw from the frozen frame (or one hospital's stratum of it) with a seed: the random sample and whether it is the stored one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Redraw(long seed, String hospitalCode, List<String> caseIds, boolean sameAsStored) {
    }

    @Transactional
    public CampaignView createCampaign(CampaignRequest r, String user) {
        Campaign c = new Campaign();
        c.status = Campaign.DRAFT;
        c.createdBy = user;
        c.createdAt = OffsetDateTime.now();
        apply(c, r);
        c.persist();
        return CampaignView.of(c);
    }

    @Transactional
    public CampaignView updateCampaign(long id, CampaignRequest r) {
        Campaign c = find(id);
        requireStatus(c, Campaign.DRAFT, "changed");
        apply(c, r);
        return CampaignView.of(c);
    }

    @Transactional
    public List<CampaignView> list() {
        return Campaign.<Campaign>listAll(Sort.descending("id")).stream().map(CampaignView::of).toList();
    }

    @Transactional
    public CampaignView get(long id) {
        return CampaignView.of(find(id));
    }

    /** Freezes the frame of eligible ordinary cases, draws the random and the risk-targeted sample. */
    @Transactional
    public CampaignView drawSample(long id, String user) {
        // the row lock makes a concurrent second draw wait, then find the campaign drawn and answer 409
        Campaign c = Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw DomainException.notFound("Campaign", id);
        }
        requireStatus(c, Campaign.DRAFT, "drawn again");
        try (Connection conn = dataSource.getConnection()) {
            List<FrameEntry> frame = frame(conn, c);
            List<FrameEntry> random = SampleDraw.draw(frame, plan(c, c.seed));
            Map<String, SampledCase> sample = new LinkedHashMap<>();
            random.forEach(e -> sample.put(e.caseId(), new SampledCase(e.caseId(), e.hospitalCode(), "RANDOM", List.of(), null)));
            riskTargeted(conn, c).forEach(s -> sample.putIfAbsent(s.caseId(), s));
            storeFrame(conn, c.id, frame);
            storeSample(conn, c.id, sample.values());
            reviews.openItems(conn, c.id, sample.values());
            findingStore.markSampled(conn, sample.values().stream().flatMap(s -> s.findingIds().stream()).toList());
            c.frameHash = SampleDraw.frameHash(frame); // the combination of the per-hospital stratum hashes
            c.frameSize = frame.size();
        } catch (SQLException e) {
            throw new IllegalStateException("Drawing the sample of campaign " + id + " failed: " + e.getMessage(), e);
        }
        c.status = Campaign.SAMPLED;
        c.drawnBy = user;
        c.drawnAt = OffsetDateTime.now();
        return CampaignView.of(c);
    }

    @Transactional
    public List<SampledCase> sample(long id) {
        return sample(id, null);
    }

    /** The sampled cases, of one hospital when {@code hospital} is set. */
    @Transactional
    public List<SampledCase> sample(long id, String hospital) {
        find(id);
        List<SampledCase> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("""
                     SELECT case_id, hospital_code, reason, finding_ids, amount_at_stake FROM campaign_sample
                     WHERE campaign_id = ? AND (?::text IS NULL OR hospital_code = ?)
                     ORDER BY hospital_code, reason, case_id""")) {
            ps.setLong(1, id);
            ps.setString(2, hospital);
            ps.setString(3, hospital);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] findings = (Long[]) rs.getArray(4).getArray();
                    out.add(new SampledCase(rs.getString(1), rs.getString(2), rs.getString(3), List.of(findings), rs.getBigDecimal(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the sample of campaign " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Transactional
    public Frame frame(long id) {
        return frame(id, null, false);
    }

    /**
     * The frozen frame: all of it, or one hospital's stratum when {@code hospital} is set; always every stratum's
     * hash, and every stratum's size unless {@code hideOtherSizes} (a hospital user learns nothing of other
     * hospitals' cases, not even how many are eligible).
     */
    @Transactional
    public Frame frame(long id, String hospital, boolean hideOtherSizes) {
        Campaign c = find(id);
        if (c.frameHash == null) {
            throw DomainException.conflict("Campaign " + id + " has no frame yet; draw its sample first.");
        }
        List<FrameEntry> all = frozenFrame(id);
        List<StratumView> strata = SampleDraw.strata(all).stream()
                .map(s -> new StratumView(s.hospitalCode(), hideOtherSizes && !s.hospitalCode().equals(hospital) ? null : s.size(),
                        s.hash()))
                .toList();
        List<FrameEntry> entries = hospital == null ? all : all.stream().filter(e -> e.hospitalCode().equals(hospital)).toList();
        return new Frame(c.frameHash, c.flatFrameHash, c.seed, c.randomShare, c.minPerHospital, hospital, strata, entries);
    }

    /** Draws again from the frozen frame with a seed; with the campaign's own seed it gives the stored sample. */
    @Transactional
    public Redraw redraw(long id, Long seed) {
        return redraw(id, seed, null);
    }

    /**
     * Draws again from the frozen frame, or from one hospital's stratum of it (a stratum's draw depends on nothing
     * else), with a seed; with the campaign's own seed it gives the stored random sample (of that hospital).
     */
    @Transactional
    public Redraw redraw(long id, Long seed, String hospital) {
        Campaign c = find(id);
        Frame frame = frame(id, hospital, true);
        long s = seed == null ? c.seed : seed;
        List<String> drawn = SampleDraw.draw(frame.entries(), plan(c, s)).stream().map(FrameEntry::caseId).toList();
        List<String> stored = sample(id, hospital).stream().filter(x -> x.reason().equals("RANDOM")).map(SampledCase::caseId).toList();
        return new Redraw(s, hospital, drawn, new java.util.HashSet<>(drawn).equals(new java.util.HashSet<>(stored)));
    }

    /**
     * Closes the campaign. Review items still open would stay undecided for good, so closing with open items needs
     * {@code confirmOpen}; without it the answer is 409 with how many are open at which step. The open items stay
     * listed (at the step where they stopped) and their number is kept on the campaign.
     */
    @Transactional
    public CampaignView closeCampaign(long id, String user, boolean confirmOpen) {
        Campaign c = Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw DomainException.notFound("Campaign", id);
        }
        if (Campaign.CLOSED.equals(c.status)) {
            throw DomainException.conflict("Campaign " + id + " is already closed; a closed campaign does not change.");
        }
        Map<String, Integer> open = reviews.openByStep(id);
        int openItems = open.values().stream().mapToInt(Integer::intValue).sum();
        if (openItems > 0 && !confirmOpen) {
            long total = ReviewItem.count("campaignId", id);
            String bySteps = open.entrySet().stream().map(e -> ReviewStep.valueOf(e.getKey()).label() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("，"));
            throw new DomainException(409, "Open review items", "Campaign " + id + " still has " + openItems + " of " + total
                    + " review items open (" + bySteps + "); closing leaves them undecided for good. Decide them first, "
                    + "or close with ?confirmOpen=true to close the campaign with them open.", List.of(),
                    Map.of("openItems", openItems, "totalItems", total, "openBySteps", open));
        }
        c.status = Campaign.CLOSED;
        c.closedBy = user;
        c.closedAt = OffsetDateTime.now();
        c.openItemsAtClose = openItems;
        return CampaignView.of(c);
    }

    private static Campaign find(long id) {
        Campaign c = Campaign.findById(id);
        if (c == null) {
            throw DomainException.notFound("Campaign", id);
        }
        return c;
    }

    private static void requireStatus(Campaign c, String status, String verb) {
        if (!status.equals(c.status)) {
            throw DomainException.conflict("Campaign " + c.id + " is " + c.status + " and cannot be " + verb
                    + (Campaign.CLOSED.equals(c.status) ? "; a closed campaign does not change." : "."));
        }
    }

    private void apply(Campaign c, CampaignRequest r) {
        if (r == null) {
            throw DomainException.badRequest("A campaign needs at least 'name' and 'months'.");
        }
        if (r.name() == null || r.name().isBlank()) {
            throw DomainException.badRequest("Field 'name' is required.");
        }
        if (r.months() == null || r.months().isEmpty()) {
            throw DomainException.badRequest("Field 'months' needs at least one settlement month (YYYY-MM).");
        }
        for (String m : r.months()) {
            if (m == null || org.drgaudit.shared.Months.parseOrNull(m) == null) {
                throw DomainException.badRequest("Field 'months' has '" + (m == null ? null : org.drgaudit.shared.Months.shown(m))
                        + "'; write months as YYYY-MM between 1900-01 and 2100-12.");
            }
        }
        if (r.hospitalLevel() != null && (r.hospitalLevel() < 1 || r.hospitalLevel() > 3)) {
            throw DomainException.badRequest("Field 'hospitalLevel' must be 1, 2 or 3.");
        }
        if (r.families() != null) {
            r.families().stream().filter(f -> !RuleCompiler.FAMILIES.contains(f)).findFirst().ifPresent(f -> {
                throw DomainException.badRequest("Field 'families' has '" + f + "'; use " + RuleCompiler.FAMILIES + ".");
            });
            if (r.families().contains(SPECIAL_CASE)) {
                throw DomainException.badRequest("Field 'families' has 'special-case': 特例单议候选不是违规，不进入违规抽查，"
                        + "由医院申报、专家评审（/api/special-cases）。Special-case candidates are never sampled as violations.");
            }
        }
        PolicyParameters.Sampling defaults = defaults(YearMonth.parse(r.months().get(0)));
        BigDecimal share = r.randomShare() != null ? r.randomShare() : defaults.getRandomShare();
        if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0 || share.stripTrailingZeros().scale() > 4) {
            throw DomainException.badRequest("Field 'randomShare' must be between 0 and 1 with at most 4 decimal places.");
        }
        c.name = r.name().strip();
        c.months = r.months().stream().sorted().distinct().toArray(String[]::new);
        c.hospitalLevel = r.hospitalLevel() == null ? null : r.hospitalLevel().shortValue();
        c.hospitalCodes = array(r.hospitalCodes());
        c.groupPrefixes = array(r.groupPrefixes());
        c.families = array(r.families());
        c.randomShare = share;
        c.minPerHospital = r.minPerHospital() != null ? r.minPerHospital() : defaults.getMinPerHospital();
        c.maxSuspicious = r.maxSuspicious() != null ? r.maxSuspicious() : defaults.getMaxSuspicious();
        if (c.minPerHospital < 0 || c.maxSuspicious < 0 || c.minPerHospital > 100_000 || c.maxSuspicious > 1_000_000) {
            throw DomainException.badRequest("Fields 'minPerHospital' (0 to 100000) and 'maxSuspicious' (0 to 1000000) are out of range.");
        }
        c.seed = r.seed() != null ? r.seed() : Math.abs(new SecureRandom().nextLong() % 1_000_000_000_000L);
        c.extrapolate = Boolean.TRUE.equals(r.extrapolate());
        c.updatedAt = OffsetDateTime.now();
    }

    /**
     * The sampling defaults of the knowledge set in force at the start of the campaign's first month; a 422 saying which
     * sets there are when none is (never a neighbouring year's defaults).
     */
    private PolicyParameters.Sampling defaults(YearMonth month) {
        return parametersInForce(knowledge.current(), month, "确定专项抽查的抽样默认值").getSampling();
    }

    /** The parameters of the first (by region) knowledge set in force at the start of a month, or a 422. */
    static PolicyParameters parametersInForce(org.drgaudit.knowledge.KnowledgeSnapshot kb, YearMonth month, String purpose) {
        return kb.sets().stream().filter(s -> s.covers(month.atDay(1))).findFirst()
                .orElseThrow(() -> new DomainException(422, "No knowledge set in force", "知识库 " + kb.label() + " 没有在 "
                        + month + " 适用的知识库版本，无法" + purpose + "；现有版本：" + String.join("、", kb.sets().stream()
                        .map(s -> s.region() + " " + s.describe()).toList()) + "。请选择这些版本适用期内的月份，或在 knowledge-base/parameters/ "
                        + "增加覆盖该月的参数文件。No knowledge set covers " + month + ".")).parameters();
    }

    private static String[] array(List<String> values) {
        return values == null || values.isEmpty() ? null : values.stream().map(String::strip).distinct().toArray(String[]::new);
    }

    private static SamplingPlan plan(Campaign c, long seed) {
        return new SamplingPlan(c.randomShare, c.minPerHospital, seed);
    }

    /** Ordinary cases in scope: named by no visible finding of the campaign's months. */
    private static List<FrameEntry> frame(Connection conn, Campaign c) throws SQLException {
        CampaignScope scope = new CampaignScope(c, "c.settlement_month").and("""
                c.case_id NOT IN (SELECT DISTINCT unnest(f.case_ids) FROM finding f WHERE f.visible AND f.month = ANY(?))""",
                (ps, i, con) -> ps.setArray(i, con.createArrayOf("date", CampaignScope.months(c))));
        String sql = "SELECT c.case_id, c.hospital_code, c.content_hash FROM settled_case c JOIN hospital h ON h.code = c.hospital_code"
                + scope.where() + " ORDER BY c.hospital_code COLLATE \"C\", c.case_id COLLATE \"C\"";
        List<FrameEntry> frame = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            scope.bind(ps, conn, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    frame.add(new FrameEntry(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return frame;
    }

    /**
     * Every VIOLATION finding in scope, and the SUSPICIOUS ones with the most money at stake, by case. Special-case
     * candidates (特例单议) are never drawn: they are not suspected violations and go through their own procedure.
     */
    private static List<SampledCase> riskTargeted(Connection conn, Campaign c) throws SQLException {
        CampaignScope scope = new CampaignScope(c, "f.month");
        String sql = "SELECT f.id, f.result_type, f.amount_at_stake, f.case_ids[array_length(f.case_ids, 1)], f.hospital_code"
                + " FROM finding f JOIN hospital h ON h.code = f.hospital_code"
                + " JOIN settled_case c ON c.case_id = f.case_ids[array_length(f.case_ids, 1)]"
                + scope.where() + " AND f.visible AND NOT f.shadow AND f.family <> '" + SPECIAL_CASE + "'"
                + (c.families == null ? "" : " AND f.family = ANY(?)")
                + " ORDER BY (f.result_type = 'VIOLATION') DESC, f.amount_at_stake DESC NULLS LAST, f.id";
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        Map<String, BigDecimal> money = new LinkedHashMap<>();
        int suspicious = 0;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int next = scope.bind(ps, conn, 1);
            if (c.families != null) {
                ps.setArray(next, conn.createArrayOf("text", c.families));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean violation = "VIOLATION".equals(rs.getString(2));
                    if (!violation && suspicious >= c.maxSuspicious) {
                        continue;
                    }
                    if (!violation) {
                        suspicious++;
                    }
                    String caseId = rs.getString(4);
                    ids.computeIfAbsent(caseId, k -> new ArrayList<>()).add(rs.getLong(1));
                    meta.merge(caseId, new String[] {rs.getString(5), violation ? "VIOLATION" : "SUSPICIOUS"},
                            (a, b) -> "VIOLATION".equals(a[1]) ? a : b);
                    BigDecimal amount = rs.getBigDecimal(3);
                    money.merge(caseId, amount == null ? BigDecimal.ZERO : amount, BigDecimal::add);
                }
            }
        }
        List<SampledCase> out = new ArrayList<>();
        ids.forEach((caseId, findingIds) -> out.add(new SampledCase(caseId, meta.get(caseId)[0], meta.get(caseId)[1],
                List.copyOf(findingIds), money.get(caseId))));
        return out;
    }

    private static void storeFrame(Connection conn, long campaignId, List<FrameEntry> frame) throws SQLException {
        CopyRows copy = new CopyRows(conn, "campaign_frame", "campaign_id, position, case_id, hospital_code, content_hash");
        try {
            for (int i = 0; i < frame.size(); i++) {
                FrameEntry e = frame.get(i);
                copy.value(campaignId).value(i).value(e.caseId()).value(e.hospitalCode()).value(e.contentHash());
                copy.endRow();
            }
            copy.close();
        } catch (IOException | RuntimeException e) {
            copy.cancel();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void storeSample(Connection conn, long campaignId, java.util.Collection<SampledCase> sample) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO campaign_sample (campaign_id, case_id, hospital_code, reason, finding_ids, amount_at_stake)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (SampledCase s : sample) {
                ps.setLong(1, campaignId);
                ps.setString(2, s.caseId());
                ps.setString(3, s.hospitalCode());
                ps.setString(4, s.reason());
                ps.setArray(5, conn.createArrayOf("bigint", s.findingIds().toArray()));
                ps.setBigDecimal(6, s.amountAtStake());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<FrameEntry> frozenFrame(long id) {
        List<FrameEntry> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT case_id, hospital_code, content_hash FROM campaign_frame WHERE campaign_id = ? ORDER BY position")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FrameEntry(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the frame of campaign " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
