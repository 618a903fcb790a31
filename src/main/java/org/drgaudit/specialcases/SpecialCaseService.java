package org.drgaudit.specialcases;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.CaseValuation;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.Attachments;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;
import org.jboss.logging.Logger;

/**
 * A hospital's side of special cases (特例单议): its candidates, declaring a case of its own for the period of the
 * case's settlement month (category checked against the case's facts, within the declaration window, within the
 * quota), attaching evidence (streamed, size-limited, SHA-256, as appeal evidence is), withdrawing an undecided
 * declaration; and the bureau keeping a window open past its deadline (补报).
 */
@ApplicationScoped
public class SpecialCaseService {

    private static final Logger LOG = Logger.getLogger(SpecialCaseService.class);
    private static final int MAX_REASON = 4000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KnowledgeService knowledge;

    @Inject
    CaseService cases;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CaseValuation valuation;

    @Inject
    DrgAuditConfig config;

    @Inject
    SpecialCaseQueries queries;

    /** A declaration: the case, its category (code or Chinese label) and the hospital's reason. */
    public record DeclareRequest(String caseId, String category, String reason) {
    }

    /** Withdrawing an undecided declaration needs a reason. */
    public record WithdrawRequest(String reason) {
    }

    /** Keeping a period's window open until a date, for one hospital or (hospitalCode null) all of the region. */
    public record WindowRequest(String period, String hospitalCode, String region, LocalDate until, String reason) {
    }

    // ---------------------------------------------------------------------------------------------
    // Declaring
    // ---------------------------------------------------------------------------------------------

    @Transactional
    public SpecialCaseViews.Full declare(DeclareRequest r, CurrentUser user) {
        if (r == null || blank(r.caseId())) {
            throw DomainException.badRequest("须给出病例编号 caseId。Field 'caseId' is required, e.g. {\"caseId\": \"...\", "
                    + "\"category\": \"HIGH_COST\", \"reason\": \"...\"}.");
        }
        SpecialCaseCategory category = SpecialCaseCategory.parse(r.category());
        String reason = reason(r.reason(), "申报理由");
        SettledCase c = cases.getCase(r.caseId().strip()).data();
        if (user.isHospitalUser() && !c.hospitalCode().equals(user.hospitalCode())) {
            throw DomainException.forbidden("病例 " + c.caseId() + " 不是本院（" + user.hospitalCode() + "）病例，医院只能申报本院病例。"
                    + "A hospital declares its own cases only.");
        }
        HospitalRecord h = hospitals.get(c.hospitalCode());
        PolicyParameters p = policy(h.region(), c.settlementMonth());
        PolicyParameters.SpecialCase sc = p.getSpecialCase();
        DeclarationPeriod period = DeclarationPeriod.of(c.settlementMonth(), sc.getDeclarationPeriod());
        lock(h.code(), period);

        Declaration live = Declaration.find("caseId = ?1 and status <> ?2", c.caseId(), Declaration.WITHDRAWN).firstResult();
        if (live != null) {
            throw DomainException.conflict("病例 " + c.caseId() + " 已有特例单议申报 #" + live.id + "（" + Declaration.STATUS_LABELS.get(live.status)
                    + "），不能重复申报。Case " + c.caseId() + " is already declared (declaration " + live.id + ").");
        }
        SpecialCaseViews.Quota quota = quota(h, period, sc);
        if (!quota.windowOpen()) {
            throw DomainException.conflict("期间 " + period + " 的特例单议申报期已于 " + closes(quota) + " 截止（期间结束后 "
                    + sc.getDeclarationDays() + " 天，specialCase.declarationDays），今天是 " + today() + "。逾期补报须经办机构准予"
                    + "（POST /api/special-cases/windows）。The declaration window of " + period + " closed on " + closes(quota) + ".");
        }
        CaseValuation.Valued v = valuation.value(c, h.region(), h.coefficient());
        checkCategory(category, c, v, p);
        if (quota.remaining() <= 0) {
            throw new DomainException(409, "Quota exceeded", "医院 " + h.code() + " 期间 " + period + " 出院（结算）病例 " + quota.discharges()
                    + " 例，特例单议申报上限为 " + percent(quota.quotaShare()) + "，即 " + quota.cap() + " 例（向下取整），已申报 " + quota.used()
                    + " 例，剩余 0 例，本次申报不予受理。Hospital " + h.code() + " has " + quota.discharges() + " discharges in " + period
                    + "; at " + quota.quotaShare().toPlainString() + " the cap is " + quota.cap() + " declarations and " + quota.used()
                    + " are made.", List.of(), Map.of("quota", quota));
        }
        OffsetDateTime now = OffsetDateTime.now();
        Declaration d = new Declaration();
        d.caseId = c.caseId();
        d.hospitalCode = h.code();
        d.region = h.region();
        d.period = period.code();
        d.settlementMonth = c.settlementMonth().atDay(1);
        d.category = category.name();
        d.reason = reason;
        d.findingId = candidate(c.caseId());
        d.groupCode = c.groupCode();
        d.totalCost = c.totalCost();
        d.status = Declaration.DECLARED;
        d.declaredBy = user.username();
        d.declaredAt = now;
        d.updatedAt = now;
        d.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("category", category.name());
        detail.put("fromCandidate", d.findingId != null);
        detail.put("quotaCap", quota.cap());
        detail.put("quotaUsed", quota.used() + 1);
        event(d.id, "DECLARATION", "DECLARE", user.username(), reason, detail);
        return queries.full(d, user);
    }

