package org.drgaudit.rules;

import java.util.List;

/** Outcome of running the golden cases: how many passed, and what each failing one got wrong. */
public record RegressionReport(int passed, int failed, List<Failure> failures) {

    /** The failing cases and what differs, in one line each (the first ten), for messages. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Failure f : failures.subList(0, Math.min(10, failures.size()))) {
            sb.append(sb.length() == 0 ? "" : "; ").append(f.testCase()).append(": ").append(f.reason());
        }
        if (failures.size() > 10) {
            sb.append("; … and ").append(failures.size() - 10).append(" more");
        }
        return sb.toString();
    }

    /** A golden case whose findings differ from its expected ones. */
    public record Failure(String testCase, List<String> missing, List<String> unexpected, List<String> wrongValues,
                          String error) {

        /** "missing TL-01:A; unexpected TL-01:B; TL-01:A overpayment expected 1.00 got 2.00" */
        public String reason() {
            List<String> parts = new java.util.ArrayList<>();
            if (error != null) {
                parts.add("error " + error);
            }
            if (!missing.isEmpty()) {
                parts.add("missing " + String.join(", ", missing));
            }
            if (!unexpected.isEmpty()) {
                parts.add("unexpected " + String.join(", ", unexpected));
            }
            parts.addAll(wrongValues);
            return String.join("; ", parts);
        }
    }
}
