package org.drgaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.rules.facts.RuleMetadata;
import org.drgaudit.shared.CanonicalJson;
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
 * Compiles DRL files at run time into the Drools executable model, and checks that every rule
 * carries the metadata the product relies on. Faults come back with file and line.
 */
public final class RuleCompiler {

    public static final Set<String> FAMILIES = Set.of("high-coding", "mismatch", "split-admission", "too-little-service",
            "data-quality", "special-case");
    static final Set<String> RESULT_TYPES = Set.of("SUSPICIOUS", "VIOLATION");
    private static final List<String> REQUIRED = List.of("id", "family", "resultType", "severity", "basis");
    private static final String PREFIX = "src/main/resources/rules/";
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    public static CompiledRuleBase compile(SortedMap<String, String> files) {
        if (files.isEmpty()) {
            throw new RuleBaseInvalidException(List.of(new CompileError("rules-drl/", null, "no .drl file found")));
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId release = ks.newReleaseId("org.drgaudit", "rule-base", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(release);
        files.forEach((path, text) -> kfs.write(PREFIX + path, text));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<CompileError> errors = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? null : m.getPath().replace(PREFIX, "").replaceFirst("^rules/", "");
            errors.add(new CompileError(path, m.getLine() > 0 ? m.getLine() : null, m.getText().strip()));
        }
        if (!errors.isEmpty()) {
            throw new RuleBaseInvalidException(errors);
        }
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        ks.getRepository().removeKieModule(release);
        Map<String, Located> sources = locate(files);
        List<RuleInfo> rules = describe(kieBase, sources, errors);
        if (!errors.isEmpty()) {
            throw new RuleBaseInvalidException(errors);
        }
        return new CompiledRuleBase(kieBase, files, contentHash(files), rules);
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
                    sentence.append(sentence.length() == 0 ? "" : "").append(lines[j].strip().substring(2).strip());
                }
                out.put(m.group(1), new Located(path, i + 1, sentence.toString()));
            }
        });
        return out;
    }

    private static List<RuleInfo> describe(KieBase kieBase, Map<String, Located> sources, List<CompileError> errors) {
        List<RuleInfo> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Located at = sources.getOrDefault(rule.getName(), new Located(null, 0, ""));
                Map<String, Object> meta = rule.getMetaData();
                Integer line = at.line() > 0 ? at.line() : null;
                for (String key : REQUIRED) {
                    if (RuleMetadata.text(meta, key) == null) {
                        errors.add(new CompileError(at.file(), line, "rule \"" + rule.getName() + "\" has no @" + key + " annotation"));
                    }
                }
                String id = RuleMetadata.text(meta, "id");
                String family = RuleMetadata.text(meta, "family");
                String type = RuleMetadata.text(meta, "resultType");
                if (family != null && !FAMILIES.contains(family)) {
                    errors.add(new CompileError(at.file(), line, "rule \"" + rule.getName() + "\": @family must be one of " + FAMILIES));
                }
                if (type != null && !RESULT_TYPES.contains(type)) {
                    errors.add(new CompileError(at.file(), line, "rule \"" + rule.getName() + "\": @resultType must be SUSPICIOUS or VIOLATION"));
                }
                if (id != null && !ids.add(id)) {
                    errors.add(new CompileError(at.file(), line, "rule id " + id + " is used by more than one rule"));
                }
                if (id != null && !rule.getName().startsWith(id + " ")) {
                    errors.add(new CompileError(at.file(), line, "rule \"" + rule.getName() + "\" must be named \"" + id + " <中文名称>\""));
                }
                if (at.sentence().isEmpty()) {
                    errors.add(new CompileError(at.file(), line, "rule \"" + rule.getName() + "\" must open with its plain sentence as a // comment"));
                }
                rules.add(new RuleInfo(id, RuleMetadata.nameOf(rule), at.sentence(), family, type,
                        RuleMetadata.text(meta, "severity"), RuleMetadata.text(meta, "basis"),
                        RuleMetadata.text(meta, "since"), RuleMetadata.text(meta, "until"),
                        RuleMetadata.text(meta, "mode"), RuleMetadata.text(meta, "parameters"), at.file()));
            }
        }
        rules.sort((a, b) -> String.valueOf(a.id()).compareTo(String.valueOf(b.id())));
        return List.copyOf(rules);
    }

    static String contentHash(SortedMap<String, String> files) {
        StringBuilder sb = new StringBuilder();
        files.forEach((path, text) -> sb.append(path).append('\u0000').append(CanonicalJson.sha256(text)).append('\n'));
        return CanonicalJson.sha256(sb.toString());
    }
}
