package org.drgaudit.campaigns;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.findings.FindingService;
import org.drgaudit.findings.FindingView;
import org.drgaudit.knowledge.CaseValuation;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;

/**
 * 违规处理: proposes and records the decision on each finding of a review item (REFERENCE "Money"). The overpayment a
 * reviewer confirms defaults to what the finding priced, less what other confirmed findings already recover of the same
 * payment ({@link PaymentOverlap}); a different figure needs a reason. The penalty is never a default: it follows from
 * the severity (情节) the reviewer chooses, by the region's {@code penalties} parameters. Decisions are append-only rows
 * that carry everything clearing needs, and clearing deducts exactly these numbers.
 */
@ApplicationScoped
public class ReviewDecisions {

    /** The largest overpayment, refund or penalty a decision may state (an amount past it is a typing error). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
    static final String CONFIRMED = "CONFIRMED";
    static final String DISMISSED = "DISMISSED";
    private static final String SPECIAL_CASE = "special-case";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FindingService findings;

    @Inject
    CaseService cases;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CaseValuation valuation;

    /** What the reviewer is offered for one finding of the item (or for the sampled case itself when it has none). */
    public record Proposal(Long findingId, String ruleId, String ruleName, String family, String money,
                           BigDecimal pricedOverpayment, BigDecimal pricedPatientRefund, String unpricedReason,
                           BigDecimal overpayment, BigDecimal patientRefund, String correctGroup, String note,
                           List<PenaltyOption> penalties, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, BigDecimal> parts,
                           @com.fasterxml.jackson.annotation.JsonIgnore BigDecimal factor,
                           @com.fasterxml.jackson.annotation.JsonIgnore List<String> caseIds,
                           @com.fasterxml.jackson.annotation.JsonIgnore String month) {
    }

    /** The penalty a severity would give: multiple × base (the overpayment, or the claimed group's base points in yuan). */
    public record PenaltyOption(String severity, String name, BigDecimal multiple, String base, BigDecimal baseAmount,
                                BigDecimal penalty) {
    }

    /** The decision taken on the item: whether anything was confirmed, the confirmed overpayment and its correct group. */
    record Decided(boolean confirmed, BigDecimal overpayment, String correctGroup, Map<Long, String> findingOutcomes) {
    }

    private record Context(SettledCase kase, HospitalRecord hospital, CaseValuation.Valued valued, List<FindingView> findings) {
    }

    // ---------------------------------------------------------------------------------------------
    // Proposal
    // ---------------------------------------------------------------------------------------------

    /** The defaults a decision on the item would take, finding by finding, with the penalty of each severity. */
    public List<Proposal> propose(ReviewItem item) {
        return propose(context(item));
    }

    private List<Proposal> propose(Context ctx) {
        PolicyParameters.Penalties penalties = ctx.valued().policy().getPenalties();
        if (ctx.findings().isEmpty()) {
            return List.of(new Proposal(null, null, null, null, FindingView.UNPRICED, null, null,
                    "抽查病例没有疑点：多支付金额由审核认定", null, null, null, null,
                    options(penalties, null, null, ctx.valued()), Map.of(), null, List.of(ctx.kase().caseId()),
                    monthOf(ctx.kase())));
        }
        List<FindingView> ordered = new ArrayList<>(ctx.findings());
        ordered.sort(Comparator.comparing((FindingView f) -> f.overpayment() == null ? BigDecimal.ONE.negate() : f.overpayment())
                .reversed().thenComparing(FindingView::id));
        java.util.Set<String> touched = new java.util.HashSet<>();
        ordered.forEach(f -> touched.addAll(parts(f).keySet()));
        List<PaymentOverlap.Claim> earlier = new ArrayList<>(priorClaims(touched, ordered.stream().map(FindingView::id).toList()));
        Map<String, BigDecimal> payments = new HashMap<>();
        List<Proposal> out = new ArrayList<>();
        for (FindingView f : ordered) {
            if (SPECIAL_CASE.equals(f.family())) {
                out.add(new Proposal(f.id(), f.ruleId(), f.ruleName(), f.family(), f.money(), null, null, null, null, null, null,
                        "特例单议候选不是违规，只能不予认定（DISMISS），不计金额", List.of(), Map.of(), null, f.caseIds(), f.month()));
                continue;
            }
            Map<String, BigDecimal> parts = parts(f);
            BigDecimal factor = factor(f);
            BigDecimal overpayment = f.overpayment();
            String note = null;
            if (overpayment != null && overpayment.signum() > 0) {
                PaymentOverlap.Claim claim = new PaymentOverlap.Claim("疑点 #" + f.id(), parts, factor);
                Set<String> own = Set.copyOf(parts.keySet());
                List<PaymentOverlap.Claim> same = earlier.stream().filter(c -> c.parts().keySet().stream().anyMatch(own::contains)).toList();
                if (!same.isEmpty()) {
                    own.forEach(caseId -> payments.computeIfAbsent(caseId, this::claimedPayment));
                    parts = PaymentOverlap.remaining(claim, same, payments);
                    BigDecimal left = PaymentOverlap.total(parts);
                    if (left.compareTo(overpayment) != 0) {
                        note = "与" + String.join("、", same.stream().map(PaymentOverlap.Claim::label).toList())
                                + "涉及同一病例的同一笔支付，按合并后的正确金额只计尚未追回的部分：疑点计价 " + overpayment.toPlainString()
                                + " 元，建议认定 " + left.toPlainString() + " 元";
                        overpayment = left;
                    }
                }
                earlier.add(new PaymentOverlap.Claim("疑点 #" + f.id(), parts, factor));
            }
            out.add(new Proposal(f.id(), f.ruleId(), f.ruleName(), f.family(), f.money(), f.overpayment(), f.patientRefund(),
                    f.unpricedReason(), overpayment, f.patientRefund(), f.correctGroup(), note,
                    options(penalties, f.family(), overpayment, ctx.valued()), parts, factor, f.caseIds(), f.month()));
        }
        out.sort(Comparator.comparing(Proposal::findingId));
        return out;
    }

