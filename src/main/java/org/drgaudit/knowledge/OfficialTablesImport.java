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
import java.util.regex.Matcher;
import org.drgaudit.shared.DomainException;

/**
 * Turns official grouper tables and a weights file ({@code drg_code, relative_weight, drg_name}) into a
 * complete knowledge-base folder: the same hospitals and parameters as the base folder, pointed at the
 * imported grouper version and catalogue. Two layouts are read: CHS-DRG 1.x in OpenDRG's encoding
 * ({@code chs-drg-opendrg/v1.1/}, {@link OpenDrgLayout}) and CHS-DRG 2.0 ({@code chs-drg-2.0/},
 * {@link Chs20Layout}); the 医保版 dictionaries come from an {@code icd/} folder (by default the
 * tables' sibling, else {@code chs-drg-opendrg/icd/} beside them). Nothing is written inside the
 * repository; the folder goes where the caller says (under the data directory), and the service runs
 * on it with {@code drgaudit.knowledge-dir}.
 *
 * <p>What the official tables do not carry is derived, and the summary says how much: weights of
 * groups the weights file lacks (from their ADRG siblings by severity, else the MDC's mean), standard
 * costs (weight × cost per weight) and average stays (from the weight), code restrictions by ICD
 * chapter (pregnancy O codes female 12–55 years, perinatal P codes 28 days, sex-specific chapters),
 * and dictionary entries for the entry codes the dictionaries lack (older codes the tables still use,
 * named after the code they map to, and codes newer than the dictionary), so no entry code is dropped.
 */
public final class OfficialTablesImport {

    private static final Map<Character, Double> SEVERITY_FACTOR = Map.of('1', 1.4, '3', 1.1, '5', 0.9, '9', 1.0);

    /**
     * What to import and where.
     *
     * @param icdDir          the 医保版 dictionaries; null for the tables' sibling {@code icd/}, else {@code chs-drg-opendrg/icd/}
     * @param ambiguousGroups add an ambiguous group (QY) per body-system MDC; the national schemes have none
     */
    public record Request(Path tablesDir, Path icdDir, Path weightsFile, Path baseKnowledgeDir, Path output,
                          String grouperVersion, String catalogue, BigDecimal costPerWeight, boolean ambiguousGroups) {
    }

    /** What was imported and what had to be derived. */
    public record Summary(String folder, String layout, String grouperVersion, String catalogue, int groups, int weightedFromFile,
                          int weightDerivedFromSiblings, int weightDerivedFromMdc, int diagnoses, int procedures,
                          int entryCodesAddedToDictionaries, List<String> notes) {
    }

    private OfficialTablesImport() {
    }

    /** The national tables without ambiguous groups, dictionaries beside the tables. */
    public static Summary run(Path tablesDir, Path weightsFile, Path baseKnowledgeDir, Path output, String grouperVersion,
                              String catalogue, BigDecimal costPerWeight) {
        return run(new Request(tablesDir, null, weightsFile, baseKnowledgeDir, output, grouperVersion, catalogue, costPerWeight, false));
    }

