package org.drgaudit.knowledge.grouper;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A necessary condition of an entry condition on the case's principal code, found while parsing:
 * {@code contains(L,zdList[0])} holds only when the principal diagnosis is in {@code L}; a conjunction
 * inherits the narrowest guard of its parts, a disjunction the union of its parts' guards when all
 * have one of the same kind. The grouper indexes its rows by these sets so that a case is tested only
 * against the MDCs and ADRGs it can enter; the conditions themselves are still evaluated as written.
 */
public record Guard(Kind kind, Set<String> codes) {

    /** Which principal code the guard is about. */
    public enum Kind { PRINCIPAL_DIAGNOSIS, PRINCIPAL_PROCEDURE }

    /** The guard of a conjunction: any part's guard is necessary, the smallest one filters most. */
    static Guard allOf(List<Guard> parts) {
        Guard best = null;
        for (Guard g : parts) {
            if (g != null && (best == null || g.codes.size() < best.codes.size())) {
                best = g;
            }
        }
        return best;
    }

    /** The guard of a disjunction: the union, when every part has a guard of the same kind. */
    static Guard anyOf(List<Guard> parts) {
        if (parts.isEmpty() || parts.contains(null)) {
            return null;
        }
        Kind kind = parts.get(0).kind;
        Set<String> union = new HashSet<>();
        for (Guard g : parts) {
            if (g.kind != kind) {
                return null;
            }
            union.addAll(g.codes);
        }
        return new Guard(kind, Set.copyOf(union));
    }
}