    private static List<PenaltyOption> options(PolicyParameters.Penalties p, String family, BigDecimal overpayment,
                                               CaseValuation.Valued v) {
        List<PenaltyOption> out = new ArrayList<>();
        p.getSeverities().forEach((code, name) -> {
            BigDecimal multiple = family == null ? null : p.multiple(family, code);
            BigDecimal base = PolicyParameters.Penalties.BASE_POINTS.equals(p.getBase()) ? v.basePointsValue() : overpayment;
            BigDecimal penalty = multiple == null || base == null ? null : multiple.multiply(base).setScale(2, RoundingMode.HALF_UP);
            out.add(new PenaltyOption(code, name, multiple, p.getBase(), base, penalty));
        });
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Decision
    // ---------------------------------------------------------------------------------------------

    /** Validates and records the decision at 违规处理; every refusal names the finding and the field. */
    Decided decide(ReviewItem item, ReviewAction request, String action, String user) {
        Context ctx = context(item);
        List<Proposal> proposals = propose(ctx);
        Map<Long, ReviewAction.FindingDecision> explicit = new HashMap<>();
        if (request.findings() != null) {
            Set<Long> ids = new java.util.HashSet<>(List.of(item.findingIds));
            for (ReviewAction.FindingDecision d : request.findings()) {
                if (d == null || d.findingId() == null || !ids.contains(d.findingId())) {
                    throw DomainException.badRequest("Field 'findings' names finding " + (d == null ? null : d.findingId())
                            + ", which is not one of this item's findings " + ids + ".");
                }
                if (explicit.put(d.findingId(), d) != null) {
                    throw DomainException.badRequest("Field 'findings' names finding " + d.findingId() + " twice.");
                }
            }
        }
        boolean single = proposals.size() == 1;
        List<Row> rows = new ArrayList<>();
        for (Proposal p : proposals) {
            ReviewAction.FindingDecision d = explicit.get(p.findingId());
            String where = p.findingId() == null ? "抽查病例 " + item.caseId : "疑点 #" + p.findingId();
            String outcome = outcome(action, d, where);
            String reason = firstNonBlank(d == null ? null : d.reason(), request.reason());
            if (DISMISSED.equals(outcome)) {
                if (reason == null) {
                    throw DomainException.badRequest(where + "：不予认定须说明理由（field 'reason'）。Field 'reason' is required to dismiss.");
                }
                rows.add(Row.dismissed(p, item, reason));
                continue;
            }
            rows.add(confirm(p, d, request, single, where, reason, ctx, item));
        }
        store(item, rows, user);
        Map<Long, String> outcomes = new LinkedHashMap<>();
        rows.stream().filter(r -> r.findingId != null).forEach(r -> outcomes.put(r.findingId, r.outcome));
        List<Row> confirmed = rows.stream().filter(r -> CONFIRMED.equals(r.outcome)).toList();
        BigDecimal total = confirmed.stream().map(r -> r.overpayment).reduce(BigDecimal.ZERO, BigDecimal::add);
        String correctGroup = confirmed.stream().filter(r -> r.correctGroup != null)
                .max(Comparator.comparing((Row r) -> r.overpayment)).map(r -> r.correctGroup).orElse(null);
        return new Decided(!confirmed.isEmpty(), total.setScale(2, RoundingMode.HALF_UP), correctGroup, outcomes);
    }

    private Row confirm(Proposal p, ReviewAction.FindingDecision d, ReviewAction request, boolean single, String where,
                        String reason, Context ctx, ReviewItem item) {
        if (SPECIAL_CASE.equals(p.family())) {
            throw DomainException.badRequest(where + " 是特例单议候选，不是违规，不能认定扣款；请不予认定（DISMISS）。"
                    + "A special-case candidate is never confirmed as a violation.");
        }
        String family = p.findingId() != null ? p.family() : request.family();
        PolicyParameters.Penalties penalties = ctx.valued().policy().getPenalties();
        if (family == null || !penalties.getMultiples().containsKey(family)) {
            throw DomainException.badRequest(where + "：须给出违规类别 family（" + penalties.getMultiples().keySet()
                    + "）。Field 'family' is required to confirm a sampled case without findings.");
        }
        String severity = firstNonBlank(d == null ? null : d.severity(), request.severity());
        if (severity == null || !penalties.getSeverities().containsKey(severity)) {
            throw DomainException.badRequest(where + "：须选择情节 severity，本地区为 " + penalties.getSeverities()
                    + (severity == null ? "" : "，不是 '" + severity + "'") + "。Field 'severity' must be one of "
                    + penalties.getSeverities().keySet() + ".");
        }
        BigDecimal stated = d != null && d.overpayment() != null ? d.overpayment() : single ? request.statedOverpayment() : null;
        String statedGroup = d != null && d.correctGroup() != null ? d.correctGroup() : single ? request.correctGroup() : null;
        String correctGroup = statedGroup != null ? statedGroup.strip() : p.correctGroup();
        BigDecimal overpayment = stated;
        if (overpayment == null && statedGroup != null && !statedGroup.strip().equals(p.correctGroup())) {
            overpayment = ctx.valued().overpaymentAgainst(ctx.valued().group(correctGroup));
        }
        if (overpayment == null) {
            overpayment = p.overpayment();
        }
        if (overpayment == null) {
            throw DomainException.badRequest(where + " 未计价（" + p.unpricedReason() + "）：请给出认定的多支付金额 overpayment，"
                    + "或正确病组 correctGroup 以便按病组计价。Give 'overpayment' or 'correctGroup'.");
        }
        if (statedGroup != null) {
            ctx.valued().group(correctGroup);
        }
        overpayment = amount(overpayment, where, "overpayment");
        BigDecimal refund = d != null && d.patientRefund() != null ? d.patientRefund()
                : single && request.patientRefund() != null ? request.patientRefund() : p.patientRefund();
        refund = refund == null ? null : amount(refund, where, "patientRefund");
        boolean changed = p.overpayment() == null || overpayment.compareTo(p.overpayment()) != 0
                || !Objects.equals(refund == null ? null : refund.stripTrailingZeros(),
                p.patientRefund() == null ? null : p.patientRefund().stripTrailingZeros());
        if (changed && reason == null) {
            throw DomainException.badRequest(where + "：认定金额与疑点计价不同（计价 " + (p.overpayment() == null ? "无" : p.overpayment().toPlainString())
                    + " 元，认定 " + overpayment.toPlainString() + " 元），须说明理由（field 'reason'）。A corrected amount needs a reason.");
        }
        BigDecimal multiple = penalties.multiple(family, severity);
        BigDecimal base = PolicyParameters.Penalties.BASE_POINTS.equals(penalties.getBase()) ? ctx.valued().basePointsValue() : overpayment;
        if (base == null) {
            throw DomainException.badRequest(where + "：申报病组不在本地区病组目录中，无法按基准点数计算违约金。The claimed group has no base points.");
        }
        BigDecimal penalty = amount(multiple.multiply(base).setScale(2, RoundingMode.HALF_UP), where, "penalty");
        Map<String, BigDecimal> parts = scaled(p.parts(), overpayment, p.caseIds());
        return new Row(p.findingId(), p.ruleId(), family, p.caseIds(), p.month(), CONFIRMED, p.pricedOverpayment(),
                p.pricedPatientRefund(), p.unpricedReason(), overpayment, refund, correctGroup, severity,
                penalties.getSeverities().get(severity), penalties.getBase(), base.setScale(2, RoundingMode.HALF_UP), multiple, penalty,
                parts, p.factor(), reason, item.hospitalCode);
    }

    /** The decided overpayment spread over the payments it comes from, in proportion to the proposal's parts. */
    private static Map<String, BigDecimal> scaled(Map<String, BigDecimal> parts, BigDecimal overpayment, List<String> caseIds) {
        BigDecimal total = PaymentOverlap.total(parts);
        if (parts.isEmpty() || total.signum() == 0) {
            return overpayment.signum() == 0 ? Map.of() : Map.of(caseIds.get(caseIds.size() - 1), overpayment);
        }
        if (total.compareTo(overpayment) == 0) {
            return parts;
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, v.multiply(overpayment).divide(total, 2, RoundingMode.HALF_UP)));
        return out;
    }

