package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table-driven CHS-DRG grouper of one grouper version. All group logic is in the knowledge
 * base's tables; this class only walks them: MDCs in the table's order, the first MDC whose entry
 * condition holds and that has an ADRG whose condition holds decides; inside the ADRG, the first DRG
 * whose split condition holds (HAS_MCC, HAS_CC after the CC exclusion table) is the result. An ADRG
 * row named {@code xQY} gives the ambiguous group; a case no MDC takes is 0000. A case without the
 * inputs the scheme needs (sex, age, a newborn's birth weight, an infant's age in days) or with a
 * principal code the scheme does not accept is 0000 before any table is tried, with the reason.
 */
public final class Grouper {

    /** A newborn is at most this many days old (新生儿：出生 ≤ 28 天). */
    static final int NEWBORN_DAYS = 28;

    private final String version;
    private final GroupingRules rules;
    private final Map<String, String> adrgNames;
    private final Map<String, Integer> mcc;
    private final Map<String, Integer> cc;
    private final Map<String, Integer> principalTables;
    private final Map<String, Set<String>> mdcsOfPrincipal;
    private final Map<String, GroupingRules.Adrg> adrgs;
    /** The MDCs, and the ADRGs of each MDC, by the principal codes their conditions require. */
    private final RowIndex mdcIndex;
    private final RowIndex[] adrgIndex;

    public Grouper(String version, GroupingRules rules, Map<String, String> adrgNames, Map<String, Integer> mcc,
                   Map<String, Integer> cc, Map<String, Integer> principalTables, Map<String, Set<String>> mdcsOfPrincipal) {
        this.version = version;
        this.rules = rules;
        this.adrgNames = adrgNames;
        this.mcc = mcc;
        this.cc = cc;
        this.principalTables = principalTables;
        this.mdcsOfPrincipal = mdcsOfPrincipal;
        Map<String, GroupingRules.Adrg> byCode = new java.util.HashMap<>();
        rules.mdcs().forEach(m -> m.adrgs().forEach(a -> byCode.putIfAbsent(a.code(), a)));
        this.adrgs = Map.copyOf(byCode);
        this.mdcIndex = new RowIndex(rules.mdcs().stream().map(GroupingRules.Mdc::condition).toList());
        this.adrgIndex = rules.mdcs().stream()
                .map(m -> new RowIndex(m.adrgs().stream().map(GroupingRules.Adrg::condition).toList())).toArray(RowIndex[]::new);
    }

    public String version() {
        return version;
    }

    public GroupingRules rules() {
        return rules;
    }

    /** The severity a DRG's split condition expresses (1, 3, 5, 9), or 0 when the tables have no such DRG. */
    public int severity(String drg) {
        GroupingRules.Drg d = drg == null ? null : rules.drgs().get(drg);
        return d == null ? 0 : d.severity();
    }

    /**
     * The DRG an ADRG gives when the coded complications support a severity (1 an MCC counts, 3 a CC
     * counts, 5 neither): its DRGs tried in order, as the grouper does. Null for an unknown ADRG.
     */
    public String drgFor(String adrg, int supportedSeverity) {
        GroupingRules.Adrg a = adrgs.get(adrg);
        if (a == null) {
            return null;
        }
        GroupingContext ctx = new GroupingContext(new GroupingCase(null, List.of(), List.of(), null, null, null, null, null, null), false);
        ctx.hasMcc = supportedSeverity == 1;
        ctx.hasCc = supportedSeverity == 3;
        for (String candidate : a.drgCandidates()) {
            GroupingRules.Drg d = rules.drgs().get(candidate);
            if (d != null && d.condition().test(ctx)) {
                return d.code();
            }
        }
        return null;
    }

    /** Groups a case and returns the result with its full path. */
    public GroupingResult group(GroupingCase c) {
        return group(c, true);
    }

