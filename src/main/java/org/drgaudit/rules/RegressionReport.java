package org.drgaudit.rules;

import java.util.List;

/** Outcome of running the golden cases: how many passed, and what each failing one got wrong. */
public record RegressionReport(int passed, int failed, List<Failure> failures) {

    /** A golden case whose findings differ from its expected ones. */
    public record Failure(String testCase, List<String> missing, List<String> unexpected, List<String> wrongValues,
                          String error) {
    }
}