    /** The category must fit the case's facts (and the region's treatment of low outliers), or 400 with the numbers. */
    private static void checkCategory(SpecialCaseCategory category, SettledCase c, CaseValuation.Valued v, PolicyParameters p) {
        PolicyParameters.SpecialCase sc = p.getSpecialCase();
        BigDecimal ratio = v.claimed() == null || v.claimed().standardCost().signum() <= 0 ? null
                : c.totalCost().divide(v.claimed().standardCost(), MathContext.DECIMAL128);
        String ratioText = ratio == null ? null : ratio.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        String why = switch (category) {
            case UNGROUPED -> v.claimed() == null ? null : "病例病组 " + v.claimed().code() + " 在本地区病组目录内，不是未入组病例";
            case HIGH_COST -> v.claimed() == null ? "病例病组 " + c.groupCode() + " 不在目录内，请按“未入组”申报"
                    : ratio.compareTo(sc.getHighCostRatio()) > 0 ? null
                    : "总费用为病组 " + v.claimed().code() + " 标准费用的 " + ratioText + " 倍，未超过高倍率 "
                    + plain(sc.getHighCostRatio()) + " 倍（specialCase.highCostRatio）";
            case LOW_COST -> !sc.isLowOutliersSpecialCases() ? lowOutliersRefused()
                    : v.claimed() == null ? "病例病组 " + c.groupCode() + " 不在目录内，请按“未入组”申报"
                    : ratio.compareTo(p.getTooLittleService().getLowCostRatio()) < 0 ? null
                    : "总费用为病组 " + v.claimed().code() + " 标准费用的 " + ratioText + " 倍，不低于 "
                    + plain(p.getTooLittleService().getLowCostRatio()) + " 倍（tooLittleService.lowCostRatio）";
            case SHORT_STAY -> !sc.isLowOutliersSpecialCases() ? lowOutliersRefused()
                    : c.losDays() != null && c.losDays() <= p.getTooLittleService().getShortStayDays() ? null
                    : "住院 " + c.losDays() + " 天，超过极短住院 " + p.getTooLittleService().getShortStayDays() + " 天（tooLittleService.shortStayDays）";
            case LONG_STAY -> c.losDays() != null && c.losDays() >= sc.getLongStayDays() ? null
                    : "住院 " + c.losDays() + " 天，不足超长住院 " + sc.getLongStayDays() + " 天（specialCase.longStayDays）";
            case NEW_TECHNOLOGY, OTHER -> null;
        };
        if (why != null) {
            throw DomainException.badRequest("病例 " + c.caseId() + " 不能按“" + category.label() + "”申报：" + why + "。请改选符合病例情况的类别"
                    + "（新药品/新耗材/新技术或其他须说明理由）。The case does not fit category " + category + ".");
        }
    }