    /**
     * Groups a case. Without a trace the result carries the DRG, MDC, ADRG and complications only,
     * which is what a sweep needs for every case; the path is rebuilt for the cases that get a finding.
     */
    public GroupingResult group(GroupingCase c, boolean trace) {
        List<TraceStep> steps = trace ? new ArrayList<>() : null;
        GroupingResult refused = refused(c, steps);
        if (refused != null) {
            return refused;
        }
        GroupingContext ctx = new GroupingContext(c, trace);
        List<GroupingResult.Complication> complications = complications(c, ctx);
        Set<String> mdcsTaken = null;
        String principalProcedure = c.procedures().isEmpty() ? null : c.procedures().get(0);
        List<GroupingRules.Mdc> mdcs = rules.mdcs();
        for (int mdcRow : mdcIndex.candidates(c.principal(), principalProcedure)) {
            GroupingRules.Mdc mdc = mdcs.get(mdcRow);
            if (trace) {
                ctx.clearMatches();
            }
            if (!mdc.condition().test(ctx)) {
                continue;
            }
            if (mdcsTaken == null) {
                mdcsTaken = new LinkedHashSet<>(4);
            }
            mdcsTaken.add(mdc.code());
            if (trace) {
                List<String> matched = ctx.takeMatches();
                steps.add(new TraceStep("MDC", mdc.code(), mdc.condition().source(), matched,
                        "符合 " + mdc.code() + " 入组条件（" + mdc.matchRule() + "）" + (matched.isEmpty() ? "" : "：命中 " + codesOf(matched))));
            }
            for (int adrgRow : adrgIndex[mdcRow].candidates(c.principal(), principalProcedure)) {
                GroupingRules.Adrg adrg = mdc.adrgs().get(adrgRow);
                if (trace) {
                    ctx.clearMatches();
                }
                if (!adrg.condition().test(ctx)) {
                    continue;
                }
                List<String> matched = trace ? ctx.takeMatches() : List.of();
                if (adrg.ambiguousCheck()) {
                    if (trace) {
                        steps.add(new TraceStep("ADRG", adrg.code(), adrg.condition().source(), matched,
                                "不符合 " + mdc.code() + " 任何手术 ADRG 的入组条件，但存在有效手术室手术 "
                                        + codesOf(matched) + "，入歧义组 " + adrg.code()));
                    }
                    return new GroupingResult(version, GroupingResult.Status.AMBIGUOUS, adrg.code(), mdc.code() + " 歧义组",
                            mdc.code(), adrg.code(), 0, "手术室手术与主要诊断所在 MDC 不符", null, complications, steps);
                }
                if (trace) {
                    steps.add(new TraceStep("ADRG", adrg.code(), adrg.condition().source(), matched,
                            "入 ADRG " + adrg.code() + " " + adrgNames.getOrDefault(adrg.code(), "") + "（" + adrg.matchRule()
                                    + "）" + (matched.isEmpty() ? "" : "：命中 " + codesOf(matched))));
                }
                for (String candidate : adrg.drgCandidates()) {
                    GroupingRules.Drg drg = rules.drgs().get(candidate);
                    if (drg != null && drg.condition().test(ctx)) {
                        if (trace) {
                            steps.add(new TraceStep("DRG", drg.code(), drg.condition().source(), List.of(),
                                    splitSentence(drg, complications)));
                        }
                        return new GroupingResult(version, GroupingResult.Status.GROUPED, drg.code(), drg.name(), mdc.code(),
                                adrg.code(), drg.severity(), null, null, complications, steps);
                    }
                }
                return ungroupable(GroupingResult.Cause.NO_DRG, "ADRG " + adrg.code() + " 的细分组条件均不满足（分组表不完整）",
                        complications, steps);
            }
            if (trace) {
                steps.add(new TraceStep("MDC", mdc.code(), null, List.of(), "不符合 " + mdc.code() + " 任何 ADRG 的入组条件，继续下一个 MDC"));
            }
        }
        Set<String> lists = mdcsOfPrincipal.getOrDefault(c.principal(), Set.of());
        Set<String> enteredByPrincipal = new java.util.TreeSet<>(lists);
        enteredByPrincipal.retainAll(mdcsTaken == null ? Set.of() : mdcsTaken);
        if (lists.isEmpty()) {
            return ungroupable(GroupingResult.Cause.PRINCIPAL_IN_NO_MDC,
                    "主要诊断 " + c.principal() + " 不在任何 MDC 的主要诊断表中，无法入组", complications, steps);
        }
        if (enteredByPrincipal.isEmpty()) {
            return ungroupable(GroupingResult.Cause.MDC_ENTRY_NOT_MET, "主要诊断 " + c.principal() + " 属于 "
                    + String.join("、", new java.util.TreeSet<>(lists)) + "，但病例不符合其入组条件（性别、年龄等），无法入组",
                    complications, steps);
        }
        return ungroupable(GroupingResult.Cause.NO_ADRG, "病例符合 " + String.join("、", enteredByPrincipal)
                + " 的入组条件，但不符合其中任何 ADRG 的入组条件，无法入组", complications, steps);
    }

