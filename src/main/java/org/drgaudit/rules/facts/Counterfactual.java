package org.drgaudit.rules.facts;

import java.util.List;
import org.drgaudit.knowledge.GroupEntry;

/**
 * The case regrouped without codes that cannot stand (a code of the other sex, outside its age window, a procedure
 * outside the stay, an OR procedure with no surgery, a ventilation code the hours do not support): the codes taken out,
 * the grouper's result ({@code code}: a DRG, a QY group or 0000) and its catalogue entry when it is a priced group.
 * {@code notRegrouped} says why there is no result at all (e.g. the principal diagnosis itself is the code that goes).
 */
public record Counterfactual(List<String> removedCodes, String code, GroupEntry group, String notRegrouped) {

    static Counterfactual impossible(List<String> removed, String reason) {
        return new Counterfactual(removed, null, null, reason);
    }
}
