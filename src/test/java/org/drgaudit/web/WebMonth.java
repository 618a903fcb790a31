package org.drgaudit.web;

import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;

/**
 * August 2024 at H008 and H009 for the web interface's tests: six ordinary cases, an HC-01 violation at H008
 * (WEB-HC01) and an SA-01 split admission at H009 (WEB-SA-A, WEB-SA-B), imported and swept once per test run.
 */
final class WebMonth {

    static final String MONTH = "2024-08";
    static final String HC01_CASE = "WEB-HC01";
    private static boolean imported;

    private WebMonth() {
    }

    static synchronized void ensure() {
        if (imported) {
            return;
        }
        imported = true;
        List<String> sa = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().filter(l -> !l.isBlank()).toList();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(sa.get(0).replace("2024-03-", "2024-08-").replace("SA01-HIT-A", "WEB-" + i)
                    .replace("P-SA01-HIT", "WEB-P" + i).replace("\"H001\"", i < 3 ? "\"H008\"" : "\"H009\""));
        }
        sa.forEach(l -> lines.add(l.replace("2024-03-", "2024-08-").replace("SA01-HIT-", "WEB-SA-")
                .replace("P-SA01-HIT", "WEB-P-SA").replace("\"H001\"", "\"H009\"")));
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-08-")
                .replace("HC01-HIT-A", HC01_CASE).replace("P-HC01-HIT", "WEB-P-HC01").replace("\"H001\"", "\"H008\""));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);
    }
}
