package org.drgaudit.rules;

import java.util.List;
import java.util.Map;
import org.drgaudit.shared.DomainException;

/** The rule files do not compile, or do not pass their golden cases; the active rule base stays active. */
public class RuleBaseInvalidException extends DomainException {

    public RuleBaseInvalidException(List<CompileError> errors) {
        super(422, "Rule base does not compile",
                "The rule files have " + errors.size() + " error(s); the active rule base is unchanged. First: "
                        + errors.get(0).file() + (errors.get(0).line() == null ? "" : ":" + errors.get(0).line())
                        + ": " + errors.get(0).message(),
                errors, null);
    }

    public RuleBaseInvalidException(RegressionReport report) {
        super(422, "Rule base fails its golden cases",
                report.failed() + " golden case(s) fail; the active rule base is unchanged.",
                List.of(), Map.of("regression", report));
    }
}
