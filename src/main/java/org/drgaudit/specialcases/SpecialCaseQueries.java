package org.drgaudit.specialcases;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.ExpertPool;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;

/**
 * Reads declarations as each caller may see them: staff whole; a hospital its own, with the experts anonymous (their
 * opinions shown once decided); an expert only those assigned to them, blind. Also the statistics per hospital and
 * category, and attachments for download.
 */
@ApplicationScoped
public class SpecialCaseQueries {

    private static final Map<String, String> STEPS = Map.of("DECLARATION", "申报", "REVIEW", "专家评审", "DECISION", "认定");
    private static final Map<String, String> ACTIONS = Map.of("DECLARE", "申报", "WITHDRAW", "撤回", "ATTACH", "上传附件",
            "ASSIGN", "随机指派专家", "OPINION", "提出意见", "APPROVE", "认定", "REJECT", "不予认定");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CaseService cases;

    @Inject
    KnowledgeService knowledge;

    @Inject
    ExpertPool experts;

    @Inject
    SpecialCaseService declarations;

    /** Declarations the caller may see, filtered; an expert gets {@link SpecialCaseViews.Blind} views. */
    @Transactional
    public List<?> list(String period, String hospital, String status, String category, CurrentUser user) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (period != null) {
            q.append(" and period = :period");
            p.and("period", DeclarationPeriod.parse(period).code());
        }
        if (hospital != null) {
            q.append(" and hospitalCode = :hospital");
            p.and("hospital", hospital);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status.strip().toUpperCase());
        }
        if (category != null) {
            q.append(" and category = :category");
            p.and("category", SpecialCaseCategory.parse(category).name());
        }
        if (isExpert(user)) {
            q.append(" and id in (select a.declarationId from ExpertAssignment a where a.expert = :expert)");
            p.and("expert", user.username());
        }
        List<Declaration> found = Declaration.list(q.toString(), Sort.by("id"), p);
        if (isExpert(user)) {
            return found.stream().map(d -> blind(d, user.username())).toList();
        }
        return found.stream().map(d -> full(d, user)).toList();
    }

    /** One declaration as the caller may see it; 404 when they may not (an expert: unless assigned). */
    @Transactional
    public Object get(long id, CurrentUser user) {
        Declaration d = visible(id, user);
        return isExpert(user) ? blind(d, user.username()) : full(d, user);
    }

    /** The declaration when the caller may see it, else 404. */
    Declaration visible(long id, CurrentUser user) {
        Declaration d = Declaration.findById(id);
        boolean hidden = d == null
                || user.isHospitalUser() && !d.hospitalCode.equals(user.hospitalCode())
                || isExpert(user) && ExpertAssignment.count("declarationId = ?1 and expert = ?2", id, user.username()) == 0;
        if (hidden) {
            throw DomainException.notFound("Special-case declaration", id);
        }
        return d;
    }

    /** Only the expert role sees blind views; a user who is staff as well sees them whole. */
    static boolean isExpert(CurrentUser user) {
        return user.hasRole(Roles.EXPERT) && !user.hasRole(Roles.ADMIN) && !user.hasRole(Roles.INSPECTOR);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    SpecialCaseViews.Full full(Declaration d, CurrentUser user) {
        boolean hospitalView = user.isHospitalUser();
        OffsetDateTime now = OffsetDateTime.now();
        List<ExpertAssignment> assigned = ExpertAssignment.list("declarationId", Sort.by("drawKey"), d.id);
        Map<String, ExpertOpinion> opinions = ExpertOpinion.<ExpertOpinion>list("declarationId", d.id).stream()
                .collect(Collectors.toMap(o -> o.expert, Function.identity()));
        Map<String, ExpertPool.Expert> pool = experts.experts().stream().collect(Collectors.toMap(ExpertPool.Expert::username, e -> e));
        List<SpecialCaseViews.Expert> expertViews = hospitalView ? null : assigned.stream().map(a -> {
            ExpertOpinion o = opinions.get(a.expert);
            ExpertPool.Expert e = pool.get(a.expert);
            return new SpecialCaseViews.Expert(a.expert, e == null ? null : e.displayName(), a.specialty, a.expertHospital, a.drawKey,
                    a.deadline, o == null && d.open() && now.isAfter(a.deadline), o == null ? null : o.opinion,
                    o == null ? null : ExpertOpinion.label(o.opinion), o == null ? null : o.reason, o == null ? null : o.at);
        }).toList();
        // the hospital learns what the experts said once it is decided, never who said it
        List<SpecialCaseViews.Opinion> anonymous = hospitalView && !d.open() && !opinions.isEmpty()
                ? opinions.values().stream().sorted(Comparator.comparing(o -> o.at))
                .map(o -> new SpecialCaseViews.Opinion(o.opinion, ExpertOpinion.label(o.opinion), o.reason, o.at)).toList()
                : null;
        List<SpecialCaseViews.Event> history = DeclarationEvent.<DeclarationEvent>list("declarationId", Sort.by("id"), d.id).stream()
                .map(e -> event(e, hospitalView)).toList();
        String hospitalName = hospitalName(d.hospitalCode);
        boolean reviewOverdue = Declaration.ASSIGNED.equals(d.status) && d.reviewDeadline != null && now.isAfter(d.reviewDeadline)
                && opinions.size() < assigned.size();
        boolean decisionOverdue = Declaration.ASSIGNED.equals(d.status) && d.decisionDeadline != null && now.isAfter(d.decisionDeadline);
        SpecialCaseViews.Payment payment = d.paymentMethod == null ? null : new SpecialCaseViews.Payment(d.paymentMethod,
                SpecialCasePayment.methodLabel(d.paymentMethod), d.paymentRatio, d.extraPoints, d.extraAmount, d.paymentExplanation);
        return new SpecialCaseViews.Full(d.id, d.caseId, d.hospitalCode, hospitalName, d.region, d.period,
                YearMonth.from(d.settlementMonth).toString(), d.category, d.categoryValue().label(), d.reason, d.findingId, d.groupCode,
                d.totalCost, d.status, Declaration.STATUS_LABELS.get(d.status), d.declaredBy, d.declaredAt, hospitalView ? null : d.seed,
                hospitalView ? null : d.assignedBy, d.assignedAt, d.reviewDeadline, d.reviewDeadline == null ? null : reviewOverdue,
                d.decisionDeadline, d.decisionDeadline == null ? null : decisionOverdue, expertViews, anonymous, d.approvals,
                d.rejections, d.decidedBy, d.decidedAt, d.decisionNote, payment, attachments(d.id), history);
    }

    SpecialCaseViews.Blind blind(Declaration d, String expert) {
        ExpertAssignment a = ExpertAssignment.find("declarationId = ?1 and expert = ?2", d.id, expert).firstResult();
        ExpertOpinion o = ExpertOpinion.find("declarationId = ?1 and expert = ?2", d.id, expert).firstResult();
        SettledCase c = cases.getCase(d.caseId).data();
        GroupEntry g = c.groupCode() == null ? null : knowledge.current()
                .catalogue(declarations.policy(d.region, YearMonth.from(d.settlementMonth)).getCatalogue()).get(c.groupCode());
        BigDecimal ratio = g == null || g.standardCost().signum() <= 0 ? null
                : c.totalCost().divide(g.standardCost(), MathContext.DECIMAL128).setScale(4, RoundingMode.HALF_UP);
        SpecialCaseViews.BlindCase kase = new SpecialCaseViews.BlindCase(name(c.insuranceType()), name(c.sex()), c.ageYears(),
                c.ageDays(), c.admissionTime() == null ? null : c.admissionTime().toLocalDate(),
                c.dischargeTime() == null ? null : c.dischargeTime().toLocalDate(), c.losDays(), name(c.admissionRoute()),
                name(c.dischargeMethod()), c.department(), c.principalDiagnosis(), c.secondaryDiagnosesOrEmpty(),
                c.proceduresOrEmpty().stream().map(x -> new SpecialCaseViews.BlindProcedure(x.code(), x.name(), x.date(), x.principal(),
                        x.anaesthesia())).toList(), c.ventilatorHours(), c.icuHours(), c.costs(), c.totalCost(), c.groupCode(),
                g != null ? g.name() : c.grouping() == null ? null : c.grouping().name(), g == null ? null : g.weight(),
                g == null ? null : g.standardCost(), ratio);
        List<SpecialCaseViews.BlindAttachment> files = attachments(d.id).stream()
                .map(x -> new SpecialCaseViews.BlindAttachment(x.id(), x.fileName(), x.contentType(), x.sizeBytes(), x.sha256())).toList();
        boolean overdue = o == null && d.open() && a != null && OffsetDateTime.now().isAfter(a.deadline);
        return new SpecialCaseViews.Blind(d.id, d.period, d.category, d.categoryValue().label(), d.reason, d.status,
                Declaration.STATUS_LABELS.get(d.status), kase, a == null ? null : a.deadline, overdue, o == null ? null : o.opinion,
                o == null ? null : ExpertOpinion.label(o.opinion), o == null ? null : o.reason, o == null ? null : o.at, files);
    }

    /** A hospital sees that experts were drawn and gave opinions, never who they are. */
    private static SpecialCaseViews.Event event(DeclarationEvent e, boolean hospitalView) {
        boolean byExpert = "REVIEW".equals(e.step);
        String actor = hospitalView && "OPINION".equals(e.action) ? "专家" : e.actor;
        Map<String, Object> detail = hospitalView && byExpert ? null : e.detail;
        String reason = hospitalView && "OPINION".equals(e.action) ? null : e.reason;
        return new SpecialCaseViews.Event(e.step, STEPS.getOrDefault(e.step, e.step), e.action, ACTIONS.getOrDefault(e.action, e.action),
                actor, e.at, reason, detail);
    }

    private String hospitalName(String code) {
        try {
            return hospitals.get(code).name();
        } catch (DomainException e) {
            return null;
        }
    }

    /** Attachment metadata of a declaration, oldest first. */
    List<SpecialCaseViews.Attachment> attachments(long id) {
        List<SpecialCaseViews.Attachment> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
                     FROM special_case_attachment WHERE declaration_id = ? ORDER BY id""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SpecialCaseViews.Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the attachments of declaration " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** An attachment with its bytes. */
    public record AttachmentContent(String fileName, String contentType, String sha256, byte[] content) {
    }

    /** One attachment of a declaration the caller may see (an expert: one assigned to them). */
    @Transactional
    public AttachmentContent attachment(long id, long attachmentId, CurrentUser user) {
        visible(id, user);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT file_name, content_type, sha256, content FROM special_case_attachment WHERE id = ? AND declaration_id = ?")) {
            ps.setLong(1, attachmentId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DomainException.notFound("Attachment of special-case declaration " + id, attachmentId);
                }
                return new AttachmentContent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading attachment " + attachmentId + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Statistics
    // ---------------------------------------------------------------------------------------------

    /** Counts and extra payment per hospital and category, of one period or a year (by settlement month); quotas for a period. */
    @Transactional
    public SpecialCaseViews.Statistics statistics(String period, Integer year, String hospital) {
        if (period == null && year == null) {
            throw DomainException.badRequest("Give 'period' (YYYY-MM or YYYY-Qn) or 'year'.");
        }
        DeclarationPeriod p = period == null ? null : DeclarationPeriod.parse(period);
        List<Declaration> all = (p != null ? Declaration.<Declaration>list("period", Sort.by("id"), p.code())
                : Declaration.<Declaration>list("settlementMonth >= ?1 and settlementMonth < ?2", Sort.by("id"),
                        java.time.LocalDate.of(year, 1, 1), java.time.LocalDate.of(year + 1, 1, 1))).stream()
                .filter(d -> hospital == null || d.hospitalCode.equals(hospital)).toList();
        Map<String, List<Declaration>> byHospital = new TreeMap<>(all.stream().collect(Collectors.groupingBy(d -> d.hospitalCode)));
        if (p != null && hospital != null) {
            byHospital.putIfAbsent(hospital, List.of());
        }
        List<SpecialCaseViews.HospitalCounts> hospitalRows = new ArrayList<>();
        byHospital.forEach((code, ds) -> {
            SpecialCaseViews.Quota quota = null;
            if (p != null) {
                HospitalRecord h = hospitals.get(code);
                var sc = declarations.policy(h.region(), p.first()).getSpecialCase();
                if (sc.getDeclarationPeriod().equals(p.quarterly() ? PolicyParameters.SpecialCase.QUARTERLY
                        : PolicyParameters.SpecialCase.MONTHLY)) {
                    quota = declarations.quota(h, p, sc);
                }
            }
            hospitalRows.add(new SpecialCaseViews.HospitalCounts(code, counts(ds), quota));
        });
        Map<String, List<Declaration>> byCategory = new LinkedHashMap<>();
        for (SpecialCaseCategory c : SpecialCaseCategory.values()) {
            byCategory.put(c.name(), all.stream().filter(d -> d.category.equals(c.name())).toList());
        }
        List<SpecialCaseViews.CategoryCounts> categoryRows = byCategory.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> new SpecialCaseViews.CategoryCounts(e.getKey(), SpecialCaseCategory.valueOf(e.getKey()).label(), counts(e.getValue())))
                .toList();
        Map<String, List<Declaration>> both = new TreeMap<>(all.stream().collect(Collectors.groupingBy(d -> d.hospitalCode + "|"
                + SpecialCaseCategory.valueOf(d.category).ordinal())));
        List<SpecialCaseViews.Row> rows = new ArrayList<>();
        both.forEach((k, ds) -> {
            Declaration first = ds.get(0);
            rows.add(new SpecialCaseViews.Row(first.hospitalCode, first.category, first.categoryValue().label(), counts(ds)));
        });
        return new SpecialCaseViews.Statistics(p == null ? null : p.code(), p == null ? year : null, counts(all), hospitalRows,
                categoryRows, rows);
    }

    private static SpecialCaseViews.Counts counts(List<Declaration> ds) {
        Map<String, Long> by = new HashMap<>();
        ds.forEach(d -> by.merge(d.status, 1L, Long::sum));
        long withdrawn = by.getOrDefault(Declaration.WITHDRAWN, 0L);
        List<Declaration> approved = ds.stream().filter(d -> Declaration.APPROVED.equals(d.status)).toList();
        BigDecimal points = approved.stream().map(d -> d.extraPoints).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal amount = approved.stream().map(d -> d.extraAmount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        return new SpecialCaseViews.Counts(ds.size() - withdrawn,
                by.getOrDefault(Declaration.DECLARED, 0L) + by.getOrDefault(Declaration.ASSIGNED, 0L),
                approved.size(), by.getOrDefault(Declaration.REJECTED, 0L), withdrawn, points, amount);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
