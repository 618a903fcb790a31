package org.drgaudit.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the CHS-DRG 2.0 tables in the layout of {@code chs-drg-2.0/} (its README describes every file
 * and rule shape) into the knowledge base's grouper layout: every entry rule becomes a condition of
 * the grouper's language, so the same engine groups 1.1 and 2.0.
 *
 * <p>What the 2.0 files do not carry is taken from the scheme's text, and written where a reader of
 * the tables sees it:
 * <ul>
 * <li>The MDC order and entry: MDCA by its ADRGs' own procedure rules; MDCP for infants under one year
 * (its ADRGs: newborns up to 28 days, PV1 from 29 days); MDCY when the principal <em>or any other</em>
 * diagnosis is on its list; MDCZ when the principal is on its list and the diagnoses cover two or more
 * of its body sites; MDCM men only, MDCN women only; then B…X by the principal diagnosis.</li>
 * <li>The newborn ADRGs' age and birth-weight bands, read from their official names
 * (出生年龄＜29天, 29天≤出生年龄＜1周岁, 出生体重＜1500g, 1500-1999g, …).</li>
 * <li>The valid OR procedures (SS_VALID, used by QY when a region asks for it and by the dictionary's
 * operating-room flag): 2.0 publishes no such list, so it is every procedure of the surgical ADRGs
 * (second letter A–J).</li>
 * </ul>
 */
final class Chs20Layout {

    static final String LAYOUT = "CHS-DRG 2.0";
    /** MDCs tried before the body systems, in this order (the scheme's text; not in the 2.0 files). */
    private static final List<String> FIRST = List.of("MDCA", "MDCP", "MDCY", "MDCZ", "MDCM", "MDCN");
    private static final Pattern NUMBERED = Pattern.compile("(.*?)\\s*(\\d+)");
    private static final Pattern RANGE = Pattern.compile("出生体重(\\d+)\\s*[-－—–]\\s*(\\d+)\\s*g");
    private static final Pattern BOUND = Pattern.compile("出生体重\\s*([＜<＞>≤≥])\\s*(\\d+)\\s*g");

    private Chs20Layout() {
    }

    static boolean recognises(Path tables) {
        return Files.isRegularFile(tables.resolve("mdc_identifying_dx.tsv")) && Files.isRegularFile(tables.resolve("adrg_rules.tsv"))
                && Files.isRegularFile(tables.resolve("drg_groups.tsv"));
    }

