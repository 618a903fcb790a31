package org.drgaudit.specialcases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.CaseValuation;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.ExpertPool;
import org.drgaudit.shared.DomainException;

/**
 * Expert review of special-case declarations (专家评审): experts drawn at random (seeded, recorded) from the pool,
 * never one of the declaring hospital; each gives an opinion with a reason by the deadline; the bureau decides by the
 * region's rule (majority or unanimity; once the deadline has passed a missing opinion counts as not approving); an
 * approved case gets its extra payment, valued with the region's payment terms, which clearing pays.
 */
@ApplicationScoped
public class ExpertReviewService {

    @Inject
    ExpertPool experts;

    @Inject
    SpecialCaseService declarations;

    @Inject
    SpecialCaseQueries queries;

    @Inject
    CaseService cases;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CaseValuation valuation;

    /** The seed of the draw; a random one (recorded) when not given. */
    public record AssignRequest(Long seed) {
    }

    /** An expert's opinion: APPROVE (同意) or REJECT (不同意), with the reason. */
    public record OpinionRequest(String opinion, String reason) {
    }

    /** The bureau's decision, with an optional note; the outcome follows from the opinions and the region's rule. */
    public record DecideRequest(String note) {
    }

    @Transactional
    public SpecialCaseViews.Full assign(long id, AssignRequest r, CurrentUser user) {
        Declaration d = find(id);
        if (!Declaration.DECLARED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " " + Declaration.STATUS_LABELS.get(d.status) + "，只能为待指派的申报指派专家。"
                    + "Declaration " + id + " is " + d.status + "; experts are drawn once, for a declared case.");
        }
        PolicyParameters.SpecialCase sc = declarations.policy(d.region, YearMonth.from(d.settlementMonth)).getSpecialCase();
        List<ExpertPool.Expert> pool = experts.experts();
        List<ExpertPool.Expert> eligible = pool.stream().filter(e -> !d.hospitalCode.equals(e.hospitalCode())).toList();
        int n = sc.getExpertsPerCase();
        if (eligible.size() < n) {
            throw DomainException.conflict("专家库共 " + pool.size() + " 名专家，排除申报医院的专家后可指派 " + eligible.size() + " 名，少于每例所需 " + n
                    + " 名（specialCase.expertsPerCase）；请增加专家账号（角色 expert）后再指派。The pool has " + eligible.size()
                    + " experts outside the declaring hospital; " + n + " are needed.");
        }
        long seed = r != null && r.seed() != null ? r.seed() : Math.abs(new SecureRandom().nextLong() % 1_000_000_000_000L);
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime deadline = now.plusDays(sc.getReviewDays());
        List<ExpertDraw.Drawn> drawn = ExpertDraw.draw(seed, d.id, eligible, n);
        Map<String, Object> keys = new LinkedHashMap<>();
        for (ExpertDraw.Drawn x : drawn) {
            ExpertAssignment a = new ExpertAssignment();
            a.declarationId = d.id;
            a.expert = x.expert().username();
            a.specialty = x.expert().specialty();
            a.expertHospital = x.expert().hospitalCode();
            a.drawKey = x.key();
            a.assignedAt = now;
            a.deadline = deadline;
            a.persist();
            keys.put(a.expert, a.drawKey);
        }
        d.status = Declaration.ASSIGNED;
        d.seed = seed;
        d.assignedBy = user.username();
        d.assignedAt = now;
        d.reviewDeadline = deadline;
        d.updatedAt = now;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("seed", seed);
        detail.put("pool", eligible.stream().map(ExpertPool.Expert::username).toList());
        detail.put("drawn", keys);
        SpecialCaseService.event(d.id, "REVIEW", "ASSIGN", user.username(), null, detail);
        return queries.full(d, user);
    }

    @Transactional
    public SpecialCaseViews.Blind opine(long id, OpinionRequest r, CurrentUser user) {
        Declaration d = find(id);
        ExpertAssignment a = ExpertAssignment.find("declarationId = ?1 and expert = ?2", id, user.username()).firstResult();
        if (a == null) {
            throw DomainException.notFound("Special-case declaration assigned to " + user.username(), id);
        }
        if (!Declaration.ASSIGNED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " 已" + Declaration.STATUS_LABELS.get(d.status) + "，评审已结束，不再接收意见。"
                    + "Declaration " + id + " is decided; opinions are closed.");
        }
        if (ExpertOpinion.count("declarationId = ?1 and expert = ?2", id, user.username()) > 0) {
            throw DomainException.conflict("您已对申报 #" + id + " 提出意见，意见提交后不能修改。An opinion, once given, does not change.");
        }
        String opinion = opinion(r == null ? null : r.opinion());
        String reason = SpecialCaseService.reason(r == null ? null : r.reason(), "评审意见理由");
        OffsetDateTime now = OffsetDateTime.now();
        ExpertOpinion o = new ExpertOpinion();
        o.declarationId = id;
        o.expert = user.username();
        o.opinion = opinion;
        o.reason = reason;
        o.at = now;
        o.persist();
        SpecialCaseService.event(id, "REVIEW", "OPINION", user.username(), reason, Map.of("opinion", opinion));
        long given = ExpertOpinion.count("declarationId", id);
        if (given == ExpertAssignment.count("declarationId", id)) {
            // every opinion is in: the bureau's decision is due within decisionDays
            int days = declarations.policy(d.region, YearMonth.from(d.settlementMonth)).getSpecialCase().getDecisionDays();
            d.decisionDeadline = now.plusDays(days);
            d.updatedAt = now;
        }
        return queries.blind(d, user.username());
    }

    @Transactional
    public SpecialCaseViews.Full decide(long id, DecideRequest r, CurrentUser user) {
        Declaration d = find(id);
        if (Declaration.DECLARED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " 尚未指派专家，不能认定；请先指派专家（POST /api/special-cases/" + id + "/assign）。"
                    + "Declaration " + id + " has no experts yet.");
        }
        if (!Declaration.ASSIGNED.equals(d.status)) {
            throw DomainException.conflict("申报 #" + id + " 已" + Declaration.STATUS_LABELS.get(d.status) + "，认定不再改变。Declaration "
                    + id + " is " + d.status + " and does not change.");
        }
        PolicyParameters p = declarations.policy(d.region, YearMonth.from(d.settlementMonth));
        PolicyParameters.SpecialCase sc = p.getSpecialCase();
        List<ExpertOpinion> opinions = ExpertOpinion.list("declarationId", id);
        int assigned = (int) ExpertAssignment.count("declarationId", id);
        int approvals = (int) opinions.stream().filter(o -> ExpertOpinion.APPROVE.equals(o.opinion)).count();
        int rejections = opinions.size() - approvals;
        OffsetDateTime now = OffsetDateTime.now();
        boolean deadlinePassed = now.isAfter(d.reviewDeadline);
        Boolean approved = outcome(sc.getDecisionRule(), assigned, approvals, rejections, deadlinePassed);
        if (approved == null) {
            throw DomainException.conflict("申报 #" + id + " 已收到专家意见 " + opinions.size() + "/" + assigned + " 份（同意 " + approvals + "，不同意 "
                    + rejections + "），按认定规则 " + ruleLabel(sc.getDecisionRule()) + " 尚不能认定；请待其余专家在 " + d.reviewDeadline
                    + " 前提出意见（期限届满后未提出的视为不同意）。Declaration " + id + " has " + opinions.size() + " of " + assigned
                    + " opinions; the rule " + sc.getDecisionRule() + " does not settle it yet.");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rule", sc.getDecisionRule());
        detail.put("assigned", assigned);
        detail.put("approvals", approvals);
        detail.put("rejections", rejections);
        detail.put("missing", assigned - opinions.size());
        if (approved) {
            SettledCase c = cases.getCase(d.caseId).data();
            HospitalRecord h = hospitals.get(d.hospitalCode);
            SpecialCaseCategory category = d.categoryValue();
            SpecialCasePayment.Payment pay = SpecialCasePayment.of(category, sc.getPayment().get(category.name()), sc.getHighCostRatio(),
                    valuation.value(c, h.region(), h.coefficient()));
            d.paymentMethod = pay.method();
            d.paymentRatio = pay.ratio();
            d.extraPoints = pay.extraPoints();
            d.extraAmount = pay.extraAmount();
            d.paymentExplanation = pay.explanation();
            detail.put("extraPoints", pay.extraPoints());
            detail.put("extraAmount", pay.extraAmount());
        }
        // every field is set before the one flush: a decided declaration does not change (the database refuses it)
        d.status = approved ? Declaration.APPROVED : Declaration.REJECTED;
        d.approvals = approvals;
        d.rejections = rejections;
        d.decidedBy = user.username();
        d.decidedAt = now;
        d.decisionNote = r == null || SpecialCaseService.blank(r.note()) ? null : r.note().strip();
        d.updatedAt = now;
        SpecialCaseService.event(id, "DECISION", approved ? "APPROVE" : "REJECT", user.username(), d.decisionNote, detail);
        return queries.full(d, user);
    }

    /**
     * The outcome by the region's rule: true approved, false rejected, null not settled yet. MAJORITY approves when
     * more than half of the assigned experts approve and rejects once that can no longer happen; UNANIMOUS needs every
     * one. Once the deadline has passed, a missing opinion counts as not approving.
     */
    static Boolean outcome(String rule, int assigned, int approvals, int rejections, boolean deadlinePassed) {
        int missing = assigned - approvals - rejections;
        if (PolicyParameters.SpecialCase.UNANIMOUS.equals(rule)) {
            if (approvals == assigned) {
                return true;
            }
            return rejections > 0 || deadlinePassed ? false : null;
        }
        if (2 * approvals > assigned) {
            return true;
        }
        if (2 * (approvals + missing) <= assigned) {
            return false;
        }
        return deadlinePassed ? false : null;
    }

    static String ruleLabel(String rule) {
        return PolicyParameters.SpecialCase.UNANIMOUS.equals(rule) ? "全体同意（UNANIMOUS）" : "过半数同意（MAJORITY）";
    }

    private static String opinion(String text) {
        String t = text == null ? "" : text.strip().toUpperCase();
        return switch (t) {
            case "APPROVE", "同意" -> ExpertOpinion.APPROVE;
            case "REJECT", "不同意" -> ExpertOpinion.REJECT;
            default -> throw DomainException.badRequest("意见 opinion 须为 APPROVE（同意）或 REJECT（不同意），不是 '" + text
                    + "'。Field 'opinion' must be APPROVE or REJECT.");
        };
    }

    private static Declaration find(long id) {
        Declaration d = Declaration.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw DomainException.notFound("Special-case declaration", id);
        }
        return d;
    }
}
