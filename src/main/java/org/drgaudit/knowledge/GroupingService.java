package org.drgaudit.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.grouper.GroupingCase;
import org.drgaudit.knowledge.grouper.GroupingResult;
import org.drgaudit.shared.DomainException;

/**
 * Groups settlement lists with the knowledge base's grouper: one posted case, or a stored case with
 * the grouper version it was paid under, priced against the claimed group where the region's
 * catalogue and the hospital are known.
 */
@ApplicationScoped
public class GroupingService {

    @Inject
    KnowledgeService knowledge;

    /** Where a case is priced: its hospital's region and coefficient (null when the hospital is unknown). */
    public record Pricing(String region, BigDecimal coefficient) {
    }

    /** A grouping with the catalogue's weight and, when the hospital is known, the payment. */
    public record Priced(GroupingResult grouping, BigDecimal weight, BigDecimal baseRate, BigDecimal coefficient,
                         BigDecimal payment) {
    }

    /** A stored case regrouped: what was claimed, what the coded data gives, and the money between them. */
    public record Regrouping(String caseId, String claimedGroup, String claimedName, BigDecimal claimedWeight,
                             BigDecimal claimedPayment, Priced regrouped, boolean agrees, BigDecimal difference,
                             String summary) {
    }

    public Priced group(SettledCase c, String version, Pricing pricing) {
        KnowledgeSnapshot kb = knowledge.current();
        PolicyParameters policy = policy(kb, c, pricing);
        String chosen = version != null ? version
                : c.grouping() != null && c.grouping().version() != null && kb.grouper(c.grouping().version()) != null
                  && kb.grouper(c.grouping().version()).canGroup()
                ? c.grouping().version() : policy != null ? policy.getGrouperVersion() : onlyGroupingVersion(kb);
        GrouperTables tables = kb.grouper(chosen);
        if (tables == null || !tables.canGroup()) {
            throw new DomainException(404, "Grouper version not available", "The knowledge base " + kb.label()
                    + " has no decision tables (mdc_rules.tsv, adrg_rules.tsv, drg_rules.tsv) for grouper version '" + chosen
                    + "'. Versions that can group: " + groupingVersions(kb) + ".");
        }
        GroupingResult result = tables.grouper().group(groupingCase(c));
        return price(kb, policy, c, pricing, result);
    }

    public Regrouping regroup(SettledCase c, Pricing pricing) {
        Priced regrouped = group(c, null, pricing);
        KnowledgeSnapshot kb = knowledge.current();
        PolicyParameters policy = policy(kb, c, pricing);
        GroupEntry claimed = policy == null || c.groupCode() == null ? null : kb.catalogue(policy.getCatalogue()).get(c.groupCode());
        BigDecimal claimedWeight = claimed != null ? claimed.weight() : c.grouping() == null ? null : c.grouping().weight();
        BigDecimal claimedPayment = money(claimedWeight, regrouped.baseRate(), regrouped.coefficient());
        boolean agrees = regrouped.grouping().drg().equals(c.groupCode());
        BigDecimal difference = claimedWeight == null || regrouped.weight() == null || regrouped.baseRate() == null
                || regrouped.coefficient() == null ? null
                : claimedWeight.subtract(regrouped.weight()).multiply(regrouped.baseRate()).multiply(regrouped.coefficient())
                .setScale(2, RoundingMode.HALF_UP);
        String summary = agrees ? "按编码重新分组结果与申报病组 " + c.groupCode() + " 一致"
                : "申报病组 " + c.groupCode() + "，按编码重新分组为 " + regrouped.grouping().drg() + " " + regrouped.grouping().drgName()
                + (difference == null ? "" : "，支付差额 " + difference.toPlainString() + " 元");
        return new Regrouping(c.caseId(), c.groupCode(), claimed != null ? claimed.name() : c.grouping() == null ? null : c.grouping().name(),
                claimedWeight, claimedPayment, regrouped, agrees, difference, summary);
    }

    private Priced price(KnowledgeSnapshot kb, PolicyParameters policy, SettledCase c, Pricing pricing, GroupingResult r) {
        if (policy == null) {
            return new Priced(r, null, null, null, null);
        }
        GroupEntry g = r.grouped() ? kb.catalogue(policy.getCatalogue()).get(r.drg()) : null;
        String insurance = c.insuranceType() == null ? "EMPLOYEE" : c.insuranceType().name();
        BigDecimal rate = policy.getPayment().getBaseRates().get(insurance);
        BigDecimal coefficient = pricing == null ? null : pricing.coefficient();
        return new Priced(r, g == null ? null : g.weight(), rate, coefficient, money(g == null ? null : g.weight(), rate, coefficient));
    }

    private static BigDecimal money(BigDecimal weight, BigDecimal rate, BigDecimal coefficient) {
        return weight == null || rate == null || coefficient == null ? null
                : weight.multiply(rate).multiply(coefficient).setScale(2, RoundingMode.HALF_UP);
    }

    private static PolicyParameters policy(KnowledgeSnapshot kb, SettledCase c, Pricing pricing) {
        if (pricing == null || pricing.region() == null) {
            return null;
        }
        LocalDate date = c.dischargeTime() != null ? c.dischargeTime().toLocalDate()
                : c.settlementDate() != null ? c.settlementDate() : LocalDate.now();
        return kb.policyFor(pricing.region(), date);
    }

    private static String onlyGroupingVersion(KnowledgeSnapshot kb) {
        List<String> versions = groupingVersions(kb);
        return versions.isEmpty() ? "(none)" : versions.get(0);
    }

    private static List<String> groupingVersions(KnowledgeSnapshot kb) {
        List<String> out = new ArrayList<>();
        kb.groupers().forEach((v, t) -> {
            if (t.canGroup()) {
                out.add(v);
            }
        });
        return out;
    }

    /** The grouper's view of a settlement list: principal procedure first. */
    public static GroupingCase groupingCase(SettledCase c) {
        List<SettledCase.Procedure> coded = c.proceduresOrEmpty();
        List<String> procedures = new ArrayList<>(coded.size());
        for (SettledCase.Procedure p : coded) {
            if (Boolean.TRUE.equals(p.principal())) {
                procedures.add(p.code());
            }
        }
        for (SettledCase.Procedure p : coded) {
            if (!Boolean.TRUE.equals(p.principal())) {
                procedures.add(p.code());
            }
        }
        List<SettledCase.Diagnosis> diagnoses = c.secondaryDiagnosesOrEmpty();
        List<String> secondaries = new ArrayList<>(diagnoses.size());
        for (SettledCase.Diagnosis d : diagnoses) {
            secondaries.add(d.code());
        }
        return new GroupingCase(c.principalDiagnosis() == null ? null : c.principalDiagnosis().code(), secondaries, procedures,
                c.sex() == null ? null : c.sex().name(), c.ageYears(), c.ageDays(), c.birthWeightGrams(), c.ventilatorHours(),
                c.department());
    }
}
