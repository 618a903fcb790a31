package org.drgaudit.sweeps;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * A threshold lives in the parameters file: changing it changes the next sweep, with no DRL touched; it passes the
 * same gate as a rule change (golden cases), so the golden cases it moves are updated in the same version.
 */
@QuarkusTest
class ParameterChangeTest {

    private static final Path PARAMETERS = Path.of("target/test-knowledge-base/parameters/demo-2024.yaml");

    private static void put(int version, String path, String text) {
        As.user("policy").contentType("text/plain; charset=UTF-8").body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/rule-versions/" + version + "/files/" + path).then().statusCode(200);
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> laterStayFlagged() {
        return hasItem("SA01-HIT-B");
    }

    @Test
    void shorteningTheReadmissionWindowTo10DaysDropsADay15ReadmissionOnTheNextSweep() throws IOException {
        As.inspector().contentType("application/x-ndjson")
                .body(As.ndjson(As.golden("split-admission/SA-01-hit/cases.ndjson")))
                .post("/api/cases/import").then().statusCode(200);
        As.sweep("2024-03");
        As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                .body("items.caseIds.flatten()", laterStayFlagged());

        String original = Files.readString(PARAMETERS);
        // from disk alone the change does not go live: it breaks two golden cases, which the refusal names (issue 15)
        Files.writeString(PARAMETERS, original.replace("readmissionWindowDays: 15", "readmissionWindowDays: 10"));
        try {
            As.user("approver").post("/api/knowledge/reload").then().statusCode(422)
                    .body("detail", containsString("split-admission/SA-01-hit: missing SA-01:SA01-HIT-A,SA01-HIT-B"))
                    .body("detail", containsString("split-admission/SA-03-hit"));
        } finally {
            Files.writeString(PARAMETERS, original);
        }
        // a draft that changes the threshold and updates those golden cases goes live once a second person approves it
        int before = As.inspector().get("/api/rules/version").jsonPath().getInt("version");
        int v = As.user("policy").contentType("application/json").body("{\"title\":\"再入院窗口 10 天\"}")
                .post("/api/rule-versions").then().statusCode(201).extract().jsonPath().getInt("version.version");
        String yaml = "knowledge/parameters/demo-2024.yaml";
        put(v, yaml, As.user("policy").get("/api/rule-versions/" + v + "/files/" + yaml).asString()
                .replace("readmissionWindowDays: 15", "readmissionWindowDays: 10"));
        for (String folder : new String[] {"split-admission/SA-01-hit", "split-admission/SA-03-hit"}) {
            put(v, "test-cases/" + folder + "/expected.json",
                    "{\"month\": \"2024-03\", \"description\": \"窗口期 10 天时不构成分解住院\", \"findings\": []}");
        }
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200);
        long backtest = As.user("policy").contentType("application/json").body("{\"months\":[\"2024-03\"]}")
                .post("/api/rule-versions/" + v + "/backtests").then().statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> "DONE".equals(
                As.user("policy").get("/api/rule-versions/" + v + "/backtests/" + backtest).jsonPath().getString("status")));
        As.user("policy").get("/api/rule-versions/" + v + "/backtests/" + backtest).then()
                .body("result.differences.findAll { it.change == 'REMOVED' && it.ruleId == 'SA-01' }.caseIds.flatten()", laterStayFlagged());
        As.user("policy").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/approve").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(200);
        try {
            As.inspector().get("/api/knowledge/parameters").then().body("[0].splitAdmission.readmissionWindowDays", equalTo(10));
            As.sweep("2024-03");
            As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                    .body("items.caseIds.flatten()", not(laterStayFlagged()))
                    .body("items.knowledgeBaseVersion", not(hasItem("KB-1")));
        } finally {
            As.user("approver").contentType("application/json").body("{\"reason\":\"测试结束\"}")
                    .post("/api/rule-versions/" + before + "/rollback").then().statusCode(200);
        }
        As.sweep("2024-03");
        As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                .body("items.caseIds.flatten()", laterStayFlagged());
    }
}