    static ImportedGrouper read(Path tables, boolean ambiguousGroups) throws IOException {
        List<String> notes = new ArrayList<>();
        SortedMap<String, String> files = new TreeMap<>();

        // DRGs and their split conditions
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, List<String>> drgsOfAdrg = new LinkedHashMap<>();
        StringBuilder drgRules = new StringBuilder("# DRG split conditions imported from CHS-DRG 2.0 drg_groups.tsv (split_condition: "
                + "WITH_MCC → HAS_MCC, WITH_CC → HAS_MCC || HAS_CC, NO_CC and ADRG_ONLY → true)\n").append("drg\tdrg_name\tcondition\n");
        StringBuilder drgGroups = new StringBuilder("drg_code\tdrg_name\n");
        for (String[] r : OfficialTablesImport.rows(tables.resolve("drg_groups.tsv"))) {
            String condition = switch (r[3].trim()) {
                case "WITH_MCC" -> "HAS_MCC";
                case "WITH_CC" -> "(HAS_MCC || HAS_CC)";
                case "NO_CC", "ADRG_ONLY" -> "true";
                default -> throw new IllegalArgumentException("drg_groups.tsv: DRG " + r[0] + " has an unknown split condition '" + r[3] + "'");
            };
            String name = OfficialTablesImport.clean(r[1]);
            groups.put(r[0], name);
            drgsOfAdrg.computeIfAbsent(r[2], k -> new ArrayList<>()).add(r[0]);
            drgRules.append(r[0]).append('\t').append(name).append('\t').append(condition).append('\n');
            drgGroups.append(r[0]).append('\t').append(name).append('\n');
        }
        drgsOfAdrg.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        files.put("drg_rules.tsv", drgRules.toString());
        files.put("drg_groups.tsv", drgGroups.toString());

        // MCC/CC, exclusion tables and the codes not valid as principal: the same content, the grouper's column names
        files.put("mcc.tsv", Files.readString(tables.resolve("mcc.tsv")));
        files.put("cc.tsv", Files.readString(tables.resolve("cc.tsv")));
        StringBuilder cce = new StringBuilder("principal_dx_code\texclusion_table\n");
        OfficialTablesImport.rows(tables.resolve("cc_exclusion.tsv")).forEach(r -> cce.append(r[1]).append('\t').append(r[0]).append('\n'));
        files.put("cc_exclusion_principal_dx.tsv", cce.toString());
        files.put(GrouperTablesReader.PRINCIPAL_DX_INVALID, firstColumn(tables.resolve("principal_dx_invalid.tsv"), "dx_code"));
        files.put(GrouperTablesReader.PRINCIPAL_PROC_INVALID, firstColumn(tables.resolve("principal_proc_invalid.tsv"), "proc_code"));

        // MDC lists and MDCZ's body sites
        StringBuilder principal = new StringBuilder("mdc\tdx_code\n");
        StringBuilder sites = new StringBuilder("# body sites of MDCZ (多发严重创伤); the MDC's condition counts the sites among the diagnoses\n")
                .append("mdc\tlist\tsite\tdx_code\n");
        Map<String, Map<String, String>> siteLists = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String[] r : OfficialTablesImport.rows(tables.resolve("mdc_identifying_dx.tsv"))) {
            String mdc = r[0];
            String site = r[1].strip();
            String dx = r[2];
            if (seen.add(mdc + "\t" + dx)) {
                principal.append(mdc).append('\t').append(dx).append('\n');
            }
            if (!site.isEmpty()) {
                Map<String, String> lists = siteLists.computeIfAbsent(mdc, k -> new LinkedHashMap<>());
                String list = lists.computeIfAbsent(site, k -> "mdc_site" + (lists.size() + 1));
                sites.append(mdc).append('\t').append(list).append('\t').append(site).append('\t').append(dx).append('\n');
            }
        }
        files.put("mdc_principal_dx.tsv", principal.toString());
        files.put(GrouperTablesReader.MDC_SITES, sites.toString());

