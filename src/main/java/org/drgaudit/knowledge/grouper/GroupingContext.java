package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.List;

/**
 * One case as the entry conditions see it: the variables of the table layout ({@code zdList},
 * {@code otherZdList}, {@code ssList}, {@code gender}, {@code age}, {@code ageDay}, {@code weight}, {@code ventHours},
 * {@code dept}, {@code HAS_MCC}, {@code HAS_CC}) and, while a condition is being tested, the codes
 * that made its {@code contains}/{@code intersect} calls true.
 */
public final class GroupingContext {

    final List<String> zdList;
    final List<String> otherZdList;
    final List<String> ssList;
    final String gender;
    final Double age;
    final Double ageDay;
    final Double weight;
    final Double ventHours;
    final String dept;
    boolean hasMcc;
    boolean hasCc;
    private final boolean tracing;
    private final List<String> matched;

    GroupingContext(GroupingCase c) {
        this(c, true);
    }

    /** Without tracing the matched codes are not recorded (a sweep groups every case and needs no path). */
    GroupingContext(GroupingCase c, boolean tracing) {
        this.tracing = tracing;
        this.matched = tracing ? new ArrayList<>(4) : List.of();
        this.zdList = c.diagnosisList();
        this.otherZdList = c.secondaries();
        this.ssList = c.procedures();
        this.gender = c.sex() == null ? null : c.sex().equals("M") ? "1" : c.sex().equals("F") ? "2" : null;
        // age in days is recorded for infants; without it an infant's age in days is unknown, not 0
        Integer years = c.ageYears() != null ? c.ageYears() : c.ageDays() != null ? Integer.valueOf(c.ageDays() / 365) : null;
        this.age = years == null ? null : years.doubleValue();
        this.ageDay = c.ageDays() != null ? Double.valueOf(c.ageDays())
                : years == null || years == 0 ? null : years * 365.0;
        this.weight = c.birthWeightGrams() == null ? 0.0 : c.birthWeightGrams().doubleValue();
        this.ventHours = c.ventilatorHours() == null ? 0.0 : c.ventilatorHours().doubleValue();
        this.dept = c.department();
    }

    void matched(String list, String code) {
        if (tracing) {
            matched.add(list + ":" + code);
        }
    }

    void clearMatches() {
        if (tracing) {
            matched.clear();
        }
    }

    /** Clears the codes recorded so far; returns what had been recorded. */
    List<String> takeMatches() {
        if (!tracing) {
            return List.of();
        }
        List<String> out = List.copyOf(matched);
        matched.clear();
        return out;
    }
}
