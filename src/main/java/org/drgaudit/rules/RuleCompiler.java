package org.drgaudit.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.rules.facts.RuleMetadata;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles DRL files at run time into the Drools executable model, and checks that every rule carries the metadata
 * the product relies on. Faults come back with file, line and column: the DRL parser's as it reports them; the
 * executable model's, which point into generated Java or nowhere, located back in the DRL by the code they quote.
 * {@code rule-settings.yaml} (published metadata that is not DRL, e.g. a rule switched to shadow mode) is applied to
 * the rules' metadata.
 */
public final class RuleCompiler {

    public static final Set<String> FAMILIES = Set.of("high-coding", "mismatch", "split-admission", "too-little-service",
            "data-quality", "special-case");
    static final Set<String> RESULT_TYPES = Set.of("SUSPICIOUS", "VIOLATION");
    static final Set<String> MODES = Set.of("shadow", "live");
    private static final List<String> REQUIRED = List.of("id", "family", "resultType", "severity", "basis");
    private static final String PREFIX = "src/main/resources/rules/";
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern EXPRESSION = Pattern.compile("(?:expression|Expression):\\s*(.+)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{2,})\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{2,}");
    private static final Set<String> COMMON = Set.of("The", "method", "undefined", "for", "the", "type", "cannot", "resolved",
            "variable", "with", "arguments", "class", "java", "lang", "String", "Method", "missing", "Unable", "parse", "left",
            "part", "expression", "not", "applicable", "and", "Type", "mismatch", "convert", "from", "AuditCase", "org",
            "drgaudit", "rules", "facts", "field", "Field", "operator", "Operator", "argument", "types", "int", "boolean");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    public static CompiledRuleBase compile(SortedMap<String, String> files) {
        SortedMap<String, String> drl = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.endsWith(".drl")) {
                drl.put(path, text);
            }
        });
        if (drl.isEmpty()) {
            throw new RuleBaseInvalidException(List.of(new CompileError("rules-drl/", null, "no .drl file found")));
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId release = ks.newReleaseId("org.drgaudit", "rule-base", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(release);
        drl.forEach((path, text) -> kfs.write(PREFIX + path, text));
        List<CompileError> errors = new ArrayList<>();
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            // the executable model's generator can fail outright on a constraint it cannot coerce
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            errors.add(locate(null, "the rule compiler failed on a condition (" + text + ")", text, drl));
            throw new RuleBaseInvalidException(errors);
        }
        Map<String, String> generated = generatedSources(builder);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String text = m.getText().strip();
            if (text.startsWith("Java source of ") || text.equals("Parser returned a null Package")) {
                continue;
            }
            String path = m.getPath() == null ? null : m.getPath().replace(PREFIX, "").replaceFirst("^rules/", "");
            if (path != null && drl.containsKey(path) && m.getLine() > 0) {
                errors.add(new CompileError(path, m.getLine(), Math.max(1, m.getColumn() + 1), text));
            } else if (path != null && drl.containsKey(path)) {
                errors.add(locate(path, text, text, drl));
            } else {
                // an error in the Java the executable model generated from a rule: find the quoted code in the DRL
                String line = path == null ? null : generatedLine(generated.get(m.getPath()), m.getLine());
                errors.add(locate(null, text, (line == null ? "" : line + "\n") + text, drl));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleBaseInvalidException(errors);
        }
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        ks.getRepository().removeKieModule(release);
        Map<String, Located> sources = locate(drl);
        Map<String, String> modes = modes(files.get(VersionFiles.RULE_SETTINGS), errors);
        List<RuleInfo> rules = describe(kieBase, sources, modes, errors);
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        modes.keySet().stream().filter(id -> !ids.contains(id)).forEach(id -> errors.add(position(VersionFiles.RULE_SETTINGS,
                files.get(VersionFiles.RULE_SETTINGS), id, "rule " + id + " in modes is not a rule of this rule base")));
        if (!errors.isEmpty()) {
            throw new RuleBaseInvalidException(errors);
        }
        Map<String, Boolean> shadow = new HashMap<>();
        rules.forEach(r -> shadow.put(r.id(), "shadow".equals(r.mode())));
        return new CompiledRuleBase(kieBase, files, contentHash(files), rules, Map.copyOf(shadow));
    }

    /** The rules' modes as published in rule-settings.yaml: {@code modes: {RULE-ID: shadow | live}}. */
    static Map<String, String> modes(String settings, List<CompileError> errors) {
        Map<String, String> modes = new LinkedHashMap<>();
        if (settings == null || settings.isBlank()) {
            return modes;
        }
        try {
            JsonNode root = YAML.readTree(settings);
            JsonNode m = root == null ? null : root.get("modes");
            if (root != null && !root.isObject() || root != null && root.fieldNames().hasNext()
                    && (m == null || m.isNull()) ) {
                errors.add(new CompileError(VersionFiles.RULE_SETTINGS, 1, 1, "must hold 'modes:' with one line per rule, e.g. 'TL-04: shadow'"));
                return modes;
            }
            if (m == null || m.isNull()) {
                return modes;
            }
            m.fields().forEachRemaining(e -> {
                String mode = e.getValue().asText();
                if (!MODES.contains(mode)) {
                    errors.add(position(VersionFiles.RULE_SETTINGS, settings, e.getKey(),
                            "mode of " + e.getKey() + " must be shadow or live, not '" + mode + "'"));
                } else {
                    modes.put(e.getKey(), mode);
                }
            });
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            errors.add(new CompileError(VersionFiles.RULE_SETTINGS, at == null ? null : at.getLineNr(),
                    at == null ? null : at.getColumnNr(), e.getOriginalMessage()));
        }
        return modes;
    }

    private record Located(String file, int line, String sentence) {
    }

    /** Where each rule is written, and the plain sentence in the comment lines that open it. */
    private static Map<String, Located> locate(SortedMap<String, String> files) {
        Map<String, Located> out = new HashMap<>();
        files.forEach((path, text) -> {
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = RULE.matcher(lines[i]);
                if (!m.find()) {
                    continue;
                }
                StringBuilder sentence = new StringBuilder();
                for (int j = i + 1; j < lines.length && lines[j].strip().startsWith("//"); j++) {
                    sentence.append(lines[j].strip().substring(2).strip());
                }
                out.put(m.group(1), new Located(path, i + 1, sentence.toString()));
            }
        });
        return out;
    }

    /**
     * A compiler message located in the DRL: the fragment it quotes (the expression it could not parse, the line of
     * generated code, a quoted value, or failing that the first distinctive identifier it names), searched in the
     * given file or in every file.
     */
    static CompileError locate(String file, String message, String quoted, SortedMap<String, String> files) {
        List<String> fragments = new ArrayList<>();
        for (String line : quoted.split("\n")) {
            Matcher e = EXPRESSION.matcher(line.strip());
            if (e.find()) {
                fragments.add(e.group(1).strip());
            }
        }
        String first = quoted.split("\n")[0].strip();
        if (!first.isEmpty() && !first.equals(message)) {
            fragments.add(first);
        }
        Matcher q = QUOTED.matcher(quoted);
        while (q.find()) {
            fragments.add(q.group(1));
        }
        Matcher id = IDENTIFIER.matcher(message);
        while (id.find()) {
            if (!COMMON.contains(id.group())) {
                fragments.add(id.group());
            }
        }
        for (String fragment : fragments) {
            for (var f : files.entrySet()) {
                if (file != null && !file.equals(f.getKey())) {
                    continue;
                }
                CompileError at = find(f.getKey(), f.getValue(), fragment, message);
                if (at != null) {
                    return pointAtName(at, f.getValue(), message);
                }
            }
        }
        return new CompileError(file, null, null, message);
    }

    /** On the located line, the column of the first name the message gives (the unknown method or property), if there. */
    private static CompileError pointAtName(CompileError at, String text, String message) {
        String line = text.split("\n", -1)[at.line() - 1];
        Matcher id = IDENTIFIER.matcher(message);
        while (id.find()) {
            int column = COMMON.contains(id.group()) ? -1 : line.indexOf(id.group());
            if (column >= 0) {
                return new CompileError(at.file(), at.line(), column + 1, at.message());
            }
        }
        return at;
    }

    /** The first occurrence of a fragment (whitespace-insensitive) outside comments, as file, line and column. */
    private static CompileError find(String file, String text, String fragment, String message) {
        String needle = fragment.replaceAll("\\s+", " ").strip();
        if (needle.length() < 3) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.strip().startsWith("//") ? "" : line;
            int at = code.replaceAll("\\s+", " ").indexOf(needle);
            if (at < 0) {
                at = code.indexOf(needle.split(" ")[0]);
                if (at < 0 || !needle.contains(" ") && at < 0) {
                    continue;
                }
                if (!code.replaceAll("\\s+", "").contains(needle.replaceAll("\\s+", ""))) {
                    continue;
                }
            }
            int column = code.indexOf(needle.split(" ")[0]);
            return new CompileError(file, i + 1, (column < 0 ? at : column) + 1, message);
        }
        return null;
    }

    /** A key's line and column in a YAML file, for faults in rule-settings.yaml. */
    private static CompileError position(String file, String text, String key, String message) {
        CompileError at = text == null ? null : find(file, text, key, message);
        return at != null ? at : new CompileError(file, null, null, message);
    }

    /** The generated Java sources the builder quotes in its "Java source of … in error" messages, by path. */
    private static Map<String, String> generatedSources(KieBuilder builder) {
        Map<String, String> out = new HashMap<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String text = m.getText();
            if (text.startsWith("Java source of ")) {
                int end = text.indexOf(" in error:");
                if (end > 0) {
                    out.put(text.substring("Java source of ".length(), end), text.substring(end + " in error:".length()));
                }
            }
        }
        return out;
    }

    /** The statement on a line of generated code, when the builder quoted the source. */
    private static String generatedLine(String source, int line) {
        if (source == null || line <= 0) {
            return null;
        }
        String[] lines = source.split("\n");
        // the quoted source starts with an empty line after "in error:"
        for (int i : new int[] {line, line - 1}) {
            if (i >= 0 && i < lines.length && !lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return null;
    }

    private static List<RuleInfo> describe(KieBase kieBase, Map<String, Located> sources, Map<String, String> modes,
                                           List<CompileError> errors) {
        List<RuleInfo> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Located at = sources.getOrDefault(rule.getName(), new Located(null, 0, ""));
                Map<String, Object> meta = rule.getMetaData();
                Integer line = at.line() > 0 ? at.line() : null;
                for (String key : REQUIRED) {
                    if (RuleMetadata.text(meta, key) == null) {
                        errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\" has no @" + key + " annotation"));
                    }
                }
                String id = RuleMetadata.text(meta, "id");
                String family = RuleMetadata.text(meta, "family");
                String type = RuleMetadata.text(meta, "resultType");
                String mode = RuleMetadata.text(meta, "mode");
                if (family != null && !FAMILIES.contains(family)) {
                    errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\": @family must be one of " + FAMILIES));
                }
                if (type != null && !RESULT_TYPES.contains(type)) {
                    errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\": @resultType must be SUSPICIOUS or VIOLATION"));
                }
                if (mode != null && !MODES.contains(mode)) {
                    errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\": @mode must be shadow or live"));
                }
                if (id != null && !ids.add(id)) {
                    errors.add(new CompileError(at.file(), line, 1, "rule id " + id + " is used by more than one rule"));
                }
                if (id != null && !rule.getName().startsWith(id + " ")) {
                    errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\" must be named \"" + id + " <中文名称>\""));
                }
                if (at.sentence().isEmpty()) {
                    errors.add(new CompileError(at.file(), line, 1, "rule \"" + rule.getName() + "\" must open with its plain sentence as a // comment"));
                }
                String effective = modes.getOrDefault(id, mode);
                rules.add(new RuleInfo(id, RuleMetadata.nameOf(rule), at.sentence(), family, type,
                        RuleMetadata.text(meta, "severity"), RuleMetadata.text(meta, "basis"),
                        RuleMetadata.text(meta, "since"), RuleMetadata.text(meta, "until"),
                        "live".equals(effective) ? null : effective, RuleMetadata.text(meta, "parameters"), at.file(),
                        RuleMetadata.text(meta, "explanation")));
            }
        }
        rules.sort((a, b) -> String.valueOf(a.id()).compareTo(String.valueOf(b.id())));
        return List.copyOf(rules);
    }

    static String contentHash(SortedMap<String, String> files) {
        StringBuilder sb = new StringBuilder();
        files.forEach((path, text) -> sb.append(path).append('\u0000').append(org.drgaudit.shared.CanonicalJson.sha256(text)).append('\n'));
        return org.drgaudit.shared.CanonicalJson.sha256(sb.toString());
    }
}