    /**
     * The inputs the scheme cannot group without, and the principal codes it does not accept: like
     * the official grouper, such a case is refused (0000) rather than grouped on a guess. Every
     * missing input is named in the reason; the cause is the first.
     */
    private GroupingResult refused(GroupingCase c, List<TraceStep> steps) {
        if (c.principal() == null || c.principal().isBlank()) {
            return ungroupable(GroupingResult.Cause.PRINCIPAL_MISSING, "结算清单没有主要诊断，无法入组", List.of(), steps);
        }
        List<String> problems = null;
        GroupingResult.Cause first = null;
        if (!"M".equals(c.sex()) && !"F".equals(c.sex())) {
            problems = new ArrayList<>(2);
            problems.add("性别缺失（男性、女性生殖系统 MDC 及限定性别的编码无法判断）");
            first = GroupingResult.Cause.SEX_MISSING;
        }
        GroupingResult.Cause age = null;
        String ageProblem = null;
        boolean infant = c.ageYears() != null ? c.ageYears() == 0 : c.ageDays() != null && c.ageDays() < 365;
        if (c.ageYears() == null && c.ageDays() == null) {
            age = GroupingResult.Cause.AGE_MISSING;
            ageProblem = "年龄缺失（是否为新生儿、婴儿无法判断）";
        } else if (infant && c.ageDays() == null) {
            age = GroupingResult.Cause.AGE_DAYS_MISSING;
            ageProblem = "不满 1 周岁的患儿缺少日龄（天），是否为新生儿（≤" + NEWBORN_DAYS + " 天）无法判断";
        } else if (infant && c.ageDays() <= NEWBORN_DAYS && (c.birthWeightGrams() == null || c.birthWeightGrams() <= 0)) {
            age = GroupingResult.Cause.BIRTH_WEIGHT_MISSING;
            ageProblem = "新生儿（日龄 " + c.ageDays() + " 天）缺少出生体重，新生儿病组按出生体重划分";
        }
        if (age != null) {
            if (problems == null) {
                problems = new ArrayList<>(1);
                first = age;
            }
            problems.add(ageProblem);
        }
        if (problems != null) {
            return ungroupable(first, "结算清单" + String.join("；", problems) + "，无法入组", List.of(), steps);
        }
        if (rules.invalidPrincipalDiagnoses().contains(c.principal())) {
            return ungroupable(GroupingResult.Cause.PRINCIPAL_DIAGNOSIS_INVALID, "主要诊断 " + c.principal()
                    + " 在分组方案“不能作为主要诊断”的编码表中，无法入组", List.of(), steps);
        }
        if (!c.procedures().isEmpty() && rules.invalidPrincipalProcedures().contains(c.procedures().get(0))) {
            return ungroupable(GroupingResult.Cause.PRINCIPAL_PROCEDURE_INVALID, "主要手术或操作 " + c.procedures().get(0)
                    + " 在分组方案“不能作为主要手术或操作”的编码表中，无法入组", List.of(), steps);
        }
        return null;
    }

    private GroupingResult ungroupable(GroupingResult.Cause cause, String reason, List<GroupingResult.Complication> complications,
                                       List<TraceStep> steps) {
        if (steps != null) {
            steps.add(new TraceStep("RESULT", GroupingResult.UNGROUPABLE, null, List.of(), reason));
        }
        return new GroupingResult(version, GroupingResult.Status.UNGROUPABLE, GroupingResult.UNGROUPABLE, "无法入组", null, null,
                0, reason, cause, complications, steps);
    }

    /** MCC and CC among the secondary diagnoses after the exclusion table; sets HAS_MCC / HAS_CC. */
    private List<GroupingResult.Complication> complications(GroupingCase c, GroupingContext ctx) {
        List<GroupingResult.Complication> out = CcExclusion.complications(c.principal(), c.secondaries(), mcc, cc, principalTables);
        for (GroupingResult.Complication x : out) {
            if (x.counted()) {
                ctx.hasMcc |= x.level().equals("MCC");
                ctx.hasCc |= x.level().equals("CC");
            }
        }
        return out;
    }

    private static String splitSentence(GroupingRules.Drg drg, List<GroupingResult.Complication> complications) {
        StringBuilder sb = new StringBuilder();
        List<String> counted = complications.stream().filter(GroupingResult.Complication::counted)
                .map(x -> x.code() + "（" + x.level() + "，排除表 " + x.exclusionTable() + "）").toList();
        List<String> cancelled = complications.stream().filter(x -> !x.counted())
                .map(x -> x.code() + "（" + x.level() + "，与主要诊断同属排除表 " + x.exclusionTable() + "）").toList();
        sb.append(counted.isEmpty() ? "无计入的并发症或合并症" : "计入 " + String.join("、", counted));
        if (!cancelled.isEmpty()) {
            sb.append("；被排除 ").append(String.join("、", cancelled));
        }
        sb.append("；符合 ").append(drg.code()).append(" 的条件 ").append(drg.condition().source())
                .append("，入 ").append(drg.code()).append(" ").append(drg.name());
        return sb.toString();
    }

    private String codesOf(List<String> matched) {
        return String.join("、", matched.stream()
                .map(m -> m.substring(m.indexOf(':') + 1) + "（" + rules.label(m.substring(0, m.indexOf(':'))) + "）").toList());
    }
}
