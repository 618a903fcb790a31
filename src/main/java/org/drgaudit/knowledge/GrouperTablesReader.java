package org.drgaudit.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import org.drgaudit.knowledge.grouper.ConditionParser;
import org.drgaudit.knowledge.grouper.ConditionSyntaxException;
import org.drgaudit.knowledge.grouper.EntryCondition;
import org.drgaudit.knowledge.grouper.Grouper;
import org.drgaudit.knowledge.grouper.GroupingRules;

/** Reads one grouper version's folder in the layout of the national CHS-DRG tables. */
final class GrouperTablesReader {

    static final String MDC_RULES = "mdc_rules.tsv";
    static final String MDC_SITES = "mdc_sites.tsv";
    static final String PRINCIPAL_DX_INVALID = "principal_dx_invalid.tsv";
    static final String PRINCIPAL_PROC_INVALID = "principal_proc_invalid.tsv";

    private GrouperTablesReader() {
    }

    static GrouperTables read(String version, SortedMap<String, String> files, List<KnowledgeError> errors) {
        String dir = "grouper/" + version + "/";
        Map<String, String[]> adrgHeads = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        table(files, dir + "adrgs.tsv", List.of("adrg", "mdc", "name"), errors).forEach(r -> {
            String adrg = r.required("adrg");
            if (adrg != null) {
                adrgHeads.put(adrg, new String[] {r.required("mdc"), r.required("name")});
            }
        });
        table(files, dir + "adrg_entry_codes.tsv", List.of("adrg", "list", "code"), errors).forEach(r -> {
            String adrg = r.required("adrg");
            String list = r.required("list");
            String code = r.required("code");
            if (adrg == null || list == null || code == null) {
                return;
            }
            if (!adrgHeads.containsKey(adrg)) {
                r.error("ADRG " + adrg + " is not in adrgs.tsv");
            } else {
                lists.computeIfAbsent(adrg, k -> new LinkedHashMap<>()).computeIfAbsent(list, k -> new ArrayList<>()).add(code);
            }
        });
        Map<String, AdrgEntry> adrgs = new LinkedHashMap<>();
        adrgHeads.forEach((code, head) -> {
            Map<String, List<String>> own = lists.getOrDefault(code, Map.of());
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            own.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            List<String> procedures = own.entrySet().stream().filter(e -> e.getKey().startsWith("adrg_ss"))
                    .flatMap(e -> e.getValue().stream()).distinct().toList();
            adrgs.put(code, new AdrgEntry(code, head[0], head[1], List.copyOf(own.getOrDefault("adrg_zd", List.of())),
                    procedures, Collections.unmodifiableMap(frozen)));
        });

        Map<String, String> drgNames = new LinkedHashMap<>();
        table(files, dir + "drg_groups.tsv", List.of("drg_code", "drg_name"), errors)
                .forEach(r -> drgNames.put(r.required("drg_code"), r.required("drg_name")));
        Map<String, Integer> mcc = exclusionList(files, dir + "mcc.tsv", "dx_code", errors);
        Map<String, Integer> cc = exclusionList(files, dir + "cc.tsv", "dx_code", errors);
        Map<String, Integer> principal = exclusionList(files, dir + "cc_exclusion_principal_dx.tsv", "principal_dx_code", errors);
        Map<String, Set<String>> mdcs = new HashMap<>();
        Map<String, Set<String>> principalsOfMdc = new HashMap<>();
        table(files, dir + "mdc_principal_dx.tsv", List.of("mdc", "dx_code"), errors).forEach(r -> {
            String mdc = r.required("mdc");
            String dx = r.required("dx_code");
            if (mdc != null && dx != null) {
                mdcs.computeIfAbsent(dx, k -> new HashSet<>()).add(mdc);
                principalsOfMdc.computeIfAbsent(mdc, k -> new HashSet<>()).add(dx);
            }
        });

        Set<String> validOr = Set.of();
        Grouper grouper = null;
        if (files.containsKey(dir + MDC_RULES)) {
            Set<String> or = new HashSet<>();
            table(files, dir + "valid_or_procedures.tsv", List.of("proc_code"), errors).forEach(r -> {
                String code = r.required("proc_code");
                if (code != null) {
                    or.add(code);
                }
            });
            validOr = Set.copyOf(or);
            GroupingRules rules = rules(dir, files, adrgs, principalsOfMdc, validOr, errors);
            Map<String, String> adrgNames = new HashMap<>();
            adrgs.forEach((k, v) -> adrgNames.put(k, v.name()));
            grouper = new Grouper(version, rules, adrgNames, mcc, cc, principal, mdcs);
        }
        return new GrouperTables(version, Collections.unmodifiableMap(adrgs), drgNames, mcc, cc, principal, mdcs, validOr, grouper);
    }

