package org.drgaudit.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;

/**
 * The files of a rule-base version by area: {@code rules} (the DRL files and {@code rule-settings.yaml} of
 * rules-drl/), {@code knowledge} (knowledge-base/) and {@code test-cases} (the golden cases). A path inside a version
 * is written {@code <area>/<path in the area>}, e.g. {@code rules/mismatch.drl}, {@code knowledge/parameters/demo-2024.yaml}.
 */
public record VersionFiles(SortedMap<String, String> rules, SortedMap<String, String> knowledge,
                           SortedMap<String, String> testCases) {

    public static final String RULES = "rules";
    public static final String KNOWLEDGE = "knowledge";
    public static final String TEST_CASES = "test-cases";
    public static final List<String> AREAS = List.of(RULES, KNOWLEDGE, TEST_CASES);
    /** The rules' settings that are metadata, not DRL: each rule's mode (shadow) as published. */
    public static final String RULE_SETTINGS = "rule-settings.yaml";

    public VersionFiles {
        rules = Collections.unmodifiableSortedMap(new TreeMap<>(rules));
        knowledge = Collections.unmodifiableSortedMap(new TreeMap<>(knowledge));
        testCases = Collections.unmodifiableSortedMap(new TreeMap<>(testCases));
    }

    /** The files of one area. */
    public SortedMap<String, String> area(String area) {
        return switch (area) {
            case RULES -> rules;
            case KNOWLEDGE -> knowledge;
            case TEST_CASES -> testCases;
            default -> throw unknownArea(area);
        };
    }

    /** Every file by its full path ({@code area/path}). */
    public SortedMap<String, String> all() {
        SortedMap<String, String> all = new TreeMap<>();
        for (String area : AREAS) {
            area(area).forEach((path, text) -> all.put(area + "/" + path, text));
        }
        return all;
    }

    /** The same files with one file written (text) or removed (null), by its full path. */
    public VersionFiles with(String fullPath, String text) {
        String[] parts = split(fullPath);
        SortedMap<String, String> r = new TreeMap<>(rules);
        SortedMap<String, String> k = new TreeMap<>(knowledge);
        SortedMap<String, String> t = new TreeMap<>(testCases);
        SortedMap<String, String> target = switch (parts[0]) {
            case RULES -> r;
            case KNOWLEDGE -> k;
            default -> t;
        };
        if (text == null) {
            target.remove(parts[1]);
        } else {
            target.put(parts[1], text);
        }
        return new VersionFiles(r, k, t);
    }

    public VersionFiles withRules(SortedMap<String, String> files) {
        return new VersionFiles(files, knowledge, testCases);
    }

    public VersionFiles withKnowledge(SortedMap<String, String> files) {
        return new VersionFiles(rules, files, testCases);
    }

    public VersionFiles withTestCases(SortedMap<String, String> files) {
        return new VersionFiles(rules, knowledge, files);
    }

    /** One hash over every path and content: two versions with equal hashes have the same files. */
    public String contentHash() {
        StringBuilder sb = new StringBuilder();
        all().forEach((path, text) -> sb.append(path).append('\u0000').append(CanonicalJson.sha256(text)).append('\n'));
        return CanonicalJson.sha256(sb.toString());
    }

    /** {area, path in the area} of a full path; 400 when the area is not one of the three or the path is unsafe. */
    public static String[] split(String fullPath) {
        String p = fullPath == null ? "" : fullPath.strip();
        int slash = p.indexOf('/');
        if (slash < 0 || !AREAS.contains(p.substring(0, slash))) {
            throw DomainException.badRequest("File path '" + fullPath + "' must start with rules/, knowledge/ or test-cases/ "
                    + "(e.g. rules/mismatch.drl, knowledge/parameters/demo-2024.yaml, test-cases/mismatch/DP-03-hit/expected.json).");
        }
        String rest = p.substring(slash + 1);
        if (rest.isEmpty() || rest.startsWith("/") || rest.contains("\\") || List.of(rest.split("/")).contains("..")) {
            throw DomainException.badRequest("File path '" + fullPath + "' is not a plain relative path inside its area.");
        }
        if (p.startsWith(RULES + "/") && !rest.endsWith(".drl") && !rest.equals(RULE_SETTINGS)) {
            throw DomainException.badRequest("A rules file is a .drl file or " + RULE_SETTINGS + ", not '" + rest + "'.");
        }
        return new String[] {p.substring(0, slash), rest};
    }

    private static DomainException unknownArea(String area) {
        return DomainException.badRequest("Unknown area '" + area + "'; the areas are " + AREAS + ".");
    }

    /** The three folders on disk (missing test-case folder: no golden cases). */
    public static VersionFiles fromDisk(Path rulesDir, Path knowledgeDir, Path testCasesDir) {
        return new VersionFiles(RuleBaseService.readFolder(rulesDir),
                org.drgaudit.knowledge.KnowledgeService.readFolder(knowledgeDir), readTestCases(testCasesDir));
    }

    /** The golden-case files of a folder: each case's cases.ndjson, outpatient.ndjson and expected.json. */
    public static SortedMap<String, String> readTestCases(Path dir) {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".ndjson")) {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the golden cases at " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Size of each file, for listings. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> out = new TreeMap<>();
        all().forEach((p, t) -> out.put(p, t.getBytes(StandardCharsets.UTF_8).length));
        return out;
    }
}
