package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a decision table (MDCs, or the ADRGs of one MDC) indexed by the {@link Guard} of their
 * conditions: for a case, the rows it can possibly meet are those without a guard plus those whose
 * guard holds its principal diagnosis or principal procedure, in table order. Instead of testing 26
 * MDC conditions and every ADRG of an entered MDC, the grouper tests a handful; the result is the
 * same, since a row whose guard fails cannot hold.
 */
final class RowIndex {

    private static final int[] NONE = new int[0];

    private final int[] unguarded;
    private final Map<String, int[]> byDiagnosis;
    private final Map<String, int[]> byProcedure;

    RowIndex(List<EntryCondition> rows) {
        List<Integer> free = new ArrayList<>();
        Map<String, List<Integer>> dx = new HashMap<>();
        Map<String, List<Integer>> pr = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Guard g = rows.get(i).guard();
            if (g == null) {
                free.add(i);
            } else {
                Map<String, List<Integer>> target = g.kind() == Guard.Kind.PRINCIPAL_DIAGNOSIS ? dx : pr;
                for (String code : g.codes()) {
                    target.computeIfAbsent(code, k -> new ArrayList<>(2)).add(i);
                }
            }
        }
        unguarded = ints(free);
        byDiagnosis = frozen(dx);
        byProcedure = frozen(pr);
    }

    /** The rows a case with this principal diagnosis and principal procedure (either may be null) can meet, in order. */
    int[] candidates(String principalDiagnosis, String principalProcedure) {
        int[] a = principalDiagnosis == null ? NONE : byDiagnosis.getOrDefault(principalDiagnosis, NONE);
        int[] b = principalProcedure == null ? NONE : byProcedure.getOrDefault(principalProcedure, NONE);
        if (a.length == 0 && b.length == 0) {
            return unguarded;
        }
        if (unguarded.length == 0 && b.length == 0) {
            return a;
        }
        if (unguarded.length == 0 && a.length == 0) {
            return b;
        }
        int[] out = new int[unguarded.length + a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        int n = 0;
        while (i < unguarded.length || j < a.length || k < b.length) {
            int x = i < unguarded.length ? unguarded[i] : Integer.MAX_VALUE;
            int y = j < a.length ? a[j] : Integer.MAX_VALUE;
            int z = k < b.length ? b[k] : Integer.MAX_VALUE;
            if (x <= y && x <= z) {
                out[n++] = x;
                i++;
            } else if (y <= z) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = z;
                k++;
            }
        }
        return out;
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> in) {
        Map<String, int[]> out = new HashMap<>(in.size() * 2);
        in.forEach((code, rows) -> out.put(code, ints(rows)));
        return out;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