    /** Compiles the three decision tables; every fault is reported with its file and line. */
    private static GroupingRules rules(String dir, SortedMap<String, String> files, Map<String, AdrgEntry> adrgs,
                                       Map<String, Set<String>> principalsOfMdc, Set<String> validOr,
                                       List<KnowledgeError> errors) {
        Map<String, GroupingRules.Drg> drgs = new LinkedHashMap<>();
        String drgFile = dir + "drg_rules.tsv";
        for (TsvTable.Row r : table(files, drgFile, List.of("drg", "drg_name", "condition"), errors)) {
            String code = r.required("drg");
            String name = r.required("drg_name");
            EntryCondition condition = compile(r, "DRG " + code, name2 -> name2.equals("SS_VALID") ? validOr : null);
            if (code != null && condition != null) {
                if (drgs.put(code, new GroupingRules.Drg(code, name, condition)) != null) {
                    r.error("DRG " + code + " appears twice");
                }
            }
        }
        Set<String> knownLists = new HashSet<>();
        adrgs.values().forEach(a -> knownLists.addAll(a.lists().keySet()));
        Map<String, List<GroupingRules.Adrg>> byMdc = new HashMap<>();
        Set<String> adrgCodes = new HashSet<>();
        String adrgFile = dir + "adrg_rules.tsv";
        for (TsvTable.Row r : table(files, adrgFile,
                List.of("mdc", "adrg_order_in_mdc", "adrg", "match_rule", "condition", "drg_candidates_in_order"), errors)) {
            String mdc = r.required("mdc");
            Integer order = r.integer("adrg_order_in_mdc");
            String code = r.required("adrg");
            String candidates = r.required("drg_candidates_in_order");
            if (mdc == null || order == null || code == null || candidates == null) {
                continue;
            }
            if (!adrgCodes.add(code)) {
                r.error("ADRG " + code + " appears twice");
                continue;
            }
            boolean qy = code.endsWith("QY");
            if (!qy && !adrgs.containsKey(code)) {
                r.error("ADRG " + code + " is not in adrgs.tsv");
                continue;
            }
            AdrgEntry entry = adrgs.get(code);
            Map<String, List<String>> own = entry == null ? Map.of() : entry.lists();
            Map<String, Set<String>> sets = new HashMap<>();
            EntryCondition condition = compile(r, "ADRG " + code, name -> {
                if (name.equals("SS_VALID")) {
                    return validOr;
                }
                if (name.equals("mdc_zd")) {
                    return principalsOfMdc.getOrDefault(mdc, Set.of());
                }
                // a list some ADRG of the table has (adrg_zd, adrg_ss, …) is empty for an ADRG without it;
                // a name no ADRG has is a mistake (a typo such as adrg_sss would make the ADRG unreachable)
                if (knownLists.contains(name) || name.equals("dept_list")) {
                    return sets.computeIfAbsent(name, n -> Set.copyOf(own.getOrDefault(n, List.of())));
                }
                return null;
            });
            List<String> drgList = new ArrayList<>();
            for (String candidate : candidates.split(",")) {
                String c = candidate.trim();
                if (c.isEmpty() || c.equals(code)) {
                    continue;
                }
                if (!drgs.containsKey(c)) {
                    r.error("DRG " + c + " of ADRG " + code + " is not in drg_rules.tsv");
                } else {
                    drgList.add(c);
                }
            }
            if (condition != null) {
                byMdc.computeIfAbsent(mdc, k -> new ArrayList<>()).add(new GroupingRules.Adrg(mdc, order, code,
                        r.text("match_rule") == null ? "" : r.text("match_rule"), condition, List.copyOf(drgList)));
            }
        }
        Map<String, Map<String, Set<String>>> siteLists = siteLists(files, dir + MDC_SITES, errors);
        List<GroupingRules.Mdc> mdcs = new ArrayList<>();
        Set<String> mdcCodes = new HashSet<>();
        for (TsvTable.Row r : table(files, dir + MDC_RULES, List.of("mdc_order", "mdc", "match_rule", "condition"), errors)) {
            Integer order = r.integer("mdc_order");
            String mdc = r.required("mdc");
            if (order == null || mdc == null) {
                continue;
            }
            if (!mdcCodes.add(mdc)) {
                r.error("MDC " + mdc + " appears twice");
                continue;
            }
            Map<String, Set<String>> sites = siteLists.getOrDefault(mdc, Map.of());
            EntryCondition condition = compile(r, "MDC " + mdc, name -> name.equals("SS_VALID") ? validOr
                    : name.equals("mdc_zd") ? principalsOfMdc.getOrDefault(mdc, Set.of())
                    : name.equals("dept_list") ? Set.of() : sites.get(name));
            List<GroupingRules.Adrg> own = new ArrayList<>(byMdc.getOrDefault(mdc, List.of()));
            own.sort(Comparator.comparingInt(GroupingRules.Adrg::order));
            if (condition != null) {
                mdcs.add(new GroupingRules.Mdc(order, mdc, r.text("match_rule") == null ? "" : r.text("match_rule"),
                        condition, List.copyOf(own)));
            }
        }
        byMdc.keySet().stream().filter(m -> !mdcCodes.contains(m)).sorted().forEach(m -> errors.add(
                new KnowledgeError(adrgFile, null, "ADRGs of " + m + " are listed, but " + m + " is not in " + MDC_RULES)));
        mdcs.sort(Comparator.comparingInt(GroupingRules.Mdc::order));
        Map<String, String> labels = new HashMap<>();
        if (files.containsKey(dir + MDC_SITES)) {
            table(files, dir + MDC_SITES, List.of("mdc", "list", "site", "dx_code"), errors)
                    .forEach(r -> {
                        if (r.text("list") != null && r.text("site") != null) {
                            labels.putIfAbsent(r.text("list"), r.text("site"));
                        }
                    });
        }
        return new GroupingRules(List.copyOf(mdcs), withSeverity(drgs, mdcs),
                codes(files, dir + PRINCIPAL_DX_INVALID, "dx_code", errors),
                codes(files, dir + PRINCIPAL_PROC_INVALID, "proc_code", errors), Map.copyOf(labels));
    }

