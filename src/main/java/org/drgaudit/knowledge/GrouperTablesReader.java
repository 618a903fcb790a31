package org.drgaudit.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** Reads one grouper version's folder in the layout of the national CHS-DRG tables. */
final class GrouperTablesReader {

    private GrouperTablesReader() {
    }

    static GrouperTables read(String version, SortedMap<String, String> files, List<KnowledgeError> errors) {
        String dir = "grouper/" + version + "/";
        Map<String, String[]> adrgHeads = new LinkedHashMap<>();
        Map<String, List<String>> zd = new HashMap<>();
        Map<String, List<String>> ss = new HashMap<>();
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
            } else if (list.equals("adrg_zd")) {
                zd.computeIfAbsent(adrg, k -> new ArrayList<>()).add(code);
            } else if (list.startsWith("adrg_ss")) {
                ss.computeIfAbsent(adrg, k -> new ArrayList<>()).add(code);
            }
        });
        Map<String, AdrgEntry> adrgs = new LinkedHashMap<>();
        adrgHeads.forEach((code, head) -> adrgs.put(code, new AdrgEntry(code, head[0], head[1],
                List.copyOf(zd.getOrDefault(code, List.of())), List.copyOf(ss.getOrDefault(code, List.of())))));

        Map<String, String> drgNames = new LinkedHashMap<>();
        table(files, dir + "drg_groups.tsv", List.of("drg_code", "drg_name"), errors)
                .forEach(r -> drgNames.put(r.required("drg_code"), r.required("drg_name")));
        Map<String, Integer> mcc = exclusionList(files, dir + "mcc.tsv", "dx_code", errors);
        Map<String, Integer> cc = exclusionList(files, dir + "cc.tsv", "dx_code", errors);
        Map<String, Integer> principal = exclusionList(files, dir + "cc_exclusion_principal_dx.tsv", "principal_dx_code", errors);
        Map<String, Set<String>> mdcs = new HashMap<>();
        table(files, dir + "mdc_principal_dx.tsv", List.of("mdc", "dx_code"), errors)
                .forEach(r -> mdcs.computeIfAbsent(r.required("dx_code"), k -> new HashSet<>()).add(r.required("mdc")));
        return new GrouperTables(version, Collections.unmodifiableMap(adrgs), drgNames, mcc, cc, principal, mdcs);
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
