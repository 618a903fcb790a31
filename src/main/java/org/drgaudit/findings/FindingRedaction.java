package org.drgaudit.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.shared.TextTemplates;
import org.jboss.logging.Logger;

/**
 * Hides what belongs to other hospitals from a finding shown to a hospital user (an alliance finding names both):
 * their case ids and their hospitals' names and codes are masked in the case ids and the evidence, and the explanation
 * is rendered again from the masked evidence with its rule's template (so no finished sentence is edited); a finding
 * without a template has the values replaced in its text.
 */
final class FindingRedaction {

    static final String OTHER = "医共体内其他机构病例";
    static final String OTHER_HOSPITAL = "医共体内其他机构";
    private static final Logger LOG = Logger.getLogger(FindingRedaction.class);

    private FindingRedaction() {
    }

    /** The masks for the cases of other hospitals: each case id, and each hospital's code and name. */
    static Map<String, String> masks(Map<String, String[]> otherCases) {
        Map<String, String> masks = new LinkedHashMap<>();
        otherCases.forEach((caseId, hospital) -> {
            masks.put(caseId, OTHER);
            for (String h : hospital) {
                if (h != null && !h.isBlank()) {
                    masks.put(h, OTHER_HOSPITAL);
                }
            }
        });
        return masks;
    }

    static FindingView withoutCases(FindingView f, Map<String, String> masks) {
        if (masks.isEmpty() || f.caseIds().stream().noneMatch(masks::containsKey)) {
            return f;
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        f.evidence().forEach((k, v) -> evidence.put(k, redact(v, masks)));
        String explanation = null;
        if (f.explanationTemplate() != null) {
            try {
                explanation = TextTemplates.render(f.explanationTemplate(), evidence)
                        + (f.moneySentence() == null ? "" : replace(f.moneySentence(), masks));
            } catch (RuntimeException e) {
                LOG.warnf("Finding %d: its template does not render from the masked evidence (%s); masking the text", f.id(), e.getMessage());
            }
        }
        if (explanation == null) {
            explanation = replace(f.explanation(), masks);
        }
        List<String> ids = f.caseIds().stream().map(id -> masks.getOrDefault(id, id)).toList();
        return f.withCases(ids, explanation, evidence);
    }

    private static String replace(String text, Map<String, String> masks) {
        String out = text;
        // longer values first, so that a name containing another is masked whole
        for (String value : masks.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            out = out.replace(value, masks.get(value));
        }
        return out;
    }

    private static Object redact(Object value, Map<String, String> masks) {
        if (value instanceof String s && masks.containsKey(s)) {
            return masks.get(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> redact(v, masks)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k instanceof String s && masks.containsKey(s) ? masks.get(s) : k, redact(v, masks)));
            return out;
        }
        return value;
    }
}
