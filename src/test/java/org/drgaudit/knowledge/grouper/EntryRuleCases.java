package org.drgaudit.knowledge.grouper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cases built to meet one ADRG's entry rule, read straight from the CHS-DRG 2.0 source tables
 * ({@code adrg_rules.tsv}: sections, logic, flags; {@code adrg_entry_codes.tsv};
 * {@code adrg_required_procedure_groups.tsv}; {@code mdc_identifying_dx.tsv}) and not from the
 * importer's output, so the import's translation is checked too. For an ADRG, one alternative of its
 * rule is chosen (the logic in disjunctive form: {@code 或} alternatives of {@code +} conjunctions), a
 * code is drawn for each section of it and put where the section says (principal or other diagnosis,
 * principal or any procedure), and the case is completed so that it can enter the ADRG's MDC: a
 * principal diagnosis of the MDC when the rule names none, the sex of MDCM/MDCN/MDCO, a newborn's age
 * and birth weight in the band of the ADRG's name, an HIV diagnosis for MDCY, a second severe trauma
 * site for MDCZ.
 */
final class EntryRuleCases {

    /** One ADRG of the source tables: its MDC, name and the alternatives of its entry rule. */
    record Rule(String adrg, String mdc, String name, List<List<Part>> alternatives) {
    }

    /** A section to satisfy: where its code goes, and the codes it may take. */
    record Part(Place place, List<String> codes) {
    }

