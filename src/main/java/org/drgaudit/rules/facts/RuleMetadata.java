package org.drgaudit.rules.facts;

import java.util.Map;
import org.kie.api.definition.rule.Rule;

/** Reads a rule's {@code @name("value")} annotations, whatever quoting the DRL parser left on them. */
public final class RuleMetadata {

    private RuleMetadata() {
    }

    public static String text(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The Chinese name: the rule name without its leading id ("HC-01 主要诊断…" → "主要诊断…"). */
    public static String nameOf(Rule rule) {
        String id = text(rule.getMetaData(), "id");
        String name = rule.getName();
        return id != null && name.startsWith(id) ? name.substring(id.length()).trim() : name;
    }
}
