package org.drgaudit.fault;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 9, issue 13 item 6 and issue 17: when a sweep cannot judge some of the month's cases (a hospital whose
 * region has no knowledge set, a case claimed under another grouper version than the one in force on its discharge
 * date, a stored record that cannot be read) it still judges the rest, and its status and the
 * findings summary say how many were skipped and why; such a record answers a located 409, never a 500.
 */
@QuarkusTest
class SweepSkipsTest {

    private static final String MONTH = "2025-02";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void skippedCasesAreCountedByReasonInTheSweepAndTheSummaryAndTheOthersAreJudged() throws Exception {
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n",
                        // claimed under CHS-DRG 1.1, but 2.0 is in force in 2025: reported, not judged
                        BadInputTest.line("SKP-1", "2023-09-", "2025-02-").replace("2023-09-", "2025-02-"),
                        BadInputTest.line("SKP-2", "2023-09-", "2025-02-").replace("2023-09-", "2025-02-")
                                .replace("CHS-DRG-1.1", "CHS-DRG-2.0"))))
                .post("/api/cases/import").then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // what earlier versions let in: a hospital of a region without parameters, and a record no reader takes
            s.execute("INSERT INTO hospital (code, name, level, region, coefficient) VALUES ('H977', '旧导入医院', 2, 'atlantis', 1.0) "
                    + "ON CONFLICT DO NOTHING");
            s.execute("""
                    INSERT INTO settled_case (case_id, hospital_code, patient_id, patient_bucket, settlement_month, admission_time,
                      discharge_time, drg_code, total_cost, payload, content_hash)
                    SELECT 'SKP-ATL', 'H977', 'SKP-P-ATL', 7, settlement_month, admission_time, discharge_time, drg_code, total_cost,
                      jsonb_set(jsonb_set(payload, '{caseId}', '"SKP-ATL"'), '{hospitalCode}', '"H977"'), 'x'
                    FROM settled_case WHERE case_id = 'SKP-1'""");
            s.execute("""
                    INSERT INTO settled_case (case_id, hospital_code, patient_id, patient_bucket, settlement_month, admission_time,
                      discharge_time, drg_code, total_cost, payload, content_hash)
                    SELECT 'SKP-BROKEN', hospital_code, 'SKP-P-BROKEN', 8, settlement_month, admission_time, discharge_time, drg_code,
                      total_cost, jsonb_set(payload, '{grouping,weight}', ('1' || repeat('0', 2000))::jsonb), 'y'
                    FROM settled_case WHERE case_id = 'SKP-1'""");
        }

        long id = As.inspector().contentType("application/json").body("{\"month\":\"" + MONTH + "\"}").post("/api/sweeps")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                !"RUNNING".equals(As.inspector().get("/api/sweeps/" + id).jsonPath().getString("status")));
        JsonPath sweep = As.inspector().get("/api/sweeps/" + id).then().statusCode(200)
                .body("status", equalTo("DONE_WITH_SKIPS"))
                .body("skipped.cases", equalTo(3))
                .body("message", containsString("3 个病例未经规则判断"))
                .extract().jsonPath();
        assertEquals(Map.of("REGION_WITHOUT_PARAMETERS", 1, "GROUPER_VERSION_MISMATCH", 1, "UNREADABLE_RECORD", 1),
                Map.of(sweep.getString("skipped.byReason[0].reason"), sweep.getInt("skipped.byReason[0].cases"),
                        sweep.getString("skipped.byReason[1].reason"), sweep.getInt("skipped.byReason[1].cases"),
                        sweep.getString("skipped.byReason[2].reason"), sweep.getInt("skipped.byReason[2].cases")));
        assertEquals(4, sweep.getInt("processed"), "the good case was judged as well");

        As.inspector().get("/api/findings/summary?month=" + MONTH).then().statusCode(200)
                .body("skipped.cases", equalTo(3))
                .body("skipped.byMonth[0].month", equalTo(MONTH))
                .body("skipped.byMonth[0].sweepId", equalTo((int) id))
                .body("skipped.byMonth[0].byReason.REGION_WITHOUT_PARAMETERS", equalTo(1))
                .body("skipped.byMonth[0].byReason.UNREADABLE_RECORD", equalTo(1))
                .body("skipped.byMonth[0].byReason.GROUPER_VERSION_MISMATCH", equalTo(1));
        // the case claimed under another version gets a data-quality finding saying what differs, with the set in force
        As.inspector().get("/api/findings?month=" + MONTH + "&size=100").then().statusCode(200)
                .body("items.findAll { it.caseIds.contains('SKP-1') }.ruleId", equalTo(List.of("DQ-01")))
                .body("items.find { it.caseIds.contains('SKP-1') }.family", equalTo("data-quality"))
                .body("items.find { it.caseIds.contains('SKP-1') }.money", equalTo("UNPRICED"))
                .body("items.find { it.caseIds.contains('SKP-1') }.knowledgeSet", equalTo("demo-2025 / CHS-DRG-2.0 / demo-2025"))
                .body("items.find { it.caseIds.contains('SKP-1') }.explanation", containsString("按 CHS-DRG-1.1 申报病组 BR25"));

        As.inspector().get("/api/cases/SKP-BROKEN").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("replace=true"));
    }
}
