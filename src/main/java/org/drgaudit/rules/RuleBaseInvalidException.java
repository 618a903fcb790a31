package org.drgaudit.rules;

import java.util.List;
import java.util.Map;
import org.drgaudit.shared.DomainException;

/** The rule files do not compile, or do not pass their golden cases; the active rule base stays active. */
public class RuleBaseInvalidException extends DomainException {

    public RuleBaseInvalidException(List<CompileError> errors) {
        super(422, "Rule base does not compile",
                "The rule files have " + errors.size() + " error(s); the active rule base is unchanged. First: "
                        + errors.get(0).where() + ": " + errors.get(0).message(),
                errors, null);
    }

    public RuleBaseInvalidException(RegressionReport report) {
        super(422, "Rule base fails its golden cases",
                report.failed() + " golden case(s) fail; the active rule base is unchanged. " + report.summary(),
                List.of(), Map.of("regression", report));
    }

    private RuleBaseInvalidException(String title, String detail, List<CompileError> errors, GateReport report) {
        super(422, title, detail, errors, Map.of("gate", report, "regression", report.regression() == null
                ? new RegressionReport(0, 0, List.of()) : report.regression()));
    }

    /** A gate that did not pass, with its report: the faults, or the golden cases that fail and why. */
    static RuleBaseInvalidException of(GateReport report) {
        if (!report.errors().isEmpty()) {
            CompileError first = report.errors().get(0);
            return new RuleBaseInvalidException("Rule base does not compile", "The files have " + report.errors().size()
                    + " error(s); nothing went live. First: " + first.where() + ": " + first.message(), report.errors(), report);
        }
        if (report.regression() != null && report.regression().failed() > 0) {
            return new RuleBaseInvalidException("Rule base fails its golden cases", report.regression().failed()
                    + " golden case(s) fail; nothing went live. Update the golden cases in the same version if the change is "
                    + "meant. " + report.regression().summary(), List.of(), report);
        }
        return new RuleBaseInvalidException("Rule base lacks golden cases", "Every rule needs a golden hit and miss case; "
                + "nothing went live. " + String.join("; ", report.coverage()), List.of(), report);
    }
}