    public static Summary run(Request request) {
        try {
            return write(request);
        } catch (IOException e) {
            throw new UncheckedIOException("Official tables import failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("The official tables in '" + request.tablesDir() + "' cannot be imported: " + e.getMessage());
        }
    }

    /** The 医保版 dictionaries for a tables folder: given, the tables' sibling icd/, or chs-drg-opendrg/icd/ beside them. */
    static Path icdDir(Request r) {
        if (r.icdDir() != null) {
            return r.icdDir();
        }
        Path sibling = r.tablesDir().toAbsolutePath().normalize().resolveSibling("icd");
        if (Files.isDirectory(sibling)) {
            return sibling;
        }
        return r.tablesDir().toAbsolutePath().normalize().resolveSibling("chs-drg-opendrg").resolve("icd");
    }

    private static Summary write(Request request) throws IOException {
        Path tables = request.tablesDir();
        String version = request.grouperVersion();
        String catalogue = request.catalogue();
        Path icd = icdDir(request);
        if (!Files.isRegularFile(icd.resolve("yb2_icd10_diagnoses.tsv")) || !Files.isRegularFile(icd.resolve("yb2_icd9cm3_procedures.tsv"))) {
            throw new IllegalArgumentException("no 医保版 dictionaries (yb2_icd10_diagnoses.tsv, yb2_icd9cm3_procedures.tsv) in '" + icd
                    + "'; give their folder as icdDir");
        }
        ImportedGrouper grouper;
        if (OpenDrgLayout.recognises(tables)) {
            grouper = OpenDrgLayout.read(tables, request.ambiguousGroups());
        } else if (Chs20Layout.recognises(tables)) {
            grouper = Chs20Layout.read(tables, request.ambiguousGroups());
        } else {
            throw new IllegalArgumentException("the folder is in neither known layout (CHS-DRG 1.x with mdc_principal_dx.tsv and "
                    + "adrg_rules.tsv, or CHS-DRG 2.0 with mdc_identifying_dx.tsv, adrg_rules.tsv and drg_groups.tsv)");
        }
        List<String> notes = new ArrayList<>(grouper.notes());
        SortedMap<String, String> files = new TreeMap<>();
        String dir = "grouper/" + version + "/";
        grouper.files().forEach((name, text) -> files.put(dir + name, text));

        // dictionaries with restrictions by ICD chapter, and the entry codes they lack
        Map<String, String> dxNames = new LinkedHashMap<>();
        rows(icd.resolve("yb2_icd10_diagnoses.tsv")).forEach(r -> dxNames.put(r[0], clean(r[1])));
        Map<String, String> procNames = new LinkedHashMap<>();
        rows(icd.resolve("yb2_icd9cm3_procedures.tsv")).forEach(r -> procNames.put(r[0], clean(r[1])));
        int added = addMissing(grouper.entries(), dxNames, procNames, icd, notes);
        StringBuilder d = new StringBuilder("# 医保版 ICD-10 2.0 diagnoses (imported); sex and age restrictions derived by ICD chapter\n")
                .append("code\tname\tsex\tmin_age_years\tmax_age_years\tmax_age_days\tnot_principal\n");
        dxNames.forEach((code, name) -> d.append(code).append('\t').append(name).append('\t').append(diagnosisRestrictions(code)).append("\t\n"));
        files.put("dictionaries/diagnoses.tsv", d.toString());
        Set<String> or = grouper.orProcedures();
        StringBuilder p = new StringBuilder("# 医保版 ICD-9-CM-3 2.0 procedures (imported); operating_room from the valid OR list, sex by chapter\n")
                .append("code\tname\tsex\toperating_room\n");
        procNames.forEach((code, name) -> p.append(code).append('\t').append(name).append('\t').append(procedureSex(code)).append('\t')
                .append(or.contains(code) ? "Y" : "N").append('\n'));
        files.put("dictionaries/procedures.tsv", p.toString());

        // catalogue: weights from the file, the rest derived
        Map<String, BigDecimal> weights = new HashMap<>();
        for (String[] r : rows(request.weightsFile())) {
            if (r.length > 1 && !r[1].isBlank()) {
                weights.put(r[0], new BigDecimal(r[1].trim()));
            }
        }
        Map<String, String> mdcOfAdrg = grouper.mdcOfAdrg();
        Map<String, List<String>> byAdrg = new LinkedHashMap<>();
        grouper.groups().keySet().forEach(g -> byAdrg.computeIfAbsent(g.substring(0, 3), k -> new ArrayList<>()).add(g));
        Map<String, List<BigDecimal>> mdcWeights = new HashMap<>();
        grouper.groups().keySet().stream().filter(weights::containsKey).forEach(g -> mdcWeights
                .computeIfAbsent(mdcOfAdrg.getOrDefault(g.substring(0, 3), "?"), k -> new ArrayList<>())
                .add(normalised(g, weights.get(g))));
        int fromFile = 0;
        int fromSiblings = 0;
        int fromMdc = 0;
        StringBuilder cat = new StringBuilder("# DRG catalogue imported from ").append(request.weightsFile().getFileName())
                .append("; weights missing there are derived (see the importer), standard_cost = weight × ")
                .append(request.costPerWeight().toPlainString()).append(", avg_los derived from the weight\n")
                .append("drg_code\tdrg_name\tweight\tstandard_cost\tavg_los\n");
        List<BigDecimal> all = mdcWeights.values().stream().flatMap(List::stream).toList();
        BigDecimal overall = mean(all);
        for (Map.Entry<String, String> g : grouper.groups().entrySet()) {
            String code = g.getKey();
            BigDecimal w = weights.get(code);
            if (w != null) {
                fromFile++;
            } else {
                List<BigDecimal> siblings = byAdrg.get(code.substring(0, 3)).stream().filter(weights::containsKey)
                        .map(s -> normalised(s, weights.get(s))).toList();
                if (!siblings.isEmpty()) {
                    w = scaled(code, mean(siblings));
                    fromSiblings++;
                } else {
                    List<BigDecimal> mdc = mdcWeights.get(mdcOfAdrg.getOrDefault(code.substring(0, 3), "?"));
                    w = scaled(code, mdc == null || mdc.isEmpty() ? overall : mean(mdc));
                    fromMdc++;
                }
            }
            double los = Math.round((2.5 + 3.5 * Math.pow(w.doubleValue(), 0.7)) * 10) / 10.0;
            cat.append(code).append('\t').append(clean(g.getValue())).append('\t').append(w.toPlainString()).append('\t')
                    .append(w.multiply(request.costPerWeight()).setScale(2, RoundingMode.HALF_UP).toPlainString()).append('\t')
                    .append(los).append('\n');
        }
        files.put("catalogue/" + catalogue + ".tsv", cat.toString());
        notes.add(fromFile + " group weights from " + request.weightsFile().getFileName() + ", " + fromSiblings
                + " derived from ADRG siblings, " + fromMdc + " from the MDC mean");

        // surgical-letter ADRGs whose entry procedures include no OR procedure are entered by procedure, not surgery
        Map<String, Boolean> hasOr = new HashMap<>();
        for (String[] r : grouper.entries()) {
            if (r[1].startsWith("adrg_ss")) {
                hasOr.merge(r[0], or.contains(r[2]), Boolean::logicalOr);
            }
        }
        List<String> nonSurgical = mdcOfAdrg.keySet().stream().sorted()
                .filter(a -> a.charAt(1) >= 'A' && a.charAt(1) <= 'J' && !hasOr.getOrDefault(a, false)).toList();
        notes.add(nonSurgical.size() + " ADRGs with a surgical letter are entered without an OR procedure: "
                + "mismatch.nonSurgicalAdrgs lists them");

        // hospitals and parameters of the base folder, pointed at the imported tables
        Path base = request.baseKnowledgeDir();
        files.put("hospitals.tsv", Files.readString(base.resolve("hospitals.tsv"), StandardCharsets.UTF_8));
        try (var params = Files.list(base.resolve("parameters"))) {
            for (Path f : params.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8)
                        .replaceAll("(?m)^catalogue: .*$", Matcher.quoteReplacement("catalogue: " + catalogue))
                        .replaceAll("(?m)^grouperVersion: .*$", Matcher.quoteReplacement("grouperVersion: " + version))
                        .replaceAll("(?m)^  nonSurgicalAdrgs: .*$",
                                Matcher.quoteReplacement("  nonSurgicalAdrgs: [" + String.join(", ", nonSurgical) + "]"));
                files.put("parameters/" + f.getFileName(), text);
                notes.addAll(adrgsNotInTables(f.getFileName().toString(), text, mdcOfAdrg.keySet(), version));
            }
        }

        KnowledgeSnapshot checked = KnowledgeSnapshot.parse(0, "(import check)", files);
        for (var f : files.entrySet()) {
            Path target = request.output().resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        return new Summary(request.output().toString(), grouper.layout(), version, catalogue, grouper.groups().size(), fromFile,
                fromSiblings, fromMdc, checked.diagnoses().size(), checked.procedures().size(), added, notes);
    }

    /**
     * The ADRG codes a parameters file names (keys ending in {@code Adrgs}) that the imported tables do not have: a
     * year's parameters are written for its grouper version (long ventilation is AH1 in 1.1 and AH2 in 2.0), so a
     * file re-pointed at other tables must be reviewed, and the summary says where.
     */
    static List<String> adrgsNotInTables(String file, String yaml, Set<String> adrgs, String version) {
        List<String> notes = new ArrayList<>();
        Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*(\\w*Adrgs):\\s*\\[([^\\]]*)]").matcher(yaml);
        while (m.find()) {
            List<String> absent = java.util.Arrays.stream(m.group(2).split(","))
                    .map(String::trim).filter(c -> !c.isEmpty() && !adrgs.contains(c)).toList();
            if (!absent.isEmpty()) {
                notes.add("parameters/" + file + ": " + m.group(1) + " names " + absent + ", which " + version
                        + " does not have; that year's parameters were written for other tables: set its ADRG codes for "
                        + version + " before using it");
            }
        }
        return notes;
    }

