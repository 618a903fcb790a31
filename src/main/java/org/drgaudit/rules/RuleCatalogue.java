package org.drgaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.CanonicalJson;

/**
 * Writes the rule catalogue (docs/rules.md, and {@code GET /api/rules/catalogue}) from the rules'
 * own metadata and the current parameter values, so the document cannot drift from the rules.
 */
public final class RuleCatalogue {

    private static final Map<String, String> FAMILIES = Map.of(
            "high-coding", "高套分组 high-coding",
            "mismatch", "诊断与操作不符 diagnosis/procedure mismatch",
            "split-admission", "分解住院 split admission",
            "too-little-service", "服务不足 too-little-service",
            "special-case", "特例单议 special case",
            "data-quality", "数据质量 data quality");

    private RuleCatalogue() {
    }

    public static String markdown(List<RuleInfo> rules, List<PolicyParameters> policies) {
        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue (规则目录)\n\n")
                .append("Generated from the metadata of the rules in `rules-drl/` and the parameter files in ")
                .append("`knowledge-base/parameters/`; do not edit by hand. `GET /api/rules/catalogue` serves the same ")
                .append("for the active rule base. Regenerate with ")
                .append("`mvn -q test -Dtest=RuleCatalogueTest -Ddocs.update=true`.\n\n")
                .append("| id | 名称 | family | result type | severity | file |\n|---|---|---|---|---|---|\n");
        for (RuleInfo r : rules) {
            md.append("| ").append(r.id()).append(" | ").append(r.name()).append(" | ").append(r.family())
                    .append(" | ").append(r.resultType()).append(" | ").append(r.severity()).append(" | `")
                    .append(r.file()).append("` |\n");
        }
        String family = null;
        for (RuleInfo r : rules.stream().sorted((a, b) -> (a.family() + a.id()).compareTo(b.family() + b.id())).toList()) {
            if (!r.family().equals(family)) {
                family = r.family();
                md.append("\n## ").append(FAMILIES.getOrDefault(family, family)).append("\n");
            }
            md.append("\n### ").append(r.id()).append(" ").append(r.name()).append("\n\n")
                    .append(r.sentence()).append("\n\n")
                    .append("- Result type: ").append(r.resultType()).append("; severity: ").append(r.severity())
                    .append(r.mode() == null ? "" : "; mode: " + r.mode()).append("\n")
                    .append("- Basis (依据): ").append(r.basis()).append("\n")
                    .append("- In force: ").append(r.since() == null ? "always" : "from " + r.since())
                    .append(r.until() == null ? "" : " until " + r.until()).append(" (by discharge date)\n")
                    .append("- Explanation: ").append(r.explanation() == null ? "written by the rule's consequence"
                            : "template `" + r.explanation().replace("`", "'") + "`, then the money sentence").append("\n");
            if (r.parameters() != null && !r.parameters().isBlank()) {
                md.append("- Parameters:\n");
                for (String path : r.parameters().split(",")) {
                    md.append("  - `").append(path.strip()).append("`: ").append(values(path.strip(), policies)).append("\n");
                }
            }
        }
        return md.toString();
    }

    /** The value of a parameter path in every region and year, e.g. "demo 2024: 15". */
    private static String values(String path, List<PolicyParameters> policies) {
        Map<String, String> byRegion = new TreeMap<>();
        for (PolicyParameters p : policies) {
            JsonNode node = CanonicalJson.MAPPER.valueToTree(p);
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null && p.typeOf(path) != null) {
                // a parameter declared in the file (ruleParameters): its value and what it means
                node = CanonicalJson.MAPPER.valueToTree(p.param(path));
            }
            byRegion.put(p.getRegion() + " " + p.getYear(), node == null ? "(not set)" : node.isTextual() ? node.asText() : CanonicalJson.write(node));
        }
        StringBuilder sb = new StringBuilder();
        byRegion.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append(": ").append(v));
        return sb.toString();
    }
}