    private static String lowOutliersRefused() {
        return "本地区将极低费用、极短住院病例作为服务不足疑点处理（specialCase.lowOutliers: TOO_LITTLE_SERVICE），不受理此类特例单议申报";
    }

    @Transactional
    public SpecialCaseViews.Full withdraw(long id, WithdrawRequest r, CurrentUser user) {
        Declaration d = own(id, user, true);
        String reason = reason(r == null ? null : r.reason(), "撤回理由");
        if (!Declaration.DECLARED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " " + Declaration.STATUS_LABELS.get(d.status) + "，只有尚未指派专家的申报可以撤回。"
                    + "Only a declaration not yet assigned to experts can be withdrawn.");
        }
        d.status = Declaration.WITHDRAWN;
        d.updatedAt = OffsetDateTime.now();
        event(d.id, "DECLARATION", "WITHDRAW", user.username(), reason, null);
        return queries.full(d, user);
    }

    // ---------------------------------------------------------------------------------------------
    // Evidence
    // ---------------------------------------------------------------------------------------------

    /**
     * Stores evidence of a declaration not yet assigned (experts judge what was declared). The body is read as a
     * stream into a temporary file with the SHA-256 taken on the way; reading stops as soon as the region's attachment
     * limit ({@code review.attachmentMaxMb}) is passed, so an over-limit upload is never held whole.
     */
    @Transactional
    public SpecialCaseViews.Attachment attach(long id, String fileName, String contentType, Long declaredLength, InputStream body,
                                              CurrentUser user) {
        Declaration d = own(id, user, false);
        if (!Declaration.DECLARED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " " + Declaration.STATUS_LABELS.get(d.status) + "，附件须在指派专家前上传。"
                    + "Evidence goes with the declaration, before experts are assigned.");
        }
        PolicyParameters.Review limits = policy(d.region, YearMonth.from(d.settlementMonth)).getReview();
        return Attachments.receive(fileName, contentType, declaredLength, body,
                limits.attachmentLimits(), "declaration " + id,
                a -> {
                    SpecialCaseViews.Attachment stored = store(id, a, user.username());
                    event(id, "DECLARATION", "ATTACH", user.username(), null,
                            Map.of("file", a.fileName(), "sha256", a.sha256(), "sizeBytes", a.size()));
                    return stored;
                });
    }

    private SpecialCaseViews.Attachment store(long id, Attachments.Spooled a, String user) throws IOException {
        Attachments.Stored stored = Attachments.insert(dataSource, "special_case_attachment", "declaration_id", id, a, user);
        return new SpecialCaseViews.Attachment(stored.id(), a.fileName(), a.contentType(), a.size(), a.sha256(), user, stored.uploadedAt());
    }

    // ---------------------------------------------------------------------------------------------
    // Windows, quota, candidates
    // ---------------------------------------------------------------------------------------------

    /** Keeps a period's declaration window open until a date (补报), for one hospital or the whole region. */
    @Transactional
    public SpecialCaseViews.Window openWindow(WindowRequest r, String user) {
        if (r == null || blank(r.period()) || r.until() == null) {
            throw DomainException.badRequest("须给出申报期间 period 与截止日期 until，例如 {\"period\": \"2024-08\", \"until\": \"2025-01-31\", "
                    + "\"reason\": \"...\"}。Fields 'period' and 'until' are required.");
        }
        String reason = reason(r.reason(), "补报理由");
        String hospital = blank(r.hospitalCode()) ? null : r.hospitalCode().strip();
        String region = hospital != null ? hospitals.get(hospital).region() : !blank(r.region()) ? r.region().strip() : onlyRegion();
        DeclarationPeriod period = DeclarationPeriod.parse(r.period());
        period.requireKind(policy(region, period.first()).getSpecialCase().getDeclarationPeriod());
        if (r.until().isBefore(today())) {
            throw DomainException.badRequest("补报截止日期 until " + r.until() + " 早于今天 " + today() + "。Field 'until' must not be in the past.");
        }
        DeclarationWindow w = new DeclarationWindow();
        w.region = region;
        w.hospitalCode = hospital;
        w.period = period.code();
        w.openUntil = r.until();
        w.reason = reason;
        w.grantedBy = user;
        w.grantedAt = OffsetDateTime.now();
        w.persist();
        return window(w);
    }

    @Transactional
    public List<SpecialCaseViews.Window> windows(String period, String hospital) {
        return DeclarationWindow.<DeclarationWindow>listAll(Sort.by("id")).stream()
                .filter(w -> period == null || w.period.equals(DeclarationPeriod.parse(period).code()))
                .filter(w -> hospital == null || w.hospitalCode == null || w.hospitalCode.equals(hospital))
                .map(SpecialCaseService::window).toList();
    }

    /** A hospital's quota and window for a period (the region's kind of period). */
    @Transactional
    public SpecialCaseViews.Quota quota(String periodText, String hospitalCode) {
        if (blank(hospitalCode)) {
            throw DomainException.badRequest("Query parameter 'hospital' is required (a hospital user: its own).");
        }
        HospitalRecord h = hospitals.get(hospitalCode);
        DeclarationPeriod period = DeclarationPeriod.parse(periodText);
        PolicyParameters.SpecialCase sc = policy(h.region(), period.first()).getSpecialCase();
        return quota(h, period.requireKind(sc.getDeclarationPeriod()), sc);
    }

    SpecialCaseViews.Quota quota(HospitalRecord h, DeclarationPeriod period, PolicyParameters.SpecialCase sc) {
        long discharges = count("SELECT count(*) FROM settled_case WHERE hospital_code = ? AND settlement_month >= ? AND settlement_month < ?",
                h.code(), period.start(), period.end());
        long used = count("SELECT count(*) FROM special_case_declaration WHERE hospital_code = ? AND period = ? AND status <> 'WITHDRAWN'",
                h.code(), period.code());
        long cap = sc.getQuotaShare().multiply(BigDecimal.valueOf(discharges)).setScale(0, RoundingMode.FLOOR).longValueExact();
        LocalDate closes = period.closesOn(sc.getDeclarationDays());
        LocalDate extended = extendedUntil(h, period);
        LocalDate today = today();
        boolean open = !today.isBefore(period.start()) && (!today.isAfter(closes) || extended != null && !today.isAfter(extended));
        return new SpecialCaseViews.Quota(h.code(), period.code(), discharges, sc.getQuotaShare(), cap, used, Math.max(0, cap - used),
                period.start(), closes, extended, open);
    }

    private LocalDate extendedUntil(HospitalRecord h, DeclarationPeriod period) {
        return DeclarationWindow.<DeclarationWindow>list("region = ?1 and period = ?2 and (hospitalCode is null or hospitalCode = ?3)",
                        h.region(), period.code(), h.code()).stream()
                .map(w -> w.openUntil).max(LocalDate::compareTo).orElse(null);
    }

    /**
     * The special-case candidates (visible findings of family special-case) of a hospital's period, each with the
     * category its rule suggests and its declaration, if any.
     */
    @Transactional
    public List<SpecialCaseViews.Candidate> candidates(String periodText, String hospitalCode) {
        if (blank(hospitalCode)) {
            throw DomainException.badRequest("Query parameter 'hospital' is required (a hospital user: its own).");
        }
        HospitalRecord h = hospitals.get(hospitalCode);
        DeclarationPeriod period = DeclarationPeriod.parse(periodText);
        period.requireKind(policy(h.region(), period.first()).getSpecialCase().getDeclarationPeriod());
        List<SpecialCaseViews.Candidate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT f.id, f.case_ids[array_length(f.case_ids, 1)], to_char(f.month, 'YYYY-MM'), f.evidence->>'category',
                            f.evidence->>'group', (f.evidence->>'totalCost')::numeric, (f.evidence->>'costRatio')::numeric,
                            f.explanation, d.id, d.status
                     FROM finding f
                     LEFT JOIN special_case_declaration d
                            ON d.case_id = f.case_ids[array_length(f.case_ids, 1)] AND d.status <> 'WITHDRAWN'
                     WHERE f.visible AND f.family = 'special-case' AND f.hospital_code = ? AND f.month >= ? AND f.month < ?
                     ORDER BY f.month, f.id""")) {
            ps.setString(1, h.code());
            ps.setObject(2, period.start());
            ps.setObject(3, period.end());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal ratio = rs.getBigDecimal(7);
                    // findings of an older SC-01 carry no category: ungrouped when they have no cost ratio, else high cost
                    String suggested = rs.getString(4) != null ? rs.getString(4) : ratio == null ? "UNGROUPED" : "HIGH_COST";
                    out.add(new SpecialCaseViews.Candidate(rs.getLong(1), rs.getString(2), h.code(), rs.getString(3), suggested,
                            SpecialCaseCategory.valueOf(suggested).label(), rs.getString(5), rs.getBigDecimal(6), ratio, rs.getString(8),
                            (Long) rs.getObject(9), rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading special-case candidates failed: " + e.getMessage(), e);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The parameters of the region's knowledge set in force at the start of a settlement month, or a 422 naming what is
     * missing (never a neighbouring year's).
     */
    PolicyParameters policy(String region, YearMonth month) {
        return knowledge.current().requireSet(region, month.atDay(1), "确定 " + month + " 的特例单议参数").parameters();
    }

    /** The declaration, when the caller is its hospital (or an admin), for a change; a hospital user never sees others'. */
    private static Declaration own(long id, CurrentUser user, boolean lock) {
        Declaration d = lock ? Declaration.findById(id, LockModeType.PESSIMISTIC_WRITE) : Declaration.findById(id);
        if (d == null || user.isHospitalUser() && !d.hospitalCode.equals(user.hospitalCode())) {
            throw DomainException.notFound("Special-case declaration", id);
        }
        if (!user.isHospitalUser() && !user.hasRole(Roles.ADMIN)) {
            throw DomainException.forbidden("Only the declaring hospital (or an admin) changes its declaration.");
        }
        return d;
    }

    static void event(long declarationId, String step, String action, String actor, String reason, Map<String, Object> detail) {
        DeclarationEvent e = new DeclarationEvent();
        e.declarationId = declarationId;
        e.step = step;
        e.action = action;
        e.actor = actor;
        e.at = OffsetDateTime.now();
        e.reason = reason;
        e.detail = detail;
        e.persist();
    }

    /** Serialises declarations of one hospital and period, so two at once cannot both take the last place of the quota. */
    private void lock(String hospital, DeclarationPeriod period) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "special-case:" + hospital + ":" + period.code());
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Locking the quota of " + hospital + " " + period + " failed: " + e.getMessage(), e);
        }
    }

    private Long candidate(String caseId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT max(id) FROM finding WHERE visible AND family = 'special-case' AND ? = ANY(case_ids)")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (Long) rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the candidates of case " + caseId + " failed: " + e.getMessage(), e);
        }
    }

    private long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String onlyRegion() {
        List<String> regions = knowledge.current().policies().stream().map(PolicyParameters::getRegion).distinct().toList();
        if (regions.size() != 1) {
            throw DomainException.badRequest("须给出 hospitalCode 或 region（知识库有地区 " + regions + "）。Give 'hospitalCode' or 'region'.");
        }
        return regions.get(0);
    }

    LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    private static LocalDate closes(SpecialCaseViews.Quota q) {
        return q.extendedUntil() != null && q.extendedUntil().isAfter(q.windowClosesOn()) ? q.extendedUntil() : q.windowClosesOn();
    }

    private static SpecialCaseViews.Window window(DeclarationWindow w) {
        return new SpecialCaseViews.Window(w.id, w.region, w.hospitalCode, w.period, w.openUntil, w.reason, w.grantedBy, w.grantedAt);
    }

    static String reason(String text, String what) {
        if (blank(text)) {
            throw DomainException.badRequest("须说明" + what + "（field 'reason'）。Field 'reason' is required.");
        }
        String t = text.strip();
        if (t.length() > MAX_REASON) {
            throw DomainException.badRequest(what + "不超过 " + MAX_REASON + " 字，现为 " + t.length() + " 字；详细材料请作为附件上传。"
                    + "Field 'reason' has at most " + MAX_REASON + " characters.");
        }
        return t;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
