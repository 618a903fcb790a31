package org.drgaudit.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns official grouper tables in the layout of the national CHS-DRG tables (a version folder such
 * as {@code chs-drg-opendrg/v1.1/} with its {@code ../icd/} dictionaries) and a weights file
 * ({@code drg_code, relative_weight, drg_name}) into a complete knowledge-base folder: the same
 * hospitals and parameters as the base folder, pointed at the imported grouper version and catalogue.
 * Nothing is written inside the repository; the folder goes where the caller says (under the data
 * directory), and the service runs on it with {@code drgaudit.knowledge-dir}.
 *
 * <p>What the official tables do not carry is derived, and the summary says how much: weights of
 * groups the weights file lacks (from their ADRG siblings by severity, else the MDC's mean), standard
 * costs (weight × cost per weight) and average stays (from the weight), and code restrictions by
 * ICD chapter (pregnancy O codes female 12–55 years, perinatal P codes 28 days, sex-specific chapters).
 */
public final class OfficialTablesImport {

    private static final Map<Character, Double> SEVERITY_FACTOR = Map.of('1', 1.4, '3', 1.1, '5', 0.9, '9', 1.0);
    private static final String LABELLED_LISTS_MARKER = "ss_matched";
    /** Pre-MDC and the MDCs tried before the body-system MDCs, whose lists overlap them: a case they do not take goes on. */
    private static final Set<String> NO_AMBIGUOUS_GROUP = Set.of("MDCA", "MDCP", "MDCY", "MDCZ", "MDCM", "MDCN");
    private static final List<String> SAME_LAYOUT = List.of("mcc.tsv", "cc.tsv", "cc_exclusion_principal_dx.tsv",
            "mdc_principal_dx.tsv", "drg_groups.tsv");

    /** What was imported and what had to be derived. */
    public record Summary(String folder, String grouperVersion, String catalogue, int groups, int weightedFromFile,
                          int weightDerivedFromSiblings, int weightDerivedFromMdc, int diagnoses, int procedures,
                          int entryCodesDropped, List<String> notes) {
    }

    private OfficialTablesImport() {
    }

    public static Summary run(Path tablesDir, Path weightsFile, Path baseKnowledgeDir, Path output, String grouperVersion,
                              String catalogue, BigDecimal costPerWeight) {
        try {
            return write(tablesDir, weightsFile, baseKnowledgeDir, output, grouperVersion, catalogue, costPerWeight);
        } catch (IOException e) {
            throw new UncheckedIOException("Official tables import failed: " + e.getMessage(), e);
        }
    }

    private static Summary write(Path tables, Path weightsFile, Path base, Path out, String version, String catalogue,
                                 BigDecimal costPerWeight) throws IOException {
        List<String> notes = new ArrayList<>();
        Path icd = tables.resolveSibling("icd");
        SortedMap<String, String> files = new TreeMap<>();

        // dictionaries with restrictions by ICD chapter
        List<String[]> dx = rows(icd.resolve("yb2_icd10_diagnoses.tsv"));
        StringBuilder d = new StringBuilder("# 医保版 ICD-10 2.0 diagnoses (imported); sex and age restrictions derived by ICD chapter\n")
                .append("code\tname\tsex\tmin_age_years\tmax_age_years\tmax_age_days\tnot_principal\n");
        Set<String> dxCodes = new java.util.HashSet<>();
        for (String[] r : dx) {
            dxCodes.add(r[0]);
            d.append(r[0]).append('\t').append(clean(r[1])).append('\t').append(diagnosisRestrictions(r[0])).append("\t\n");
        }
        files.put("dictionaries/diagnoses.tsv", d.toString());
        Set<String> or = rows(tables.resolve("valid_or_procedures.tsv")).stream().map(r -> r[0]).collect(Collectors.toSet());
        StringBuilder p = new StringBuilder("# 医保版 ICD-9-CM-3 2.0 procedures (imported); operating_room from the valid OR list, sex by chapter\n")
                .append("code\tname\tsex\toperating_room\n");
        Set<String> procCodes = new java.util.HashSet<>();
        for (String[] r : rows(icd.resolve("yb2_icd9cm3_procedures.tsv"))) {
            procCodes.add(r[0]);
            p.append(r[0]).append('\t').append(clean(r[1])).append('\t').append(procedureSex(r[0])).append('\t')
                    .append(or.contains(r[0]) ? "Y" : "N").append('\n');
        }
        files.put("dictionaries/procedures.tsv", p.toString());

        // grouper tables: the same layout is taken as it is; ADRG names and entry codes are shaped
        String dir = "grouper/" + version + "/";
        for (String name : SAME_LAYOUT) {
            files.put(dir + name, Files.readString(tables.resolve(name), StandardCharsets.UTF_8));
        }
        StringBuilder adrgs = new StringBuilder("adrg\tmdc\tname\n");
        Map<String, String> mdcOfAdrg = new HashMap<>();
        for (String[] r : rows(tables.resolve("adrg_names_derived.tsv"))) {
            adrgs.append(r[0]).append('\t').append(r[1]).append('\t').append(clean(r[2])).append('\n');
            mdcOfAdrg.put(r[0], r[1]);
        }
        files.put(dir + "adrgs.tsv", adrgs.toString());
        List<String[]> adrgRules = rows(tables.resolve("adrg_rules.tsv"));
        Set<String> labelled = adrgRules.stream().filter(r -> r[4].contains(LABELLED_LISTS_MARKER)).map(r -> r[2])
                .collect(Collectors.toSet());
        List<String[]> entryRows = labelledProcedureLists(rows(tables.resolve("adrg_entry_codes.tsv")), labelled);
        StringBuilder entries = new StringBuilder("adrg\tlist\tcode\n");
        int dropped = 0;
        for (String[] r : entryRows) {
            boolean diagnosis = r[1].startsWith("adrg_zd");
            boolean procedure = r[1].startsWith("adrg_ss");
            if (!diagnosis && !procedure || !mdcOfAdrg.containsKey(r[0])) {
                continue;
            }
            if (diagnosis && !dxCodes.contains(r[2]) || procedure && !procCodes.contains(r[2])) {
                dropped++;
                continue;
            }
            entries.append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append('\n');
        }
        files.put(dir + "adrg_rules.tsv", adrgRules(adrgRules, notes));
        files.put(dir + "mdc_rules.tsv", Files.readString(tables.resolve("mdc_rules.tsv"), StandardCharsets.UTF_8));
        files.put(dir + "drg_rules.tsv", Files.readString(tables.resolve("drg_rules.tsv"), StandardCharsets.UTF_8));
        files.put(dir + "valid_or_procedures.tsv", Files.readString(tables.resolve("valid_or_procedures.tsv"), StandardCharsets.UTF_8));
        files.put(dir + "adrg_entry_codes.tsv", entries.toString());
        if (dropped > 0) {
            notes.add(dropped + " ADRG entry codes are not in the 医保版 dictionaries and were left out");
        }

        // catalogue: weights from the file, the rest derived
        Map<String, BigDecimal> weights = new HashMap<>();
        for (String[] r : rows(weightsFile)) {
            if (r.length > 1 && !r[1].isBlank()) {
                weights.put(r[0], new BigDecimal(r[1].trim()));
            }
        }
        List<String[]> groups = rows(tables.resolve("drg_groups.tsv"));
        Map<String, List<String>> byAdrg = new LinkedHashMap<>();
        groups.forEach(g -> byAdrg.computeIfAbsent(g[0].substring(0, 3), k -> new ArrayList<>()).add(g[0]));
        Map<String, List<BigDecimal>> mdcWeights = new HashMap<>();
        groups.stream().filter(g -> weights.containsKey(g[0])).forEach(g -> mdcWeights
                .computeIfAbsent(mdcOfAdrg.getOrDefault(g[0].substring(0, 3), "?"), k -> new ArrayList<>())
                .add(normalised(g[0], weights.get(g[0]))));
        int fromFile = 0;
        int fromSiblings = 0;
        int fromMdc = 0;
        StringBuilder cat = new StringBuilder("# DRG catalogue imported from ").append(weightsFile.getFileName())
                .append("; weights missing there are derived (see the importer), standard_cost = weight × ")
                .append(costPerWeight.toPlainString()).append(", avg_los derived from the weight\n")
                .append("drg_code\tdrg_name\tweight\tstandard_cost\tavg_los\n");
        List<BigDecimal> all = mdcWeights.values().stream().flatMap(List::stream).toList();
        BigDecimal overall = mean(all);
        for (String[] g : groups) {
            BigDecimal w = weights.get(g[0]);
            if (w != null) {
                fromFile++;
            } else {
                List<BigDecimal> siblings = byAdrg.get(g[0].substring(0, 3)).stream().filter(weights::containsKey)
                        .map(s -> normalised(s, weights.get(s))).toList();
                if (!siblings.isEmpty()) {
                    w = scaled(g[0], mean(siblings));
                    fromSiblings++;
                } else {
                    List<BigDecimal> mdc = mdcWeights.get(mdcOfAdrg.getOrDefault(g[0].substring(0, 3), "?"));
                    w = scaled(g[0], mdc == null || mdc.isEmpty() ? overall : mean(mdc));
                    fromMdc++;
                }
            }
            double los = Math.round((2.5 + 3.5 * Math.pow(w.doubleValue(), 0.7)) * 10) / 10.0;
            cat.append(g[0]).append('\t').append(clean(g[1])).append('\t').append(w.toPlainString()).append('\t')
                    .append(w.multiply(costPerWeight).setScale(2, RoundingMode.HALF_UP).toPlainString()).append('\t')
                    .append(los).append('\n');
        }
        files.put("catalogue/" + catalogue + ".tsv", cat.toString());
        notes.add(fromFile + " group weights from " + weightsFile.getFileName() + ", " + fromSiblings
                + " derived from ADRG siblings, " + fromMdc + " from the MDC mean");

        // surgical-letter ADRGs whose entry procedures include no OR procedure are entered by procedure, not surgery
        Map<String, Boolean> hasOr = new HashMap<>();
        for (String line : entries.toString().split("\n")) {
            String[] r = line.split("\t");
            if (r.length == 3 && r[1].startsWith("adrg_ss")) {
                hasOr.merge(r[0], or.contains(r[2]), Boolean::logicalOr);
            }
        }
        List<String> nonSurgical = mdcOfAdrg.keySet().stream().sorted()
                .filter(a -> a.charAt(1) >= 'A' && a.charAt(1) <= 'J' && !hasOr.getOrDefault(a, false)).toList();
        notes.add(nonSurgical.size() + " ADRGs with a surgical letter are entered without an OR procedure: "
                + "mismatch.nonSurgicalAdrgs lists them");

        // hospitals and parameters of the base folder, pointed at the imported tables
        files.put("hospitals.tsv", Files.readString(base.resolve("hospitals.tsv"), StandardCharsets.UTF_8));
        try (var params = Files.list(base.resolve("parameters"))) {
            for (Path f : params.filter(x -> x.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8)
                        .replaceAll("(?m)^catalogue: .*$", java.util.regex.Matcher.quoteReplacement("catalogue: " + catalogue))
                        .replaceAll("(?m)^grouperVersion: .*$", java.util.regex.Matcher.quoteReplacement("grouperVersion: " + version))
                        .replaceAll("(?m)^  nonSurgicalAdrgs: .*$",
                                java.util.regex.Matcher.quoteReplacement("  nonSurgicalAdrgs: [" + String.join(", ", nonSurgical) + "]"));
                files.put("parameters/" + f.getFileName(), text);
            }
        }

        KnowledgeSnapshot checked = KnowledgeSnapshot.parse(0, "(import check)", files);
        for (var f : files.entrySet()) {
            Path target = out.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        return new Summary(out.toString(), version, catalogue, groups.size(), fromFile, fromSiblings, fromMdc,
                checked.diagnoses().size(), checked.procedures().size(), dropped, notes);
    }

    /**
     * The ADRG decision table as the grouper reads it. Two things are added to the extracted table:
     * <ul>
     * <li>The extractor cut the multi-procedure ADRGs (JA1, JA2, NA1) in the middle of their Java:
     * their procedure list {@code adrg_ss} is paired, row by row, with group labels in {@code adrg_ss1},
     * and the condition asks which labelled groups the case's procedures hit. The pairing becomes one
     * list per label ({@code adrg_ss_g1}, {@code adrg_ss_g2}, …) and the condition
     * {@code ss_matched.contains("n")} becomes {@code intersect(ssList,adrg_ss_gn)}.</li>
     * <li>CHS-DRG 1.1 specifies an ambiguous group (歧义组, xQY) per MDC: a case the MDC's surgical
     * ADRGs do not take but which has a valid OR procedure. The extracted table leaves them off; one
     * row per body-system MDC is added just before the MDC's first medical ADRG (second letter R–Z);
     * not for MDCA, P, Y, Z, M, N, which are tried first and whose principal lists overlap the body
     * systems, so a case they do not take must go on to the next MDC.
     * Delete those rows to group as the extracted table does.</li>
     * </ul>
     */
    private static String adrgRules(List<String[]> rows, List<String> notes) {
        StringBuilder out = new StringBuilder("# ADRG decision table imported from the national tables; see OfficialTablesImport.adrgRules\n")
                .append("mdc\tadrg_order_in_mdc\tadrg\tmatch_rule\tcondition\tdrg_candidates_in_order\n");
        Set<String> withQy = new java.util.HashSet<>();
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
            if (medical && !NO_AMBIGUOUS_GROUP.contains(mdc) && withQy.add(mdc)) {
                String qy = mdc.substring(3) + "QY";
                out.append(mdc).append('\t').append(order - 5).append('\t').append(qy).append("\t歧义组\t")
                        .append("intersect(ssList,SS_VALID)\t").append(qy).append('\n');
            }
            out.append(mdc).append('\t').append(order).append('\t').append(adrg).append('\t').append(clean(r[3])).append('\t')
                    .append(condition).append('\t').append(r[5]).append('\n');
        }
        notes.add(withQy.size() + " ambiguous-group (QY) rows added before the medical ADRGs; " + rewritten
                + " multi-procedure ADRG conditions rewritten from labelled procedure lists");
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

    /** The weight a group would have at severity 9, so siblings of any severity can be averaged. */
    private static BigDecimal normalised(String drg, BigDecimal weight) {
        return weight.divide(BigDecimal.valueOf(SEVERITY_FACTOR.getOrDefault(drg.charAt(3), 1.0)), 6, RoundingMode.HALF_UP);
    }

    private static BigDecimal scaled(String drg, BigDecimal normalised) {
        return normalised.multiply(BigDecimal.valueOf(SEVERITY_FACTOR.getOrDefault(drg.charAt(3), 1.0)))
                .setScale(4, RoundingMode.HALF_UP);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(Math.max(1, values.size())), 6, RoundingMode.HALF_UP);
    }

    /** sex, min_age_years, max_age_years, max_age_days by ICD-10 chapter and block. */
    static String diagnosisRestrictions(String code) {
        String block = code.length() >= 3 ? code.substring(0, 3) : code;
        char chapter = block.charAt(0);
        if (chapter == 'O') {
            return "F\t12\t55\t";
        }
        if (chapter == 'P') {
            return "\t\t\t28";
        }
        if (between(block, "C51", "C58") || between(block, "N70", "N98") || between(block, "D25", "D28")) {
            return "F\t\t\t";
        }
        if (between(block, "C60", "C63") || between(block, "N40", "N51")) {
            return "M\t\t\t";
        }
        return "\t\t\t";
    }

    static String procedureSex(String code) {
        int chapter = code.length() >= 2 && Character.isDigit(code.charAt(0)) && Character.isDigit(code.charAt(1))
                ? Integer.parseInt(code.substring(0, 2)) : -1;
        if (chapter >= 60 && chapter <= 64) {
            return "M";
        }
        return chapter >= 65 && chapter <= 75 ? "F" : "";
    }

    private static boolean between(String block, String from, String to) {
        return block.compareTo(from) >= 0 && block.compareTo(to) <= 0;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace("#", "＃").strip();
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i).split("\t", -1));
            }
        }
        return out;
    }
}
