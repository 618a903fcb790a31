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
 * Groups settlement lists with the knowledge base's grouper: one posted case, or a stored case, always with the
 * grouper version of the knowledge set in force on the case's discharge date (or one the caller names), priced
 * against that set's catalogue where the hospital is known. A date no set covers is said, never grouped with a
 * neighbouring year's version.
 */
@ApplicationScoped
public class GroupingService {

    @Inject
    KnowledgeService knowledge;

    /** Where a case is priced: its hospital's region and coefficient (null when the hospital is unknown). */
    public record Pricing(String region, BigDecimal coefficient) {
    }

    /**
     * A grouping with the catalogue's weight and, when the hospital is known, the payment; {@code knowledgeSet} names
     * the set that priced it (parameters / grouper version / catalogue), null when unpriced.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Priced(GroupingResult grouping, BigDecimal weight, BigDecimal baseRate, BigDecimal coefficient,
                         BigDecimal payment, String knowledgeSet) {
    }

    /**
     * A stored case regrouped: what was claimed, what the coded data gives under the grouper version in force on its
     * discharge date, and the money between them. A claim made under another grouper version is not compared code for
     * code ({@code difference} null); the summary says which version was claimed and which is in force.
     */
    public record Regrouping(String caseId, String claimedGroup, String claimedName, BigDecimal claimedWeight,
                             BigDecimal claimedPayment, Priced regrouped, boolean agrees, BigDecimal difference,
                             String summary, String claimedVersion, String versionInForce, String knowledgeSet) {
    }

    public Priced group(SettledCase c, String version, Pricing pricing) {
        KnowledgeSnapshot kb = knowledge.current();
        LocalDate date = date(c);
        KnowledgeSet set = pricing != null && pricing.region() != null && date != null
                ? kb.requireSet(pricing.region(), date, "按出院日期适用的版本为病例分组计价") : null;
        String chosen = version != null ? version : set != null ? set.grouperVersion() : versionInForce(kb, date);
        GrouperTables tables = kb.grouper(chosen);
        if (tables == null || !tables.canGroup()) {
            throw new DomainException(404, "Grouper version not available", "The knowledge base " + kb.label()
                    + " has no decision tables (mdc_rules.tsv, adrg_rules.tsv, drg_rules.tsv) for grouper version '" + chosen
                    + "'. Versions that can group: " + groupingVersions(kb) + ".");
        }
        GroupingResult result = tables.grouper().group(groupingCase(c));
        // a catalogue prices the groups of its own version only
        return price(set != null && set.grouperVersion().equals(chosen) ? set : null, c, pricing, result);
    }