    /**
     * Each DRG with the severity its split condition expresses (not its code's fourth character):
     * MCC 1, MCC or CC 3; a DRG without condition is 5 when its ADRG has a heavier sibling, else 9.
     */
    private static Map<String, GroupingRules.Drg> withSeverity(Map<String, GroupingRules.Drg> drgs, List<GroupingRules.Mdc> mdcs) {
        Set<String> split = new HashSet<>();
        for (GroupingRules.Mdc m : mdcs) {
            for (GroupingRules.Adrg a : m.adrgs()) {
                boolean splits = a.drgCandidates().stream().map(drgs::get)
                        .anyMatch(d -> d != null && GroupingRules.splitLevel(d.condition()) != 5);
                if (splits) {
                    split.addAll(a.drgCandidates());
                }
            }
        }
        Map<String, GroupingRules.Drg> out = new LinkedHashMap<>();
        drgs.forEach((code, d) -> {
            int level = GroupingRules.splitLevel(d.condition());
            out.put(code, new GroupingRules.Drg(code, d.name(), d.condition(), level == 5 && !split.contains(code) ? 9 : level));
        });
        return Collections.unmodifiableMap(out);
    }

    /** The code lists of an MDC's body sites ({@code mdc_sites.tsv}, optional): MDC → list name → codes. */
    private static Map<String, Map<String, Set<String>>> siteLists(SortedMap<String, String> files, String path,
                                                                   List<KnowledgeError> errors) {
        if (!files.containsKey(path)) {
            return Map.of();
        }
        Map<String, Map<String, Set<String>>> out = new HashMap<>();
        table(files, path, List.of("mdc", "list", "site", "dx_code"), errors).forEach(r -> {
            String mdc = r.required("mdc");
            String list = r.required("list");
            String dx = r.required("dx_code");
            if (mdc != null && list != null && dx != null) {
                out.computeIfAbsent(mdc, k -> new HashMap<>()).computeIfAbsent(list, k -> new HashSet<>()).add(dx);
            }
        });
        return out;
    }

    /** A one-column code table that a version may lack (the codes not valid as principal). */
    private static Set<String> codes(SortedMap<String, String> files, String path, String column, List<KnowledgeError> errors) {
        if (!files.containsKey(path)) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        table(files, path, List.of(column), errors).forEach(r -> {
            String code = r.required(column);
            if (code != null) {
                out.add(code);
            }
        });
        return Set.copyOf(out);
    }

    private static EntryCondition compile(TsvTable.Row r, String what, Function<String, Set<String>> lists) {
        String text = r.text("condition");
        try {
            return ConditionParser.parse(text, lists);
        } catch (ConditionSyntaxException e) {
            r.error("condition of " + what + ", " + e.getMessage() + " in: " + text);
            return null;
        }
    }

    private static Map<String, Integer> exclusionList(SortedMap<String, String> files, String path, String codeColumn,
                                                      List<KnowledgeError> errors) {
        Map<String, Integer> out = new HashMap<>();
        table(files, path, List.of(codeColumn, "exclusion_table"), errors).forEach(r -> {
            String code = r.required(codeColumn);
            Integer table = r.integer("exclusion_table");
            if (code != null && table != null) {
                out.put(code, table);
            }
        });
        return out;
    }

    private static List<TsvTable.Row> table(SortedMap<String, String> files, String path, List<String> columns,
                                            List<KnowledgeError> errors) {
        String text = files.get(path);
        if (text == null) {
            errors.add(new KnowledgeError(path, null, "is missing from the grouper folder"));
            return List.of();
        }
        return new TsvTable(path, text, columns, errors).rows();
    }
}