    private static BigDecimal amount(BigDecimal v, String where, String field) {
        if (v.signum() < 0 || v.compareTo(MAX_AMOUNT) > 0 || v.stripTrailingZeros().scale() > 2) {
            throw DomainException.badRequest(where + "：" + field + " 须为 0 至 " + MAX_AMOUNT.toPlainString() + " 元、最多两位小数，不是 "
                    + v.toPlainString() + "。Field '" + field + "' must be 0 to " + MAX_AMOUNT.toPlainString() + " with at most 2 decimals.");
        }
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static String outcome(String action, ReviewAction.FindingDecision d, String where) {
        if ("DISMISS".equals(action)) {
            return DISMISSED;
        }
        String o = d == null || d.outcome() == null ? "CONFIRM" : d.outcome().strip().toUpperCase();
        return switch (o) {
            case "CONFIRM", CONFIRMED -> CONFIRMED;
            case "DISMISS", DISMISSED -> DISMISSED;
            default -> throw DomainException.badRequest(where + "：outcome 须为 CONFIRM 或 DISMISS，不是 '" + d.outcome() + "'。");
        };
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading and writing
    // ---------------------------------------------------------------------------------------------

    private Context context(ReviewItem item) {
        List<Long> ids = List.of(item.findingIds);
        List<FindingView> views = List.copyOf(findings.views(ids, null).values());
        if (views.size() != ids.size()) {
            List<Long> missing = new ArrayList<>(ids);
            missing.removeAll(views.stream().map(FindingView::id).toList());
            throw DomainException.conflict("审核项 #" + item.id + " 的疑点 " + missing + " 已不存在，无法作出违规处理决定。"
                    + "Review item " + item.id + " names findings " + missing + " that no longer exist.");
        }
        SettledCase kase = cases.getCase(item.caseId).data();
        HospitalRecord h = hospitals.get(item.hospitalCode);
        return new Context(kase, h, valuation.value(kase, h.region(), h.coefficient()), views);
    }

    /** What the fund owes for a case as claimed (for combining a factor with amounts); null when it cannot be valued. */
    private BigDecimal claimedPayment(String caseId) {
        try {
            SettledCase c = cases.getCase(caseId).data();
            HospitalRecord h = hospitals.get(c.hospitalCode());
            return valuation.value(c, h.region(), h.coefficient()).claimedFundPays();
        } catch (DomainException e) {
            return null;
        }
    }

    /** Confirmed decisions (each finding's or random case's latest) that take money from any of the given cases. */
    private List<PaymentOverlap.Claim> priorClaims(Set<String> caseIds, List<Long> exceptFindings) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        List<PaymentOverlap.Claim> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT label, basis::text FROM (
                       SELECT DISTINCT ON (coalesce(finding_id::text, 'case ' || case_ids[1])) outcome, basis,
                              coalesce('疑点 #' || finding_id, '抽查病例 ' || case_ids[1]) AS label, finding_id
                       FROM review_decision
                       WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(basis->'parts') k WHERE k = ANY(?))
                       ORDER BY coalesce(finding_id::text, 'case ' || case_ids[1]), id DESC) latest
                     WHERE outcome = 'CONFIRMED' AND (finding_id IS NULL OR NOT finding_id = ANY(?))""")) {
            ps.setArray(1, c.createArrayOf("text", caseIds.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", exceptFindings.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Basis b = CanonicalJson.read(rs.getString(2), Basis.class);
                    out.add(new PaymentOverlap.Claim(rs.getString(1), b.parts() == null ? Map.of() : b.parts(), b.factor()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading earlier decisions failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Whose payments a decision's overpayment comes from (stored with the decision). */
    record Basis(Map<String, BigDecimal> parts, BigDecimal factor) {
    }

    private void store(ReviewItem item, List<Row> rows, String user) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO review_decision (item_id, finding_id, rule_id, family, hospital_code, case_ids, month, outcome,
                         priced_overpayment, priced_patient_refund, unpriced_reason, overpayment, patient_refund, correct_group,
                         severity, severity_name, penalty_base, penalty_base_amount, penalty_multiple, penalty, basis, reason, decided_by)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            for (Row r : rows) {
                int i = 1;
                ps.setLong(i++, item.id);
                ps.setObject(i++, r.findingId);
                ps.setString(i++, r.ruleId);
                ps.setString(i++, r.family);
                ps.setString(i++, r.hospitalCode);
                ps.setArray(i++, c.createArrayOf("text", r.caseIds.toArray()));
                ps.setObject(i++, YearMonth.parse(r.month).atDay(1));
                ps.setString(i++, r.outcome);
                ps.setBigDecimal(i++, r.pricedOverpayment);
                ps.setBigDecimal(i++, r.pricedPatientRefund);
                ps.setString(i++, r.unpricedReason);
                ps.setBigDecimal(i++, r.overpayment);
                ps.setBigDecimal(i++, r.patientRefund);
                ps.setString(i++, r.correctGroup);
                ps.setString(i++, r.severity);
                ps.setString(i++, r.severityName);
                ps.setString(i++, r.penaltyBase);
                ps.setBigDecimal(i++, r.penaltyBaseAmount);
                ps.setBigDecimal(i++, r.penaltyMultiple);
                ps.setBigDecimal(i++, r.penalty);
                ps.setString(i++, CanonicalJson.write(new Basis(r.parts, r.factor)));
                ps.setString(i++, r.reason);
                ps.setString(i, user);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the decision of review item " + item.id + " failed: " + e.getMessage(), e);
        }
    }

    private static String monthOf(SettledCase c) {
        return YearMonth.from(c.settlementDate()).toString();
    }

    /** One decision row as stored. */
    private record Row(Long findingId, String ruleId, String family, List<String> caseIds, String month, String outcome,
                       BigDecimal pricedOverpayment, BigDecimal pricedPatientRefund, String unpricedReason,
                       BigDecimal overpayment, BigDecimal patientRefund, String correctGroup, String severity,
                       String severityName, String penaltyBase, BigDecimal penaltyBaseAmount, BigDecimal penaltyMultiple,
                       BigDecimal penalty, Map<String, BigDecimal> parts, BigDecimal factor, String reason, String hospitalCode) {

        static Row dismissed(Proposal p, ReviewItem item, String reason) {
            return new Row(p.findingId(), p.ruleId(), p.family(), p.caseIds(), p.month(), DISMISSED, p.pricedOverpayment(),
                    p.pricedPatientRefund(), p.unpricedReason(), null, null, null, null, null, null, null, null, null, Map.of(),
                    null, reason, item.hospitalCode);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, BigDecimal> parts(FindingView f) {
        Object pricing = f.evidence() == null ? null : f.evidence().get("pricing");
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (pricing instanceof Map<?, ?> m && m.get("parts") instanceof Map<?, ?> parts) {
            parts.forEach((k, v) -> out.put(String.valueOf(k), new BigDecimal(String.valueOf(v))));
        } else if (f.overpayment() != null && f.overpayment().signum() > 0) {
            out.put(f.caseIds().get(f.caseIds().size() - 1), f.overpayment());
        }
        return out;
    }

    private static BigDecimal factor(FindingView f) {
        Object pricing = f.evidence() == null ? null : f.evidence().get("pricing");
        if (pricing instanceof Map<?, ?> m && m.get("factor") != null) {
            return new BigDecimal(String.valueOf(m.get("factor")));
        }
        return null;
    }

    static LocalDate monthStart(String month) {
        return YearMonth.parse(month).atDay(1);
    }
}
