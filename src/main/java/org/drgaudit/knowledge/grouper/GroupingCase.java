package org.drgaudit.knowledge.grouper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the grouper reads from a settlement list: the principal diagnosis, the secondary diagnoses,
 * the procedures with the principal one first, sex, age (years, and days for infants), newborn
 * birth weight, ventilator hours and the discharging department.
 *
 * @param sex "M" or "F"; null when not recorded
 */
public record GroupingCase(String principal, List<String> secondaries, List<String> procedures, String sex,
                           Integer ageYears, Integer ageDays, Integer birthWeightGrams, BigDecimal ventilatorHours,
                           String department) {

    public GroupingCase {
        secondaries = codes(secondaries);
        procedures = codes(procedures);
    }

    /** An immutable copy without nulls (no copy when the list is already immutable). */
    private static List<String> codes(List<String> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (String s : list) {
            if (s == null) {
                return List.copyOf(list.stream().filter(Objects::nonNull).toList());
            }
        }
        return List.copyOf(list);
    }

    /** The same case with the given secondary diagnoses left out (counterfactual regrouping). */
    public GroupingCase withoutDiagnoses(Set<String> codes) {
        return new GroupingCase(principal, secondaries.stream().filter(c -> !codes.contains(c)).toList(), procedures, sex,
                ageYears, ageDays, birthWeightGrams, ventilatorHours, department);
    }

    /** The same case with the given procedures left out; the next remaining one becomes principal. */
    public GroupingCase withoutProcedures(Set<String> codes) {
        return new GroupingCase(principal, secondaries, procedures.stream().filter(c -> !codes.contains(c)).toList(), sex,
                ageYears, ageDays, birthWeightGrams, ventilatorHours, department);
    }

    /** Principal first, then the secondary diagnoses: the {@code zdList} of the tables. */
    List<String> diagnosisList() {
        List<String> all = new ArrayList<>(secondaries.size() + 1);
        if (principal != null) {
            all.add(principal);
        }
        all.addAll(secondaries);
        return all;
    }
}
