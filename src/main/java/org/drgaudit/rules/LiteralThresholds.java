package org.drgaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thresholds come from the parameters, never a number written in the DRL (DESIGN §6): a condition that orders a value
 * against a number other than 0 or 1 ({@code losDays < 2}, {@code 3000 <= totalCost}) is refused with its file, line and
 * column. Equality with a code ({@code severity == 3}) is not a threshold and passes.
 */
final class LiteralThresholds {

    private static final Pattern ORDERED = Pattern.compile(
            "(?:(?<![=!<>])(?:<=|>=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)(?![\\w.]))|(?:(?<![\\w.])(-?\\d+(?:\\.\\d+)?)\\s*(?:<=|>=|<|>)(?!=))");

    private LiteralThresholds() {
    }

    static List<CompileError> check(SortedMap<String, String> files) {
        List<CompileError> errors = new ArrayList<>();
        files.forEach((file, text) -> {
            if (!file.endsWith(".drl")) {
                return;
            }
            String[] lines = text.split("\n", -1);
            boolean when = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
                if (code.strip().startsWith("when")) {
                    when = true;
                    continue;
                }
                if (code.strip().startsWith("then") || code.strip().startsWith("end")) {
                    when = false;
                }
                if (!when) {
                    continue;
                }
                Matcher m = ORDERED.matcher(code);
                while (m.find()) {
                    int group = m.group(1) != null ? 1 : 2;
                    String number = m.group(group);
                    if (number.matches("-?[01](\\.0+)?")) {
                        continue;
                    }
                    errors.add(new CompileError(file, i + 1, m.start(group) + 1, "the condition compares with the number " + number
                            + ", a threshold written in the DRL; declare it in the parameters file (ruleParameters: section: name: "
                            + "{type: NUMBER, value: " + number + ", description: …}) and read it with policy.number(\"section.name\")"));
                }
            }
        });
        return errors;
    }
}
