package org.drgaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.knowledge.PolicyParameters;

/**
 * Every parameter a rule reads by name ({@code policy.number("section.name")} and the other typed readers, or listed
 * in {@code @parameters}) must be declared in every region's parameters file: a typed section's value or a
 * {@code ruleParameters} entry with its type. A rule that reads an undeclared parameter, or reads it as another type,
 * is refused with the file, line and column of the read.
 */
final class ParameterReferences {

    private static final Pattern READ = Pattern.compile(
            "(?:policy|getPolicy\\(\\s*\\))\\s*\\.\\s*(param|number|integer|text|codes|flag)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern LISTED = Pattern.compile("@parameters\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");

    private ParameterReferences() {
    }

    static List<CompileError> check(SortedMap<String, String> files, List<PolicyParameters> policies) {
        List<CompileError> errors = new ArrayList<>();
        files.forEach((file, text) -> {
            if (!file.endsWith(".drl")) {
                return;
            }
            Matcher m = READ.matcher(text);
            while (m.find()) {
                String reader = m.group(1);
                String path = m.group(2);
                for (PolicyParameters p : policies) {
                    String type = p.typeOf(path);
                    String where = "parameters of " + p.getRegion() + " " + p.getYear();
                    if (type == null) {
                        errors.add(at(file, text, m.start(2), "reads parameter '" + path + "', which is not declared in the "
                                + where + "; declare it under ruleParameters (type, value, description) or use a declared one"));
                    } else if (!PolicyParameters.readable(reader, type)) {
                        errors.add(at(file, text, m.start(1), "reads parameter '" + path + "' with " + reader + "(), but it is declared as "
                                + type + " in the " + where + "; use " + PolicyParameters.readerOf(type) + "()"));
                    }
                }
            }
            Matcher l = LISTED.matcher(text);
            while (l.find()) {
                int offset = l.start(1);
                for (String part : l.group(1).split(",")) {
                    String path = part.strip();
                    int at = offset + part.indexOf(path);
                    offset += part.length() + 1;
                    if (path.isEmpty()) {
                        continue;
                    }
                    for (PolicyParameters p : policies) {
                        if (!p.has(path)) {
                            errors.add(at(file, text, at, "@parameters lists '" + path + "', which is not a parameter of the parameters of "
                                    + p.getRegion() + " " + p.getYear()));
                        }
                    }
                }
            }
        });
        return errors;
    }

    private static CompileError at(String file, String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new CompileError(file, line, offset - lineStart + 1, message);
    }
}
