package org.drgaudit.specialcases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Whether very-low-cost stays are special-case candidates or too-little-service suspicions is the region's parameter
 * (specialCase.lowOutliers). February 2024 at H010: 19 ordinary stays and a stay costing 38.58% of its group's
 * standard cost. The switch to SPECIAL_CASE (Shanghai) is a policy change like any other: a draft that changes the
 * parameter and updates the golden cases it moves, approved and published by a second person. Under it the next sweep
 * makes the stay an SC-01 candidate the hospital may declare as 极低费用, and TL-01 leaves it alone; rolled back to the
 * demo's TOO_LITTLE_SERVICE it is a TL-01 suspicion again, no candidate, and such a declaration is refused.
 */
@QuarkusTest
class LowOutlierParameterTest {

    private static final String MONTH = "2024-02";
    private static final String YAML = "knowledge/parameters/demo-2024.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void put(int version, String path, String text) {
        As.user("policy").contentType("text/plain; charset=UTF-8").body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/rule-versions/" + version + "/files/" + path).then().statusCode(200);
    }

    /** The golden cases the draft moves get the findings the draft gives them: what a policy officer signs off. */
    private static void updateMovedGoldenCases(int version) throws Exception {
        JsonPath refusal = As.user("policy").post("/api/rule-versions/" + version + "/test").then().statusCode(422)
                .extract().jsonPath();
        List<Map<String, Object>> failures = refusal.getList("regression.failures");
        for (Map<String, Object> f : failures) {
            String path = "test-cases/" + f.get("testCase") + "/expected.json";
            ObjectNode expected = (ObjectNode) JSON.readTree(As.user("policy").get("/api/rule-versions/" + version + "/files/" + path).asString());
            ArrayNode findings = (ArrayNode) expected.get("findings");
            for (Object missing : (List<?>) f.get("missing")) {
                for (int i = findings.size() - 1; i >= 0; i--) {
                    String key = findings.get(i).get("ruleId").asText() + ":" + String.join(",",
                            JSON.convertValue(findings.get(i).get("caseIds"), String[].class));
                    if (key.equals(missing)) {
                        findings.remove(i);
                    }
                }
            }
            for (Object unexpected : (List<?>) f.get("unexpected")) {
                String[] parts = String.valueOf(unexpected).split(":", 2);
                ObjectNode finding = findings.addObject();
                finding.put("ruleId", parts[0]);
                ArrayNode ids = finding.putArray("caseIds");
                for (String id : parts[1].split(",")) {
                    ids.add(id);
                }
            }
            expected.put("description", expected.get("description").asText() + "（极低费用、极短住院作为特例单议的地区）");
            put(version, path, JSON.writeValueAsString(expected));
        }
        As.user("policy").post("/api/rule-versions/" + version + "/test").then().statusCode(200);
    }

    @Test
    void theRegionDecidesWhetherAVeryLowCostStayIsASpecialCaseCandidate() throws Exception {
        String ordinary = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow().replace("2024-03-", "2024-02-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add(ordinary.replace("SA01-HIT-A", "SCL-" + i).replace("P-SA01-HIT", "P-SCL-" + i).replace("\"H001\"", "\"H010\""));
        }
        lines.add(As.golden("too-little-service/TL-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-02-")
                .replace("TL01-HIT-A", "SCL-LOW").replace("P-TL01-HIT", "P-SCL-LOW").replace("\"H002\"", "\"H010\""));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        SpecialCaseWorkflowTest.keepOpen("H010", MONTH);

        int before = As.inspector().get("/api/rules/version").jsonPath().getInt("version");
        int v = As.user("policy").contentType("application/json").body("{\"title\":\"极低费用病例作为特例单议\"}")
                .post("/api/rule-versions").then().statusCode(201).extract().jsonPath().getInt("version.version");
        put(v, YAML, As.user("policy").get("/api/rule-versions/" + v + "/files/" + YAML).asString()
                .replace("lowOutliers: TOO_LITTLE_SERVICE", "lowOutliers: SPECIAL_CASE"));
        updateMovedGoldenCases(v);
        long backtest = As.user("policy").contentType("application/json").body("{\"months\":[\"" + MONTH + "\"]}")
                .post("/api/rule-versions/" + v + "/backtests").then().statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> "DONE".equals(
                As.user("policy").get("/api/rule-versions/" + v + "/backtests/" + backtest).jsonPath().getString("status")));
        As.user("policy").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/approve").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(200);
        try {
            As.sweep(MONTH);
            As.user("h010").get("/api/special-cases/candidates?period=" + MONTH).then().statusCode(200)
                    .body("find { it.caseId == 'SCL-LOW' }.suggestedCategory", equalTo("LOW_COST"))
                    .body("find { it.caseId == 'SCL-LOW' }.explanation", containsString("极低费用"));
            As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H010&rule=TL-01").then().statusCode(200)
                    .body("items.caseIds.flatten()", not(hasItem("SCL-LOW")));
            SpecialCaseWorkflowTest.declare("h010", "SCL-LOW", "LOW_COST").statusCode(201).body("categoryLabel", equalTo("极低费用"));
        } finally {
            As.user("approver").contentType("application/json").body("{\"reason\":\"测试结束\"}")
                    .post("/api/rule-versions/" + before + "/rollback").then().statusCode(200);
        }
        SpecialCaseWorkflowTest.declare("h010", "SCL-0", "LOW_COST").statusCode(400)
                .body("detail", containsString("服务不足")).body("detail", containsString("specialCase.lowOutliers"));
        As.sweep(MONTH);
        As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H010&rule=SC-01").then().statusCode(200)
                .body("items.caseIds.flatten()", not(hasItem("SCL-LOW")));
        As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H010&rule=TL-01").then().statusCode(200)
                .body("items.caseIds.flatten()", hasItem("SCL-LOW"));
    }
}