    public Regrouping regroup(SettledCase c, Pricing pricing) {
        KnowledgeSnapshot kb = knowledge.current();
        LocalDate date = date(c);
        KnowledgeSet set = pricing != null && pricing.region() != null
                ? kb.requireSet(pricing.region(), date, "重新分组病例 " + c.caseId()) : null;
        Priced regrouped = group(c, set != null ? set.grouperVersion() : null, pricing);
        String inForce = regrouped.grouping().grouperVersion();
        String claimedVersion = c.grouping() == null ? null : c.grouping().version();
        boolean sameVersion = claimedVersion == null || claimedVersion.equals(inForce);
        GroupEntry claimed = set == null || c.groupCode() == null || !sameVersion ? null : set.catalogue().get(c.groupCode());
        BigDecimal claimedWeight = claimed != null ? claimed.weight() : c.grouping() == null ? null : c.grouping().weight();
        BigDecimal claimedPayment = money(claimedWeight, regrouped.baseRate(), regrouped.coefficient());
        boolean agrees = sameVersion && regrouped.grouping().drg().equals(c.groupCode());
        BigDecimal difference = !sameVersion || claimedWeight == null || regrouped.weight() == null || regrouped.baseRate() == null
                || regrouped.coefficient() == null ? null
                : claimedWeight.subtract(regrouped.weight()).multiply(regrouped.baseRate()).multiply(regrouped.coefficient())
                .setScale(2, RoundingMode.HALF_UP);
        String summary = !sameVersion
                ? "申报分组版本 " + claimedVersion + " 与出院日期适用的分组版本 " + inForce + " 不同，不逐码比较；按 " + inForce
                  + " 重新分组为 " + regrouped.grouping().drg() + " " + nullToEmpty(regrouped.grouping().drgName())
                : agrees ? "按编码重新分组结果与申报病组 " + c.groupCode() + " 一致"
                : "申报病组 " + c.groupCode() + "，按编码重新分组为 " + regrouped.grouping().drg() + " " + regrouped.grouping().drgName()
                + (difference == null ? "" : "，支付差额 " + difference.toPlainString() + " 元");
        return new Regrouping(c.caseId(), c.groupCode(), claimed != null ? claimed.name() : c.grouping() == null ? null : c.grouping().name(),
                claimedWeight, claimedPayment, regrouped, agrees, difference, summary, claimedVersion, inForce,
                set == null ? null : set.label());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Priced price(KnowledgeSet set, SettledCase c, Pricing pricing, GroupingResult r) {
        if (set == null) {
            return new Priced(r, null, null, null, null, null);
        }
        GroupEntry g = r.grouped() ? set.catalogue().get(r.drg()) : null;
        String insurance = c.insuranceType() == null ? "EMPLOYEE" : c.insuranceType().name();
        BigDecimal rate = set.parameters().getPayment().getBaseRates().get(insurance);
        BigDecimal coefficient = pricing == null ? null : pricing.coefficient();
        return new Priced(r, g == null ? null : g.weight(), rate, coefficient, money(g == null ? null : g.weight(), rate, coefficient),
                set.label());
    }

    private static BigDecimal money(BigDecimal weight, BigDecimal rate, BigDecimal coefficient) {
        return weight == null || rate == null || coefficient == null ? null
                : weight.multiply(rate).multiply(coefficient).setScale(2, RoundingMode.HALF_UP);
    }

    /** The discharge date, else the settlement date; null when the case has neither. */
    private static LocalDate date(SettledCase c) {
        return c.dischargeTime() != null ? c.dischargeTime().toLocalDate() : c.settlementDate();
    }

    /**
     * Without a hospital (so without a region), the grouper version every region's set in force on the date agrees on;
     * without a date, none: the caller is told what to give instead of a version being guessed.
     */
    private static String versionInForce(KnowledgeSnapshot kb, LocalDate date) {
        if (date == null) {
            throw DomainException.badRequest("结算清单没有出院时间 dischargeTime（或结算日期 settlementDate）：分组版本按出院日期适用的知识库版本确定。"
                    + "请给出 dischargeTime，或以 ?version= 指定分组版本（可分组的版本：" + groupingVersions(kb) + "）。"
                    + " Give dischargeTime, or name the grouper version with ?version=.");
        }
        java.util.Set<String> versions = new java.util.TreeSet<>();
        kb.sets().stream().filter(s -> s.covers(date)).forEach(s -> versions.add(s.grouperVersion()));
        if (versions.size() == 1) {
            return versions.iterator().next();
        }
        if (versions.isEmpty()) {
            throw new DomainException(422, "No knowledge set in force", "知识库 " + kb.label() + " 没有在 " + date
                    + " 适用的知识库版本，无法确定分组版本；请以 ?version= 指定（可分组的版本：" + groupingVersions(kb) + "）。"
                    + " No knowledge set covers " + date + ".");
        }
        throw DomainException.badRequest("在 " + date + " 各地区适用的分组版本不同（" + versions + "）：请给出 hospitalCode 或以 ?version= 指定。"
                + " Regions use different grouper versions on " + date + "; give hospitalCode or ?version=.");
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