    /**
     * Adds to the dictionaries the entry codes they lack, so that no entry code is dropped: an older code
     * the tables still use is named after the 医保版 2.0 code it maps to ({@code dx_code_map.tsv},
     * {@code proc_code_map.tsv}); any other is marked as used by the scheme but not in the dictionary.
     */
    private static int addMissing(List<String[]> entries, Map<String, String> dxNames, Map<String, String> procNames, Path icd,
                                  List<String> notes) throws IOException {
        Map<String, String> dxMap = map(icd.resolve("dx_code_map.tsv"));
        Map<String, String> procMap = map(icd.resolve("proc_code_map.tsv"));
        List<String> addedDx = new ArrayList<>();
        List<String> addedProc = new ArrayList<>();
        for (String[] e : entries) {
            boolean procedure = e[1].startsWith("adrg_ss");
            Map<String, String> names = procedure ? procNames : dxNames;
            String code = e[2];
            if (names.containsKey(code)) {
                continue;
            }
            String to = (procedure ? procMap : dxMap).get(code);
            String name = to != null && !to.equals(code) && names.containsKey(to)
                    ? names.get(to) + "（旧编码，医保版 2.0 为 " + to + "）"
                    : "（分组方案使用、医保版 2.0 字典未收录的编码）";
            names.put(code, name);
            (procedure ? addedProc : addedDx).add(code);
        }
        if (!addedDx.isEmpty() || !addedProc.isEmpty()) {
            notes.add((addedDx.size() + addedProc.size()) + " entry codes are not in the 医保版 dictionaries and were added to them "
                    + "(diagnoses " + String.join(", ", addedDx.stream().limit(10).toList()) + (addedDx.size() > 10 ? ", …" : "")
                    + "; procedures " + String.join(", ", addedProc.stream().limit(10).toList()) + (addedProc.size() > 10 ? ", …" : "") + ")");
        }
        return addedDx.size() + addedProc.size();
    }

    private static Map<String, String> map(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (Files.isRegularFile(file)) {
            rows(file).forEach(r -> {
                if (r.length > 1) {
                    out.put(r[0], r[1]);
                }
            });
        }
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

    static String clean(String s) {
        return s.replace('\t', ' ').replace("#", "＃").strip();
    }

    static List<String[]> rows(Path file) throws IOException {
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