    enum Place { PRINCIPAL_DX, OTHER_DX, ANY_DX, PRINCIPAL_PROC, ANY_PROC, SOME_PROC, NO_PROC }

    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)\\s*g");
    private static final Pattern BOUND = Pattern.compile("([＜<＞>])\\s*(\\d+)\\s*g");

    final Map<String, Rule> rules = new LinkedHashMap<>();
    final Map<String, List<String>> mdcLists = new LinkedHashMap<>();
    final Map<String, List<String>> sites = new LinkedHashMap<>();
    final Set<String> invalidPrincipalProcedures = new HashSet<>();
    private final List<String> allProcedures;

    EntryRuleCases(Path dir) throws IOException {
        for (String[] r : rows(dir.resolve("mdc_identifying_dx.tsv"))) {
            mdcLists.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[2]);
            if (!r[1].isBlank()) {
                sites.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[2]);
            }
        }
        rows(dir.resolve("principal_proc_invalid.tsv")).forEach(r -> invalidPrincipalProcedures.add(r[0]));
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        for (String[] r : rows(dir.resolve("adrg_entry_codes.tsv"))) {
            sections.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[3]);
        }
        Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
        for (String[] r : rows(dir.resolve("adrg_required_procedure_groups.tsv"))) {
            groups.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[2]);
        }
        Set<String> procs = new LinkedHashSet<>();
        sections.values().forEach(m -> m.forEach((name, codes) -> {
            if (name.contains("手术")) {
                procs.addAll(codes);
            }
        }));
        allProcedures = new ArrayList<>(procs);
        for (String[] r : rows(dir.resolve("adrg_rules.tsv"))) {
            String adrg = r[0];
            Map<String, List<String>> own = sections.getOrDefault(adrg, Map.of());
            String flags = r.length > 6 ? r[6] : "";
            List<List<Part>> alternatives = new ArrayList<>();
            if (groups.containsKey(adrg)) {
                List<Part> all = new ArrayList<>();
                groups.get(adrg).values().forEach(codes -> all.add(new Part(Place.SOME_PROC, codes)));
                alternatives.add(all);
            } else if (flags.contains("referencedADRGs")) {
                boolean required = flags.contains("requiredReferencedADRGs");
                String key = required ? "requiredReferencedADRGs=" : "referencedADRGs=";
                String refs = flags.substring(flags.indexOf(key) + key.length()).split(";")[0];
                List<Part> all = new ArrayList<>();
                for (String ref : refs.split(",")) {
                    List<String> codes = new ArrayList<>();
                    sections.getOrDefault(ref.strip(), Map.of()).forEach((name, c) -> {
                        if (name.contains("手术")) {
                            codes.addAll(c);
                        }
                    });
                    Part p = new Part(Place.SOME_PROC, codes);
                    if (required) {
                        all.add(p);
                    } else {
                        alternatives.add(List.of(p));
                    }
                }
                if (required) {
                    alternatives.add(all);
                }
            } else if (flags.contains("anyProcedureRequired")) {
                alternatives.add(List.of(new Part(Place.SOME_PROC, allProcedures)));
            } else if (flags.contains("zeroProceduresRequired")) {
                alternatives.add(List.of(new Part(Place.NO_PROC, List.of())));
            } else if (!r[3].isBlank()) {
                alternatives.addAll(new Logic(r[3], own).dnf());
            } else {
                List<Part> dx = new ArrayList<>();
                List<Part> pr = new ArrayList<>();
                own.forEach((name, codes) -> (name.contains("手术") ? pr : dx).add(part(name, codes)));
                if (dx.isEmpty() || pr.isEmpty()) {
                    (dx.isEmpty() ? pr : dx).forEach(p -> alternatives.add(List.of(p)));
                } else {
                    dx.forEach(d -> pr.forEach(p -> alternatives.add(List.of(d, p))));
                }
            }
            rules.put(adrg, new Rule(adrg, "MDC" + r[2], r[1], alternatives));
        }
    }

    /** A case meeting one alternative of the ADRG's rule, or null when the drawn codes cannot be put in a valid order. */
    GroupingCase build(String adrg, SplittableRandom rnd) {
        Rule rule = rules.get(adrg);
        List<Part> alternative = rule.alternatives().get(rnd.nextInt(rule.alternatives().size()));
        String principal = null;
        List<String> others = new ArrayList<>();
        String principalProc = null;
        List<String> procs = new ArrayList<>();
        boolean noProcedure = false;
        for (Part p : alternative) {
            String code = p.codes().isEmpty() ? null : p.codes().get(rnd.nextInt(p.codes().size()));
            switch (p.place()) {
                case PRINCIPAL_DX -> {
                    if (principal != null && !principal.equals(code)) {
                        // two principal sections in one alternative: only a code in both can meet it
                        List<String> both = new ArrayList<>(p.codes());
                        both.retainAll(List.of(principal));
                        if (both.isEmpty()) {
                            return null;
                        }
                    }
                    principal = code;
                }
                case OTHER_DX -> others.add(code);
                case ANY_DX -> {
                    if (principal == null && rnd.nextBoolean()) {
                        principal = code;
                    } else {
                        others.add(code);
                    }
                }
                case PRINCIPAL_PROC -> {
                    if (principalProc != null && !principalProc.equals(code)) {
                        return null;
                    }
                    principalProc = code;
                }
                case ANY_PROC, SOME_PROC -> procs.add(code);
                case NO_PROC -> noProcedure = true;
            }
        }
        String mdc = rule.mdc();
        if (mdc.equals("MDCZ")) {
            List<String> siteNames = new ArrayList<>(sites.keySet());
            String first = principal != null ? siteOf(principal) : siteNames.get(rnd.nextInt(siteNames.size()));
            if (principal == null) {
                principal = pick(sites.get(first), rnd);
            }
            String second;
            do {
                second = siteNames.get(rnd.nextInt(siteNames.size()));
            } while (second.equals(first));
            others.add(pick(sites.get(second), rnd));
        }
        if (principal == null) {
            List<String> list = mdcLists.get(mdc);
            principal = list != null && !list.isEmpty() ? pick(list, rnd)
                    : pick(mdcLists.get(List.of("MDCB", "MDCE", "MDCF", "MDCG", "MDCI").get(rnd.nextInt(5))), rnd);
        }
        if (mdc.equals("MDCY") && !mdcLists.get("MDCY").contains(principal) && others.stream().noneMatch(mdcLists.get("MDCY")::contains)) {
            others.add(pick(mdcLists.get("MDCY"), rnd));
        }
        List<String> procedures = new ArrayList<>();
        if (principalProc != null) {
            procedures.add(principalProc);
        }
        procedures.addAll(procs);
        if (noProcedure) {
            procedures.clear();
        }
        if (principalProc == null && !procedures.isEmpty() && invalidPrincipalProcedures.contains(procedures.get(0))) {
            procedures.sort(Comparator.comparing(invalidPrincipalProcedures::contains));
            if (invalidPrincipalProcedures.contains(procedures.get(0))) {
                return null;
            }
        }
        String sex = switch (mdc) {
            case "MDCM" -> "M";
            case "MDCN", "MDCO" -> "F";
            default -> rnd.nextBoolean() ? "M" : "F";
        };
        if (mdc.equals("MDCP")) {
            String n = rule.name().replace('（', '(').replace('）', ')');
            int days = n.contains("29天≤") ? 29 + rnd.nextInt(330) : rnd.nextInt(29);
            int weight = 2500 + rnd.nextInt(1500);
            Matcher range = RANGE.matcher(n);
            Matcher bound = BOUND.matcher(n);
            if (range.find()) {
                int lo = Integer.parseInt(range.group(1));
                weight = lo + rnd.nextInt(Integer.parseInt(range.group(2)) - lo + 1);
            } else if (bound.find()) {
                int limit = Integer.parseInt(bound.group(2));
                weight = bound.group(1).matches("[＜<]") ? 500 + rnd.nextInt(limit - 500) : limit + 1 + rnd.nextInt(2000);
            }
            return new GroupingCase(principal, others, procedures, sex, 0, days, weight, null, null);
        }
        return new GroupingCase(principal, others, procedures, sex, 18 + rnd.nextInt(70), null, null, null, null);
    }

    private String siteOf(String dx) {
        return sites.entrySet().stream().filter(e -> e.getValue().contains(dx)).map(Map.Entry::getKey).findFirst().orElse("");
    }

    private static String pick(List<String> l, SplittableRandom rnd) {
        return l.get(rnd.nextInt(l.size()));
    }

    private static Part part(String section, List<String> codes) {
        String s = section.strip();
        Place place = s.startsWith("主要诊断") ? Place.PRINCIPAL_DX : s.startsWith("其他诊断") ? Place.OTHER_DX
                : s.startsWith("诊断") ? Place.ANY_DX : s.startsWith("主要手术") ? Place.PRINCIPAL_PROC : Place.ANY_PROC;
        return new Part(place, codes);
    }

    /** An entry logic ({@code A+B 或 （C或D）+E}) in disjunctive form; section names may themselves contain 或. */
    private static final class Logic {
        private final String text;
        private final Map<String, List<String>> sections;
        private final List<String> names;
        private int pos;

        Logic(String text, Map<String, List<String>> sections) {
            this.text = text.replaceAll("\\s+", " ");
            this.sections = sections;
            this.names = sections.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }

        List<List<Part>> dnf() {
            List<List<Part>> out = or();
            skip();
            if (pos != text.length()) {
                throw new IllegalArgumentException("cannot read '" + text + "' at " + pos);
            }
            return out;
        }

        private List<List<Part>> or() {
            List<List<Part>> out = new ArrayList<>(and());
            while (true) {
                skip();
                if (pos < text.length() && text.charAt(pos) == '或' && !atSection()) {
                    pos++;
                    out.addAll(and());
                } else {
                    return out;
                }
            }
        }

        private List<List<Part>> and() {
            List<List<Part>> out = factor();
            while (true) {
                skip();
                if (pos < text.length() && text.charAt(pos) == '+') {
                    pos++;
                    List<List<Part>> right = factor();
                    List<List<Part>> product = new ArrayList<>();
                    for (List<Part> l : out) {
                        for (List<Part> r : right) {
                            List<Part> both = new ArrayList<>(l);
                            both.addAll(r);
                            product.add(both);
                        }
                    }
                    out = product;
                } else {
                    return out;
                }
            }
        }

        private List<List<Part>> factor() {
            skip();
            char c = text.charAt(pos);
            if (c == '（' || c == '(') {
                pos++;
                List<List<Part>> inner = or();
                skip();
                pos++;
                return inner;
            }
            for (String n : names) {
                if (text.startsWith(n.replaceAll("\\s+", " "), pos)) {
                    pos += n.replaceAll("\\s+", " ").length();
                    return List.of(List.of(part(n, sections.get(n))));
                }
            }
            throw new IllegalArgumentException("no section at '" + text.substring(pos) + "'");
        }

        private boolean atSection() {
            return names.stream().anyMatch(n -> text.startsWith(n.replaceAll("\\s+", " "), pos));
        }

        private void skip() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i).split("\t", -1));
            }
        }
        return out;
    }
}
