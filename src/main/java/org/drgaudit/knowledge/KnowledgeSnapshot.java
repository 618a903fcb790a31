package org.drgaudit.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * One immutable, fully checked version of the knowledge base in memory: dictionaries, grouper
 * tables, group catalogues, policy parameters and the hospital registry. Built from the files'
 * text, so the same version can be rebuilt from the database at any time.
 */
public final class KnowledgeSnapshot {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final int versionId;
    private final String label;
    private final Map<String, DiagnosisEntry> diagnoses;
    private final Map<String, ProcedureEntry> procedures;
    private final Map<String, GrouperTables> groupers;
    private final Map<String, Map<String, GroupEntry>> catalogues;
    private final List<PolicyParameters> policies;
    private final List<KnowledgeHospital> hospitals;
    private final List<KnowledgeSet> sets;

    private KnowledgeSnapshot(int versionId, String label, Map<String, DiagnosisEntry> diagnoses,
                              Map<String, ProcedureEntry> procedures, Map<String, GrouperTables> groupers,
                              Map<String, Map<String, GroupEntry>> catalogues, List<PolicyParameters> policies,
                              List<KnowledgeHospital> hospitals) {
        this.versionId = versionId;
        this.label = label;
        this.diagnoses = diagnoses;
        this.procedures = procedures;
        this.groupers = groupers;
        this.catalogues = catalogues;
        this.policies = policies;
        this.hospitals = hospitals;
        this.sets = policies.stream()
                .sorted(java.util.Comparator.comparing(PolicyParameters::getRegion).thenComparing(PolicyParameters::getEffectiveFrom))
                .map(p -> new KnowledgeSet(p.getName(), p, groupers.get(p.getGrouperVersion()), catalogue(p.getCatalogue())))
                .toList();
    }

    /** A hospital of the knowledge base's registry file. */
    public record KnowledgeHospital(String code, String name, int level, String type, String region,
                                    String allianceCode, BigDecimal coefficient) {
    }

    /** The same content stamped with the version it was stored as. */
    KnowledgeSnapshot as(int id, String versionLabel) {
        return new KnowledgeSnapshot(id, versionLabel, diagnoses, procedures, groupers, catalogues, policies, hospitals);
    }

    public int versionId() {
        return versionId;
    }

    public String label() {
        return label;
    }

    public DiagnosisEntry diagnosis(String code) {
        return diagnoses.get(code);
    }

    public ProcedureEntry procedure(String code) {
        return procedures.get(code);
    }

    public Map<String, DiagnosisEntry> diagnoses() {
        return diagnoses;
    }

    public Map<String, ProcedureEntry> procedures() {
        return procedures;
    }

    public GrouperTables grouper(String version) {
        return groupers.get(version);
    }

    /** Every grouper version of the knowledge base, by version. */
    public Map<String, GrouperTables> groupers() {
        return groupers;
    }

    public Map<String, GroupEntry> catalogue(String name) {
        return catalogues.getOrDefault(name, Map.of());
    }

    public Set<String> catalogueNames() {
        return catalogues.keySet();
    }

    public List<PolicyParameters> policies() {
        return policies;
    }

    public List<KnowledgeHospital> hospitals() {
        return hospitals;
    }

    /** Every dated set (parameters, grouper version, catalogue), by region and start date. */
    public List<KnowledgeSet> sets() {
        return sets;
    }

    /** The dated sets of a region, earliest first. */
    public List<KnowledgeSet> sets(String region) {
        return sets.stream().filter(s -> s.region().equals(region)).toList();
    }

    /**
     * The set of a region in force on a date, or null when none covers it. There is no nearest-year fallback: a date
     * outside every set is for the caller to report (a sweep counts it as skipped; an API call says what is missing).
     */
    public KnowledgeSet setFor(String region, LocalDate date) {
        if (region == null || date == null) {
            return null;
        }
        for (KnowledgeSet s : sets) {
            if (s.region().equals(region) && s.covers(date)) {
                return s;
            }
        }
        return null;
    }

