package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;

/**
 * December 2024 for the audit-loop tests: 8 ordinary cases at H006, 4 at H007, and a case at H006 with an HC-01
 * violation (LOOP-HC01), imported and swept once per test run. Each test draws its own campaign over it.
 */
final class LoopMonth {

    static final String MONTH = "2024-12";
    private static boolean imported;

    private LoopMonth() {
    }

    static synchronized void ensure() {
        if (imported) {
            return;
        }
        imported = true;
        String template = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow()
                .replace("2024-03-", "2024-12-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(template.replace("SA01-HIT-A", "LOOP-" + i).replace("P-SA01-HIT", "LOOP-P" + i)
                    .replace("\"H001\"", i < 8 ? "\"H006\"" : "\"H007\""));
        }
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-12-")
                .replace("HC01-HIT-A", "LOOP-HC01").replace("P-HC01-HIT", "LOOP-P-HC01").replace("\"H001\"", "\"H006\""));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);
    }

    /** A drawn campaign over the month: {@code plan} is the JSON members after name and months. */
    static long drawn(String name, String plan) {
        ensure();
        long id = As.inspector().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"months\":[\"" + MONTH + "\"]," + plan + "}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + id + "/draw").then().statusCode(200);
        return id;
    }

    static JsonPath items(long campaign) {
        return As.inspector().get("/api/reviews?campaign=" + campaign).then().statusCode(200).extract().jsonPath();
    }

    static long item(long campaign, String caseId) {
        return items(campaign).getLong("find { it.caseId == '" + caseId + "' }.id");
    }

    static ValidatableResponse act(String user, long item, String body) {
        return As.user(user).contentType("application/json").body(body).post("/api/reviews/" + item + "/actions").then();
    }

    /** 初审 and 复审 confirmed: the item waits for the hospital's appeal. */
    static void toAppeal(long item) {
        act("inspector", item, "{\"action\":\"CONFIRM\",\"reason\":\"初审确认\"}").statusCode(200);
        act("reviewer", item, "{\"action\":\"CONFIRM\",\"reason\":\"复审确认\"}").statusCode(200).body("step", equalTo("APPEAL"));
    }
}
