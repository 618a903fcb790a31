package org.drgaudit.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the CHS-DRG 1.x tables in OpenDRG's layout ({@code mdc_rules.tsv}, {@code adrg_rules.tsv} with
 * Java-like conditions, {@code mdc_principal_dx.tsv}, …; see {@code chs-drg-opendrg/README.md}) into
 * the knowledge base's grouper layout. What the extraction left out or cut is put back:
 * <ul>
 * <li>MDCZ's body sites. OpenDRG's MDCZ list carries the site names as marker rows (头颈部创伤,
 * 胸部创伤, …) before each site's codes, and its grouper enters MDCZ only when the case's diagnoses
 * cover two or more sites. The markers become {@code mdc_sites.tsv} and the MDC's condition gets
 * {@code count(intersect(zdList,mdc_site1), …) >= 2}.</li>
 * <li>The multi-procedure ADRGs (JA1, JA2, NA1), whose conditions the extractor cut: see
 * {@link #adrgRules}.</li>
 * <li>Optionally the ambiguous groups (QY), which the national scheme does not have.</li>
 * </ul>
 */
final class OpenDrgLayout {

    static final String LAYOUT = "CHS-DRG 1.x (OpenDRG tables)";
    private static final String LABELLED_LISTS_MARKER = "ss_matched";
    /** Pre-MDC and the MDCs tried before the body-system MDCs, whose lists overlap them: a case they do not take goes on. */
    private static final Set<String> NO_AMBIGUOUS_GROUP = Set.of("MDCA", "MDCP", "MDCY", "MDCZ", "MDCM", "MDCN");
    private static final List<String> SAME_LAYOUT = List.of("mcc.tsv", "cc.tsv", "cc_exclusion_principal_dx.tsv",
            "drg_groups.tsv", "drg_rules.tsv", "valid_or_procedures.tsv");

    private OpenDrgLayout() {
    }

    static boolean recognises(Path tables) {
        return Files.isRegularFile(tables.resolve("mdc_principal_dx.tsv")) && Files.isRegularFile(tables.resolve("adrg_rules.tsv"));
    }

    static ImportedGrouper read(Path tables, boolean ambiguousGroups) throws IOException {
        List<String> notes = new ArrayList<>();
        SortedMap<String, String> files = new TreeMap<>();
        for (String name : SAME_LAYOUT) {
            files.put(name, Files.readString(tables.resolve(name)));
        }
        Map<String, String> mdcOfAdrg = new LinkedHashMap<>();
        StringBuilder adrgs = new StringBuilder("adrg\tmdc\tname\n");
        for (String[] r : OfficialTablesImport.rows(tables.resolve("adrg_names_derived.tsv"))) {
            adrgs.append(r[0]).append('\t').append(r[1]).append('\t').append(OfficialTablesImport.clean(r[2])).append('\n');
            mdcOfAdrg.put(r[0], r[1]);
        }
        files.put("adrgs.tsv", adrgs.toString());

        // MDC lists without the site markers, which become mdc_sites.tsv
        StringBuilder principal = new StringBuilder("mdc\tdx_code\n");
        StringBuilder sites = new StringBuilder("# body sites of an MDC's list (OpenDRG marker rows); conditions name them mdc_site1, mdc_site2, …\n")
                .append("mdc\tlist\tsite\tdx_code\n");
        Map<String, List<String>> siteListsOfMdc = new LinkedHashMap<>();
        Map<String, String> currentSite = new HashMap<>();
        for (String[] r : OfficialTablesImport.rows(tables.resolve("mdc_principal_dx.tsv"))) {
            String mdc = r[0];
            String code = r[1];
            if (code.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                List<String> names = siteListsOfMdc.computeIfAbsent(mdc, k -> new ArrayList<>());
                names.add("mdc_site" + (names.size() + 1));
                currentSite.put(mdc, names.get(names.size() - 1) + "\t" + code);
                continue;
            }
            principal.append(mdc).append('\t').append(code).append('\n');
            if (currentSite.containsKey(mdc)) {
                sites.append(mdc).append('\t').append(currentSite.get(mdc)).append('\t').append(code).append('\n');
            }
        }
        files.put("mdc_principal_dx.tsv", principal.toString());
        files.put(GrouperTablesReader.MDC_SITES, sites.toString());
        files.put("mdc_rules.tsv", mdcRules(OfficialTablesImport.rows(tables.resolve("mdc_rules.tsv")), siteListsOfMdc, notes));

        List<String[]> adrgRules = OfficialTablesImport.rows(tables.resolve("adrg_rules.tsv"));
        Set<String> labelled = adrgRules.stream().filter(r -> r[4].contains(LABELLED_LISTS_MARKER)).map(r -> r[2])
                .collect(Collectors.toSet());
        files.put("adrg_rules.tsv", adrgRules(adrgRules, ambiguousGroups, notes));
        List<String[]> entries = new ArrayList<>();
        for (String[] r : labelledProcedureLists(OfficialTablesImport.rows(tables.resolve("adrg_entry_codes.tsv")), labelled)) {
            if ((r[1].startsWith("adrg_zd") || r[1].startsWith("adrg_ss")) && mdcOfAdrg.containsKey(r[0])) {
                entries.add(r);
            }
        }
        StringBuilder entryText = new StringBuilder("adrg\tlist\tcode\n");
        entries.forEach(e -> entryText.append(e[0]).append('\t').append(e[1]).append('\t').append(e[2]).append('\n'));
        files.put("adrg_entry_codes.tsv", entryText.toString());
        Map<String, String> groups = new LinkedHashMap<>();
        OfficialTablesImport.rows(tables.resolve("drg_groups.tsv")).forEach(g -> groups.put(g[0], g[1]));
        Set<String> or = new HashSet<>();
        OfficialTablesImport.rows(tables.resolve("valid_or_procedures.tsv")).forEach(r -> or.add(r[0]));
        return new ImportedGrouper(LAYOUT, files, mdcOfAdrg, groups, entries, or, notes);
    }

    /** The MDC table with MDCZ's (any MDC's) site rule added: two or more sites among the diagnoses. */
    private static String mdcRules(List<String[]> rows, Map<String, List<String>> siteLists, List<String> notes) {
        StringBuilder out = new StringBuilder("# MDC decision table imported from the national tables; see OpenDrgLayout.mdcRules\n")
                .append("mdc_order\tmdc\tmatch_rule\tcondition\n");
        for (String[] r : rows) {
            String condition = r[3];
            List<String> sites = siteLists.get(r[1]);
            if (sites != null && sites.size() >= 2) {
                condition = condition + " && count(" + sites.stream().map(s -> "intersect(zdList," + s + ")")
                        .collect(Collectors.joining(",")) + ")>=2";
                notes.add(r[1] + " needs two or more of its " + sites.size() + " body sites among the diagnoses");
            }
            out.append(r[0]).append('\t').append(r[1]).append('\t').append(OfficialTablesImport.clean(r[2])).append('\t')
                    .append(condition).append('\n');
        }
        return out.toString();
    }

    /**
     * The ADRG decision table as the grouper reads it:
     * <ul>
     * <li>The extractor cut the multi-procedure ADRGs (JA1, JA2, NA1) in the middle of their Java:
     * their procedure list {@code adrg_ss} is paired, row by row, with group labels in {@code adrg_ss1},
     * and the condition asks which labelled groups the case's procedures hit. The pairing becomes one
     * list per label ({@code adrg_ss_g1}, {@code adrg_ss_g2}, …) and the condition
     * {@code ss_matched.contains("n")} becomes {@code intersect(ssList,adrg_ss_gn)}.</li>
     * <li>With {@code ambiguousGroups}, an ambiguous group (歧义组, xQY) per body-system MDC: a case the
     * MDC's surgical ADRGs do not take but which has a valid OR procedure. The national CHS-DRG 1.1
     * tables (and OpenDRG's grouper) have none; some regions use them. One row is added just before the
     * MDC's first medical ADRG (second letter R–Z); not for MDCA, P, Y, Z, M, N, which are tried first
     * and whose principal lists overlap the body systems, so a case they do not take goes on.</li>
     * </ul>
     */
    static String adrgRules(List<String[]> rows, boolean ambiguousGroups, List<String> notes) {
        StringBuilder out = new StringBuilder("# ADRG decision table imported from the national tables; see OpenDrgLayout.adrgRules\n")
                .append("mdc\tadrg_order_in_mdc\tadrg\tmatch_rule\tcondition\tdrg_candidates_in_order\n");
        Set<String> withQy = new HashSet<>();
        int rewritten = 0;
        for (String[] r : rows) {
            String mdc = r[0];
            int order = Integer.parseInt(r[1].trim()) * 10;
            String adrg = r[2];
            String condition = r[4];
            if (condition.contains(LABELLED_LISTS_MARKER)) {
                condition = condition.substring(condition.indexOf("if (") + 4)
                        .replaceAll("ss_matched\\.contains\\(\"(\\w+)\"\\)", "intersect(ssList,adrg_ss_g$1)");
                rewritten++;
            }
            boolean medical = adrg.length() == 3 && adrg.charAt(1) >= 'R';
            if (ambiguousGroups && medical && !NO_AMBIGUOUS_GROUP.contains(mdc) && withQy.add(mdc)) {
                String qy = mdc.substring(3) + "QY";
                out.append(mdc).append('\t').append(order - 5).append('\t').append(qy).append("\t歧义组\t")
                        .append("intersect(ssList,SS_VALID)\t").append(qy).append('\n');
            }
            out.append(mdc).append('\t').append(order).append('\t').append(adrg).append('\t')
                    .append(OfficialTablesImport.clean(r[3])).append('\t').append(condition).append('\t').append(r[5]).append('\n');
        }
        notes.add(rewritten + " multi-procedure ADRG conditions rewritten from labelled procedure lists; "
                + (ambiguousGroups ? withQy.size() + " ambiguous-group (QY) rows added before the medical ADRGs"
                : "no ambiguous groups (QY), as in the national scheme"));
        return out.toString();
    }

    /** Pairs {@code adrg_ss} with the labels in {@code adrg_ss1}, row by row, for the labelled ADRGs. */
    private static List<String[]> labelledProcedureLists(List<String[]> entryRows, Set<String> labelled) {
        List<String[]> out = new ArrayList<>();
        Map<String, List<String>> codes = new LinkedHashMap<>();
        Map<String, List<String>> labels = new HashMap<>();
        for (String[] r : entryRows) {
            if (!labelled.contains(r[0])) {
                out.add(r);
            } else if (r[1].equals("adrg_ss")) {
                codes.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[2]);
            } else if (r[1].equals("adrg_ss1")) {
                labels.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[2]);
            } else {
                out.add(r);
            }
        }
        codes.forEach((adrg, list) -> {
            List<String> l = labels.getOrDefault(adrg, List.of());
            if (l.size() != list.size()) {
                throw new IllegalArgumentException("ADRG " + adrg + ": " + list.size() + " codes in adrg_ss but " + l.size()
                        + " labels in adrg_ss1; they must pair row by row");
            }
            for (int i = 0; i < list.size(); i++) {
                out.add(new String[] {adrg, "adrg_ss_g" + l.get(i).trim(), list.get(i)});
            }
        });
        return out;
    }
}
