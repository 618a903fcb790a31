package org.drgaudit.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hides the cases of other hospitals from a finding shown to a hospital user (an alliance finding names both). */
final class FindingRedaction {

    static final String OTHER = "医共体内其他机构病例";

    private FindingRedaction() {
    }

    static FindingView withoutCases(FindingView f, List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return f;
        }
        String explanation = f.explanation();
        for (String id : caseIds) {
            explanation = explanation.replace(id, OTHER);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        f.evidence().forEach((k, v) -> evidence.put(k, redact(v, caseIds)));
        List<String> ids = f.caseIds().stream().map(id -> caseIds.contains(id) ? OTHER : id).toList();
        return f.withCases(ids, explanation, evidence);
    }

    private static Object redact(Object value, List<String> caseIds) {
        if (value instanceof String s && caseIds.contains(s)) {
            return OTHER;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> redact(v, caseIds)).toList();
        }
        return value;
    }
}
