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
 * row named {@code xQY} gives the ambiguous group; a case no MDC takes is 0000.
 */
public final class Grouper {

    private final String version;
    private final GroupingRules rules;
    private final Map<String, String> adrgNames;
    private final Map<String, Integer> mcc;
    private final Map<String, Integer> cc;
    private final Map<String, Integer> principalTables;
    private final Map<String, Set<String>> mdcsOfPrincipal;

    public Grouper(String version, GroupingRules rules, Map<String, String> adrgNames, Map<String, Integer> mcc,
                   Map<String, Integer> cc, Map<String, Integer> principalTables, Map<String, Set<String>> mdcsOfPrincipal) {
        this.version = version;
        this.rules = rules;
        this.adrgNames = adrgNames;
        this.mcc = mcc;
        this.cc = cc;
        this.principalTables = principalTables;
        this.mdcsOfPrincipal = mdcsOfPrincipal;
    }

    public String version() {
        return version;
    }

    public GroupingRules rules() {
        return rules;
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
        if (c.principal() == null || c.principal().isBlank()) {
            return ungroupable("结算清单没有主要诊断，无法入组", List.of(), steps);
        }
        GroupingContext ctx = new GroupingContext(c, trace);
        List<GroupingResult.Complication> complications = complications(c, ctx);
        Set<String> mdcsTaken = null;
        for (GroupingRules.Mdc mdc : rules.mdcs()) {
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
            for (GroupingRules.Adrg adrg : mdc.adrgs()) {
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
                            mdc.code(), adrg.code(), "手术室手术与主要诊断所在 MDC 不符", complications, steps);
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
                                adrg.code(), null, complications, steps);
                    }
                }
                return ungroupable("ADRG " + adrg.code() + " 的细分组条件均不满足（分组表不完整）", complications, steps);
            }
            if (trace) {
                steps.add(new TraceStep("MDC", mdc.code(), null, List.of(), "不符合 " + mdc.code() + " 任何 ADRG 的入组条件，继续下一个 MDC"));
            }
        }
        String reason;
        Set<String> lists = mdcsOfPrincipal.getOrDefault(c.principal(), Set.of());
        Set<String> enteredByPrincipal = new java.util.TreeSet<>(lists);
        enteredByPrincipal.retainAll(mdcsTaken == null ? Set.of() : mdcsTaken);
        if (lists.isEmpty()) {
            reason = "主要诊断 " + c.principal() + " 不在任何 MDC 的主要诊断表中，无法入组";
        } else if (enteredByPrincipal.isEmpty()) {
            reason = "主要诊断 " + c.principal() + " 属于 " + String.join("、", new java.util.TreeSet<>(lists))
                    + "，但病例不符合其入组条件（性别、年龄等），无法入组";
        } else {
            reason = "病例符合 " + String.join("、", enteredByPrincipal) + " 的入组条件，但不符合其中任何 ADRG 的入组条件，无法入组";
        }
        return ungroupable(reason, complications, steps);
    }

    private GroupingResult ungroupable(String reason, List<GroupingResult.Complication> complications, List<TraceStep> steps) {
        if (steps != null) {
            steps.add(new TraceStep("RESULT", GroupingResult.UNGROUPABLE, null, List.of(), reason));
        }
        return new GroupingResult(version, GroupingResult.Status.UNGROUPABLE, GroupingResult.UNGROUPABLE, "无法入组", null, null,
                reason, complications, steps);
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

    private static String codesOf(List<String> matched) {
        return String.join("、", matched.stream().map(m -> m.substring(m.indexOf(':') + 1) + "（" + m.substring(0, m.indexOf(':')) + "）").toList());
    }
}