    /** The region's sets as a message names them, e.g. "demo-2024（2024-01-01 至 2024-12-31，CHS-DRG-1.1）、…"; "无" when none. */
    public String coverage(String region) {
        List<KnowledgeSet> of = sets(region);
        return of.isEmpty() ? "无" : String.join("、", of.stream().map(KnowledgeSet::describe).toList());
    }

    /**
     * The set in force, or a 422 saying what is missing: the region, the date, the sets there are and what to add.
     * {@code purpose} completes "无法…" (e.g. "为病例 C1 计价").
     */
    public KnowledgeSet requireSet(String region, LocalDate date, String purpose) {
        KnowledgeSet s = setFor(region, date);
        if (s == null) {
            throw new org.drgaudit.shared.DomainException(422, "No knowledge set in force",
                    "知识库 " + label + " 没有地区 " + region + " 在 " + date + " 适用的知识库版本（政策参数、分组版本、病组目录），无法"
                    + purpose + "。该地区现有版本：" + coverage(region) + "。请在 knowledge-base/parameters/ 增加覆盖该日期的参数文件"
                    + "（写明 effectiveFrom、effectiveTo、grouperVersion、catalogue），并提供其分组表与病组目录。"
                    + " No knowledge set of region '" + region + "' covers " + date + ".");
        }
        return s;
    }

    /** Parses and cross-checks the files (path relative to the knowledge directory → text). */
    public static KnowledgeSnapshot parse(int versionId, String label, SortedMap<String, String> files) {
        List<KnowledgeError> errors = new ArrayList<>();
        Map<String, DiagnosisEntry> diagnoses = new HashMap<>();
        Map<String, ProcedureEntry> procedures = new HashMap<>();
        Map<String, Map<String, GroupEntry>> catalogues = new LinkedHashMap<>();
        List<PolicyParameters> policies = new ArrayList<>();
        List<KnowledgeHospital> hospitals = new ArrayList<>();
        Map<String, SortedMap<String, String>> grouperFiles = new LinkedHashMap<>();

        files.forEach((path, text) -> {
            if (path.equals("hospitals.tsv")) {
                hospitals.addAll(hospitals(path, text, errors));
            } else if (path.equals("dictionaries/diagnoses.tsv")) {
                diagnoses.putAll(diagnoses(path, text, errors));
            } else if (path.equals("dictionaries/procedures.tsv")) {
                procedures.putAll(procedures(path, text, errors));
            } else if (path.startsWith("catalogue/") && path.endsWith(".tsv")) {
                catalogues.put(baseName(path), catalogue(path, text, errors));
            } else if (path.startsWith("parameters/") && (path.endsWith(".yaml") || path.endsWith(".yml"))) {
                PolicyParameters p = parameters(path, text, errors);
                if (p != null) {
                    policies.add(p.named(baseName(path)));
                }
            } else if (path.startsWith("grouper/") && path.endsWith(".tsv") && path.split("/").length == 3) {
                grouperFiles.computeIfAbsent(path.split("/")[1], v -> new java.util.TreeMap<>()).put(path, text);
            }
        });
        Map<String, GrouperTables> groupers = new LinkedHashMap<>();
        grouperFiles.forEach((version, texts) -> groupers.put(version, GrouperTablesReader.read(version, texts, errors)));

        crossCheck(diagnoses, procedures, groupers, catalogues, policies, hospitals, errors);
        if (!errors.isEmpty()) {
            throw new KnowledgeBaseInvalidException(errors);
        }
        return new KnowledgeSnapshot(versionId, label, Collections.unmodifiableMap(diagnoses),
                Collections.unmodifiableMap(procedures), groupers, catalogues, List.copyOf(policies), List.copyOf(hospitals));
    }

