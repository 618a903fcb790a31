package org.drgaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.drgaudit.shared.TextTemplates;

/** Checks each rule's {@code @explanation} template parses, and says where in the DRL it does not. */
final class ExplanationTemplates {

    private ExplanationTemplates() {
    }

    static List<CompileError> check(SortedMap<String, String> files, List<RuleInfo> rules) {
        List<CompileError> errors = new ArrayList<>();
        for (RuleInfo rule : rules) {
            if (rule.explanation() == null) {
                continue;
            }
            TextTemplates.Fault fault = TextTemplates.check(rule.explanation());
            if (fault == null) {
                continue;
            }
            String text = files.get(rule.file());
            int line = 0;
            int column = 1;
            if (text != null) {
                String[] lines = text.split("\n", -1);
                boolean inRule = false;
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].contains("rule \"" + rule.id() + " ")) {
                        inRule = true;
                    }
                    int at = lines[i].indexOf("@explanation(");
                    if (inRule && at >= 0) {
                        line = i + 1;
                        column = at + "@explanation(\"".length() + fault.column();
                        break;
                    }
                }
            }
            errors.add(new CompileError(rule.file(), line > 0 ? line : null, line > 0 ? column : null,
                    "rule " + rule.id() + ": the @explanation template does not parse: " + fault.message()));
        }
        return errors;
    }
}
