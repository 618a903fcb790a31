package org.drgaudit.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How well the rules find what the generator planted: per rule and per family, the planted cases,
 * the findings, true and false positives, recall and precision. A finding is true when its rule (or,
 * per family, its family) planted a violation on the case the finding belongs to.
 */
public record DetectionReport(List<Line> byFamily, List<Line> byRule) {

    /** One row of the report. */
    public record Line(String key, long injected, long found, long truePositives, long falsePositives, double recall,
                       double precision) {
    }

    /** A finding as the report sees it: rule, family and the case it belongs to. */
    public record Found(String ruleId, String family, String caseId) {
    }

    public static DetectionReport of(List<DemoGenerator.Label> labels, List<Found> findings) {
        return new DetectionReport(
                lines(labels, findings, DemoGenerator.Label::family, Found::family),
                lines(labels, findings, DemoGenerator.Label::ruleId, Found::ruleId));
    }

    private static List<Line> lines(List<DemoGenerator.Label> labels, List<Found> findings,
                                    Function<DemoGenerator.Label, String> labelKey, Function<Found, String> findingKey) {
        Map<String, Set<String>> planted = new TreeMap<>();
        labels.forEach(l -> planted.computeIfAbsent(labelKey.apply(l), k -> new HashSet<>()).add(l.caseId()));
        Map<String, Set<String>> found = new TreeMap<>();
        findings.forEach(f -> found.computeIfAbsent(findingKey.apply(f), k -> new HashSet<>()).add(f.caseId()));
        Set<String> keys = new java.util.TreeSet<>(planted.keySet());
        keys.addAll(found.keySet());
        List<Line> out = new ArrayList<>();
        for (String key : keys) {
            Set<String> p = planted.getOrDefault(key, Set.of());
            Set<String> f = found.getOrDefault(key, Set.of());
            long tp = f.stream().filter(p::contains).count();
            out.add(new Line(key, p.size(), f.size(), tp, f.size() - tp,
                    p.isEmpty() ? 1.0 : (double) tp / p.size(), f.isEmpty() ? 1.0 : (double) tp / f.size()));
        }
        return out;
    }

    /** The report as a fixed-width table. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        section(sb, "family", byFamily);
        sb.append('\n');
        section(sb, "rule", byRule);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<Line> lines) {
        sb.append(String.format("%-20s %9s %7s %6s %6s %8s %10s%n", title, "injected", "found", "TP", "FP", "recall", "precision"));
        for (Line l : lines) {
            sb.append(String.format("%-20s %9d %7d %6d %6d %7.1f%% %9.1f%%%n", l.key(), l.injected(), l.found(),
                    l.truePositives(), l.falsePositives(), l.recall() * 100, l.precision() * 100));
        }
    }
}