    private static void crossCheck(Map<String, DiagnosisEntry> diagnoses, Map<String, ProcedureEntry> procedures,
                                   Map<String, GrouperTables> groupers, Map<String, Map<String, GroupEntry>> catalogues,
                                   List<PolicyParameters> policies, List<KnowledgeHospital> hospitals,
                                   List<KnowledgeError> errors) {
        if (diagnoses.isEmpty()) {
            errors.add(new KnowledgeError("dictionaries/diagnoses.tsv", null, "is missing or empty"));
        }
        if (policies.isEmpty()) {
            errors.add(new KnowledgeError("parameters/", null, "no parameters file (*.yaml) found"));
        }
        Set<String> regions = new HashSet<>();
        for (PolicyParameters p : policies) {
            String file = "parameters/ (" + p.getRegion() + " " + p.getYear() + ")";
            if (!catalogues.containsKey(p.getCatalogue())) {
                errors.add(new KnowledgeError(file, null, "catalogue '" + p.getCatalogue() + "' has no file catalogue/" + p.getCatalogue() + ".tsv"));
            }
            if (p.getGrouperVersion() != null && !groupers.containsKey(p.getGrouperVersion())) {
                errors.add(new KnowledgeError(file, null, "grouper version '" + p.getGrouperVersion() + "' has no folder grouper/" + p.getGrouperVersion() + "/"));
            }
            if (!regions.add(p.getRegion() + "/" + p.getYear())) {
                errors.add(new KnowledgeError(file, null, "a second parameters file for the same region and year"));
            }
            GrouperTables g = groupers.get(p.getGrouperVersion());
            Map<String, GroupEntry> cat = catalogues.get(p.getCatalogue());
            if (g != null && cat != null && !g.drgNames().isEmpty()) {
                // a catalogue written in another version's codes would price every case as "not in the catalogue"
                List<String> foreign = cat.keySet().stream().filter(code -> !g.drgNames().containsKey(code)).sorted().toList();
                if (!foreign.isEmpty()) {
                    errors.add(new KnowledgeError("catalogue/" + p.getCatalogue() + ".tsv", null, "groups " + foreign
                            + " are not DRGs of grouper version " + p.getGrouperVersion() + ", which parameters/" + p.getName()
                            + ".yaml pairs the catalogue with"));
                }
            }
        }
        // the dated sets of a region must not overlap: one set, and only one, is in force on any day
        for (int i = 0; i < policies.size(); i++) {
            for (int j = i + 1; j < policies.size(); j++) {
                PolicyParameters a = policies.get(i);
                PolicyParameters b = policies.get(j);
                if (a.getRegion().equals(b.getRegion()) && !a.getEffectiveTo().isBefore(b.getEffectiveFrom())
                        && !b.getEffectiveTo().isBefore(a.getEffectiveFrom())) {
                    errors.add(new KnowledgeError("parameters/" + b.getName() + ".yaml", null, "its period " + b.getEffectiveFrom()
                            + " to " + b.getEffectiveTo() + " overlaps parameters/" + a.getName() + ".yaml (" + a.getEffectiveFrom()
                            + " to " + a.getEffectiveTo() + ") of the same region '" + a.getRegion()
                            + "'; a day must have exactly one set in force"));
                }
            }
        }
        for (KnowledgeHospital h : hospitals) {
            if (policies.stream().noneMatch(p -> p.getRegion().equals(h.region()))) {
                errors.add(new KnowledgeError("hospitals.tsv", null, "hospital " + h.code() + " is in region '" + h.region() + "', which has no parameters file"));
            }
        }
        groupers.values().forEach(g -> {
            String dir = "grouper/" + g.version() + "/";
            g.adrgs().values().forEach(a -> {
                a.principalDiagnoses().stream().filter(dx -> !diagnoses.containsKey(dx)).forEach(dx -> errors.add(
                        new KnowledgeError(dir + "adrg_entry_codes.tsv", null, "diagnosis " + dx + " of " + a.code() + " is not in dictionaries/diagnoses.tsv")));
                a.procedures().stream().filter(pc -> !procedures.containsKey(pc)).forEach(pc -> errors.add(
                        new KnowledgeError(dir + "adrg_entry_codes.tsv", null, "procedure " + pc + " of " + a.code() + " is not in dictionaries/procedures.tsv")));
            });
        });
    }