        // ADRGs: names, entry codes by section, required procedure groups
        List<String[]> adrgRows = OfficialTablesImport.rows(tables.resolve("adrg_rules.tsv"));
        Map<String, String> mdcOfAdrg = new LinkedHashMap<>();
        StringBuilder adrgs = new StringBuilder("adrg\tmdc\tname\n");
        for (String[] r : adrgRows) {
            mdcOfAdrg.put(r[0], "MDC" + r[2]);
            adrgs.append(r[0]).append('\t').append("MDC").append(r[2]).append('\t').append(OfficialTablesImport.clean(r[1])).append('\n');
        }
        files.put("adrgs.tsv", adrgs.toString());
        Map<String, Map<String, Section>> sectionsOf = new HashMap<>();
        List<String[]> entries = new ArrayList<>();
        for (String[] r : OfficialTablesImport.rows(tables.resolve("adrg_entry_codes.tsv"))) {
            Section s = Section.of(r[1], r[2]);
            sectionsOf.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).putIfAbsent(r[1], s);
            entries.add(new String[] {r[0], s.list(), r[3]});
        }
        Map<String, Integer> groupCount = new LinkedHashMap<>();
        for (String[] r : OfficialTablesImport.rows(tables.resolve("adrg_required_procedure_groups.tsv"))) {
            entries.add(new String[] {r[0], "adrg_ss_g" + r[1].trim(), r[2]});
            groupCount.merge(r[0], Integer.parseInt(r[1].trim()), Math::max);
        }
        Map<String, Set<String>> proceduresOf = new HashMap<>();
        for (String[] e : entries) {
            if (e[1].startsWith("adrg_ss")) {
                proceduresOf.computeIfAbsent(e[0], k -> new LinkedHashSet<>()).add(e[2]);
            }
        }

        // ADRG rules: one condition per shape
        StringBuilder rules = new StringBuilder("# ADRG decision table imported from CHS-DRG 2.0; see Chs20Layout and docs/grouper.md\n")
                .append("mdc\tadrg_order_in_mdc\tadrg\tmatch_rule\tcondition\tdrg_candidates_in_order\n");
        Map<String, Integer> orderInMdc = new HashMap<>();
        Map<String, Integer> shapes = new TreeMap<>();
        Set<String> withQy = new java.util.HashSet<>();
        for (String[] r : adrgRows) {
            String adrg = r[0];
            String name = r[1];
            String mdc = "MDC" + r[2];
            String logic = r[3].strip();
            int groupsRequired = r[5].isBlank() ? 0 : Integer.parseInt(r[5].trim());
            Map<String, String> flags = flags(r.length > 6 ? r[6] : "");
            Map<String, Section> sections = sectionsOf.getOrDefault(adrg, Map.of());
            String condition;
            String label;
            if (groupsRequired > 0) {
                int n = groupCount.getOrDefault(adrg, 0);
                if (n != groupsRequired) {
                    throw new IllegalArgumentException("ADRG " + adrg + ": adrg_rules.tsv says " + groupsRequired
                            + " required procedure groups, adrg_required_procedure_groups.tsv has " + n);
                }
                List<String> parts = new ArrayList<>();
                for (int g = 1; g <= n; g++) {
                    parts.add("intersect(ssList,adrg_ss_g" + g + ")");
                }
                condition = String.join(" && ", parts);
                label = "须有每组手术或操作各一（" + n + " 组）";
                shapes.merge("required procedure groups", 1, Integer::sum);
            } else if (flags.containsKey("requiredReferencedADRGs") || flags.containsKey("referencedADRGs")) {
                boolean all = flags.containsKey("requiredReferencedADRGs");
                List<String> refs = List.of((all ? flags.get("requiredReferencedADRGs") : flags.get("referencedADRGs")).split(","));
                List<String> parts = new ArrayList<>();
                for (String ref : refs) {
                    Set<String> codes = proceduresOf.get(ref.strip());
                    if (codes == null) {
                        throw new IllegalArgumentException("ADRG " + adrg + " refers to " + ref + ", which has no procedure list");
                    }
                    String list = "adrg_ss_ref_" + ref.strip();
                    codes.forEach(code -> entries.add(new String[] {adrg, list, code}));
                    parts.add("intersect(ssList," + list + ")");
                }
                condition = all ? String.join(" && ", parts) : String.join(" || ", parts);
                label = all ? "同时有 " + String.join("、", refs) + " 的手术或操作" : String.join("、", refs) + " 任一手术或操作";
                shapes.merge(all ? "all referenced ADRGs' procedures" : "any referenced ADRG's procedure", 1, Integer::sum);
            } else if (flags.containsKey("anyProcedureRequired")) {
                condition = "ssList.length>0";
                label = "有任一手术或操作";
                shapes.merge("any procedure", 1, Integer::sum);
            } else if (flags.containsKey("zeroProceduresRequired")) {
                condition = "ssList.length==0";
                label = "无手术或操作";
                shapes.merge("no procedure", 1, Integer::sum);
            } else if (!logic.isEmpty()) {
                condition = logic(adrg, logic, sections);
                label = logic.replaceAll("\\s+", " ");
                shapes.merge("section logic", 1, Integer::sum);
            } else if (!sections.isEmpty()) {
                // without logic: any section of a kind (diagnosis, procedure) will do, and both kinds when both are listed
                String dx = sections.values().stream().filter(s -> !s.procedure()).map(Section::predicate).collect(Collectors.joining(" || "));
                String pr = sections.values().stream().filter(Section::procedure).map(Section::predicate).collect(Collectors.joining(" || "));
                condition = dx.isEmpty() ? pr : pr.isEmpty() ? dx : "(" + dx + ") && (" + pr + ")";
                label = String.join("+", sections.keySet());
                shapes.merge("sections", 1, Integer::sum);
            } else {
                throw new IllegalArgumentException("ADRG " + adrg + " has no entry rule (no sections, logic or flags)");
            }
            if (mdc.equals("MDCP")) {
                String newborn = newbornCondition(adrg, name);
                condition = "(" + condition + ") && " + newborn;
            }
            List<String> drgs = drgsOfAdrg.get(adrg);
            if (drgs == null) {
                throw new IllegalArgumentException("ADRG " + adrg + " has no DRG in drg_groups.tsv");
            }
            int order = orderInMdc.merge(mdc, 10, Integer::sum);
            boolean medical = adrg.charAt(1) >= 'R';
            if (ambiguousGroups && medical && !FIRST.contains(mdc) && withQy.add(mdc)) {
                String qy = mdc.substring(3) + "QY";
                rules.append(mdc).append('\t').append(order - 5).append('\t').append(qy).append("\t歧义组\t")
                        .append("intersect(ssList,SS_VALID)\t").append(qy).append('\n');
            }
            rules.append(mdc).append('\t').append(order).append('\t').append(adrg).append('\t').append(OfficialTablesImport.clean(label))
                    .append('\t').append(condition).append('\t').append(String.join(",", drgs)).append('\n');
        }
        files.put("adrg_rules.tsv", rules.toString());
        notes.add("ADRG entry rules by shape: " + shapes + (ambiguousGroups ? "; " + withQy.size()
                + " ambiguous-group (QY) rows added" : "; no ambiguous groups (QY), as in the national scheme"));

        files.put("mdc_rules.tsv", mdcRules(OfficialTablesImport.rows(tables.resolve("mdc_rules.tsv")), siteLists));

        StringBuilder entryText = new StringBuilder("adrg\tlist\tcode\n");
        for (String[] e : entries) {
            entryText.append(e[0]).append('\t').append(e[1]).append('\t').append(e[2]).append('\n');
        }
        files.put("adrg_entry_codes.tsv", entryText.toString());

        // valid OR procedures: 2.0 publishes none; every procedure of a surgical ADRG counts
        Set<String> or = new java.util.TreeSet<>();
        for (String[] e : entries) {
            if (e[1].startsWith("adrg_ss") && e[0].charAt(1) >= 'A' && e[0].charAt(1) <= 'J') {
                or.add(e[2]);
            }
        }
        StringBuilder orText = new StringBuilder("# CHS-DRG 2.0 publishes no valid-OR list: every procedure of a surgical ADRG "
                + "(second letter A–J) is taken as one\nproc_code\tproc_name\n");
        or.forEach(code -> orText.append(code).append("\t\n"));
        files.put("valid_or_procedures.tsv", orText.toString());
        notes.add(or.size() + " valid OR procedures derived from the surgical ADRGs' lists (2.0 publishes no such list)");
        return new ImportedGrouper(LAYOUT, files, mdcOfAdrg, groups, entries, or, notes);
    }

    /** The MDC table: the scheme's order (A, P, Y, Z, M, N, then B…X) and entry conditions. */
    private static String mdcRules(List<String[]> rows, Map<String, Map<String, String>> siteLists) {
        List<String> order = new ArrayList<>(FIRST);
        rows.stream().map(r -> r[0]).filter(m -> !FIRST.contains(m)).forEach(order::add);
        Map<String, String> names = new HashMap<>();
        rows.forEach(r -> names.put(r[0], r[1]));
        StringBuilder out = new StringBuilder("# MDC order and entry of CHS-DRG 2.0 (from the scheme's text; see Chs20Layout)\n")
                .append("mdc_order\tmdc\tmatch_rule\tcondition\n");
        int i = 0;
        for (String mdc : order) {
            if (!names.containsKey(mdc)) {
                throw new IllegalArgumentException("mdc_rules.tsv has no " + mdc);
            }
            String[] rule = switch (mdc) {
                case "MDCA" -> new String[] {"先期分组：按各 ADRG 的手术或操作", "true"};
                case "MDCP" -> new String[] {"未满 1 周岁（新生儿 ≤28 天，婴儿 29 天–1 岁）", "age==0"};
                case "MDCY" -> new String[] {"主要诊断或其他诊断为 HIV 相关诊断", "intersect(zdList,mdc_zd)"};
                case "MDCM" -> new String[] {"主诊断匹配、男性", "contains(mdc_zd,zdList[0]) && gender==\"1\""};
                case "MDCN" -> new String[] {"主诊断匹配、女性", "contains(mdc_zd,zdList[0]) && gender==\"2\""};
                default -> new String[] {"主诊断匹配", "contains(mdc_zd,zdList[0])"};
            };
            Map<String, String> sites = siteLists.get(mdc);
            if (sites != null && sites.size() >= 2) {
                rule = new String[] {"主要诊断为创伤，且诊断涉及两个及以上部位的严重创伤", rule[1] + " && count("
                        + sites.values().stream().map(s -> "intersect(zdList," + s + ")").collect(Collectors.joining(",")) + ")>=2"};
            }
            out.append(++i).append('\t').append(mdc).append('\t').append(rule[0]).append('\t').append(rule[1]).append('\n');
        }
        return out.toString();
    }

    /**
     * Translates an entry logic as written in the scheme ({@code 主要诊断+主要手术或操作 1  或 主要诊断+手术或操作 2+手术或操作 3},
     * full-width parentheses) into a condition: {@code +} is AND, {@code 或} is OR (AND binds tighter).
     * Section names themselves contain 或 (手术或操作), so at each place the longest section name is
     * taken first.
     */
    static String logic(String adrg, String logic, Map<String, Section> sections) {
        List<String> names = sections.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < logic.length()) {
            char c = logic.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '（' || c == '(') {
                out.append('(');
                i++;
                continue;
            }
            if (c == '）' || c == ')') {
                out.append(')');
                i++;
                continue;
            }
            if (c == '+') {
                out.append(" && ");
                i++;
                continue;
            }
            String name = null;
            for (String n : names) {
                if (logic.startsWith(n, i)) {
                    name = n;
                    break;
                }
            }
            if (name != null) {
                out.append(sections.get(name).predicate());
                i += name.length();
                continue;
            }
            if (c == '或') {
                out.append(" || ");
                i++;
                continue;
            }
            throw new IllegalArgumentException("ADRG " + adrg + ": cannot read the entry logic at '" + logic.substring(i) + "'");
        }
        return out.toString();
    }

    /** The age (and birth-weight) band of a newborn ADRG, from its official name. */
    static String newbornCondition(String adrg, String name) {
        String n = name.replace('（', '(').replace('）', ')');
        String age = n.contains("29天≤") ? "ageDay>=29" : "ageDay<=28";
        Matcher range = RANGE.matcher(n);
        if (range.find()) {
            return age + " && weight>=" + range.group(1) + " && weight<=" + range.group(2);
        }
        Matcher bound = BOUND.matcher(n);
        if (bound.find()) {
            String op = switch (bound.group(1)) {
                case "＜", "<" -> "<";
                case "＞", ">" -> ">";
                case "≤" -> "<=";
                default -> ">=";
            };
            return age + " && weight" + op + bound.group(2);
        }
        if (n.contains("体重")) {
            throw new IllegalArgumentException("ADRG " + adrg + ": cannot read the birth-weight band of '" + name + "'");
        }
        return age;
    }

    private static Map<String, String> flags(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            out.put(eq < 0 ? part.strip() : part.substring(0, eq).strip(), eq < 0 ? "" : part.substring(eq + 1).strip());
        }
        return out;
    }

    private static String firstColumn(Path file, String column) throws IOException {
        StringBuilder out = new StringBuilder(column).append('\n');
        OfficialTablesImport.rows(file).forEach(r -> out.append(r[0]).append('\n'));
        return out.toString();
    }

    /**
     * A code section of an ADRG's entry rule and the list and test it becomes: 主要诊断 the principal
     * diagnosis, 其他诊断 a secondary one, 诊断 any; 主要手术或操作 the principal procedure, 手术或操作 any.
     */
    record Section(String list, boolean procedure, String predicate) {

        static Section of(String name, String kind) {
            Matcher m = NUMBERED.matcher(name.strip());
            String base = m.matches() ? m.group(1).strip() : name.strip();
            String no = m.matches() ? m.group(2) : "";
            boolean procedure = kind.equals("proc");
            String list;
            String test;
            switch (base) {
                case "主要诊断" -> {
                    list = no.isEmpty() ? "adrg_zd" : "adrg_zd_p" + no;
                    test = "contains(" + list + ",zdList[0])";
                }
                case "其他诊断" -> {
                    list = "adrg_zd_o" + no;
                    test = "intersect(otherZdList," + list + ")";
                }
                case "诊断" -> {
                    list = "adrg_zd_any" + no;
                    test = "intersect(zdList," + list + ")";
                }
                case "主要手术或操作" -> {
                    list = no.isEmpty() ? "adrg_ss" : "adrg_ss_p" + no;
                    test = "contains(" + list + ",ssList[0])";
                }
                case "手术或操作" -> {
                    list = "adrg_ss_" + (no.isEmpty() ? "any" : no);
                    test = "intersect(ssList," + list + ")";
                }
                default -> throw new IllegalArgumentException("unknown ADRG section '" + name + "'");
            }
            if (procedure != list.startsWith("adrg_ss")) {
                throw new IllegalArgumentException("ADRG section '" + name + "' is listed as " + kind);
            }
            return new Section(list, procedure, test);
        }
    }
}