    private static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<KnowledgeHospital> hospitals(String path, String text, List<KnowledgeError> errors) {
        List<KnowledgeHospital> out = new ArrayList<>();
        TsvTable t = new TsvTable(path, text, List.of("code", "name", "level", "type", "region", "alliance", "coefficient"), errors);
        for (TsvTable.Row r : t.rows()) {
            String code = r.required("code");
            Integer level = r.integer("level");
            BigDecimal coefficient = r.decimal("coefficient", true);
            if (level == null || level < 1 || level > 3) {
                r.error("column 'level' must be 1, 2 or 3");
                continue;
            }
            if (code != null && coefficient != null) {
                out.add(new KnowledgeHospital(code, r.required("name"), level, r.text("type"), r.required("region"),
                        r.text("alliance"), coefficient));
            }
        }
        return out;
    }

    private static Map<String, DiagnosisEntry> diagnoses(String path, String text, List<KnowledgeError> errors) {
        Map<String, DiagnosisEntry> out = new HashMap<>();
        TsvTable t = new TsvTable(path, text, List.of("code", "name", "sex", "min_age_years", "max_age_years", "max_age_days", "not_principal"), errors);
        for (TsvTable.Row r : t.rows()) {
            String code = r.required("code");
            String sex = sex(r);
            var entry = new DiagnosisEntry(code, r.required("name"), sex, r.integer("min_age_years"),
                    r.integer("max_age_years"), r.integer("max_age_days"), r.flag("not_principal"));
            if (code != null && out.put(code, entry) != null) {
                r.error("diagnosis " + code + " is listed twice");
            }
        }
        return out;
    }

    private static Map<String, ProcedureEntry> procedures(String path, String text, List<KnowledgeError> errors) {
        Map<String, ProcedureEntry> out = new HashMap<>();
        TsvTable t = new TsvTable(path, text, List.of("code", "name", "sex", "operating_room"), errors);
        for (TsvTable.Row r : t.rows()) {
            String code = r.required("code");
            var entry = new ProcedureEntry(code, r.required("name"), sex(r), r.flag("operating_room"));
            if (code != null && out.put(code, entry) != null) {
                r.error("procedure " + code + " is listed twice");
            }
        }
        return out;
    }

    private static String sex(TsvTable.Row r) {
        String sex = r.text("sex");
        if (sex != null && !sex.equals("M") && !sex.equals("F")) {
            r.error("column 'sex' must be M, F or empty, not '" + sex + "'");
            return null;
        }
        return sex;
    }

    private static Map<String, GroupEntry> catalogue(String path, String text, List<KnowledgeError> errors) {
        Map<String, GroupEntry> out = new LinkedHashMap<>();
        TsvTable t = new TsvTable(path, text, List.of("drg_code", "drg_name", "weight", "standard_cost", "avg_los"), errors);
        for (TsvTable.Row r : t.rows()) {
            String code = r.required("drg_code");
            BigDecimal weight = r.decimal("weight", true);
            BigDecimal cost = r.decimal("standard_cost", true);
            BigDecimal los = r.decimal("avg_los", true);
            if (code == null || weight == null || cost == null || los == null) {
                continue;
            }
            if (out.put(code, new GroupEntry(code, r.required("drg_name"), weight, cost, los)) != null) {
                r.error("group " + code + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static PolicyParameters parameters(String path, String text, List<KnowledgeError> errors) {
        try {
            PolicyParameters p = YAML.readValue(text, PolicyParameters.class);
            if (p == null) {
                errors.add(new KnowledgeError(path, null, "is empty"));
                return null;
            }
            List<String> missing = p.missing();
            missing.forEach(m -> errors.add(new KnowledgeError(path, null, "value '" + m + "' is missing")));
            if (!missing.isEmpty()) {
                return null;
            }
            List<String> invalid = p.invalid();
            invalid.forEach(m -> errors.add(new KnowledgeError(path, null, "value " + m)));
            return invalid.isEmpty() ? p : null;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            errors.add(new KnowledgeError(path, line > 0 ? line : null, e.getOriginalMessage()));
            return null;
        }
    }
}
