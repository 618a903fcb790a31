package org.drgaudit.sweeps;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 part 1, "done when": a 2025 case is regrouped with CHS-DRG 2.0 and judged with the 2025 parameters, a 2024
 * case with 1.1 and the 2024 parameters, each finding naming its set; a case claimed under another version is reported,
 * not judged. Own cases DKS-* in April 2025 and April 2024 at H001 (patients P-DKS-*); April 2025 is no other test's.
 */
@QuarkusTest
class DatedKnowledgeSetsTest {

    private static final String MONTH_2025 = "2025-04";

    private static boolean imported;

    @BeforeEach
    void importAndSweepOnce() {
        if (imported) {
            return;
        }
        imported = true;
        // the golden HC-04 hits of both years: long ventilation is AH1 in 1.1 and AH2 in 2.0, priced at each year's rate
        String hit2024 = As.golden("high-coding/HC-04-hit/cases.ndjson").strip().replace("HC04-HIT-A", "DKS-2024")
                .replace("P-HC04-HIT", "P-DKS-2024").replace("2024-03-", "2024-04-");
        String hit2025 = As.golden("high-coding/HC-04-hit-2/cases.ndjson").strip().replace("HC04-HIT2-A", "DKS-2025")
                .replace("P-HC04-HIT2-A", "P-DKS-2025").replace("2025-03-", "2025-04-");
        // the same 2025 stay claimed under CHS-DRG 1.1's AH11
        String old = hit2025.replace("DKS-2025", "DKS-2025-OLD").replace("\"CHS-DRG-2.0\"", "\"CHS-DRG-1.1\"")
                .replace("\"code\": \"AH29\"", "\"code\": \"AH11\"");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(hit2024 + "\n" + hit2025 + "\n" + old))
                .post("/api/cases/import").then().statusCode(200);
        // not As.sweep: this month's sweep is DONE_WITH_SKIPS (the case claimed under 1.1)
        long id = As.inspector().contentType("application/json").body("{\"month\": \"" + MONTH_2025 + "\"}")
                .post("/api/sweeps").then().statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                !"RUNNING".equals(As.inspector().get("/api/sweeps/" + id).jsonPath().getString("status")));
    }

    @Test
    void a2025CaseIsRegroupedWithChsDrg20AndJudgedWithThe2025Parameters() {
        As.inspector().get("/api/findings?month=" + MONTH_2025 + "&size=100").then().statusCode(200)
                .body("items.findAll { it.caseIds.contains('DKS-2025') }.ruleId", equalTo(java.util.List.of("HC-04")))
                .body("items.find { it.caseIds.contains('DKS-2025') }.knowledgeSet", equalTo("demo-2025 / CHS-DRG-2.0 / demo-2025"))
                // regrouped by the 2.0 tables without 96.7201, priced at the 2025 rate 12300: (5.7436 − 1.1424) × 12300 × 1.08
                .body("items.find { it.caseIds.contains('DKS-2025') }.correctGroup", equalTo("ER23"))
                .body("items.find { it.caseIds.contains('DKS-2025') }.overpayment", equalTo(61122.34f));
        As.inspector().get("/api/cases/DKS-2025/grouping").then().statusCode(200)
                .body("versionInForce", equalTo("CHS-DRG-2.0"))
                .body("knowledgeSet", equalTo("demo-2025 / CHS-DRG-2.0 / demo-2025"))
                .body("regrouped.grouping.drg", equalTo("AH29"))
                .body("agrees", equalTo(true));
    }

    @Test
    void a2024CaseIsRegroupedWithChsDrg11() {
        As.inspector().get("/api/cases/DKS-2024/grouping").then().statusCode(200)
                .body("versionInForce", equalTo("CHS-DRG-1.1"))
                .body("knowledgeSet", equalTo("demo-2024 / CHS-DRG-1.1 / demo-2024"))
                .body("regrouped.grouping.grouperVersion", equalTo("CHS-DRG-1.1"))
                // coded with 96.7101 (ventilation under 96 hours): 1.1 groups it to ER31, a code 2.0 does not have
                .body("regrouped.grouping.drg", equalTo("ER31"));
    }

    @Test
    void aCaseClaimedUnderAnotherVersionIsReportedNotJudged() {
        As.inspector().get("/api/findings?month=" + MONTH_2025 + "&size=100").then().statusCode(200)
                .body("items.findAll { it.caseIds.contains('DKS-2025-OLD') }.ruleId", equalTo(java.util.List.of("DQ-01")))
                .body("items.find { it.caseIds.contains('DKS-2025-OLD') }.money", equalTo("UNPRICED"))
                .body("items.find { it.caseIds.contains('DKS-2025-OLD') }.explanation", containsString("按 CHS-DRG-1.1 申报病组 AH11"));
        As.inspector().get("/api/sweeps?month=" + MONTH_2025).then().statusCode(200)
                .body("[0].status", equalTo("DONE_WITH_SKIPS"))
                .body("[0].skipped.byReason.find { it.reason == 'GROUPER_VERSION_MISMATCH' }.cases", equalTo(1));
        // regrouping it is no code-for-code comparison across versions
        As.inspector().get("/api/cases/DKS-2025-OLD/grouping").then().statusCode(200)
                .body("claimedVersion", equalTo("CHS-DRG-1.1"))
                .body("versionInForce", equalTo("CHS-DRG-2.0"))
                .body("agrees", equalTo(false))
                .body("difference", nullValue())
                .body("summary", containsString("不逐码比较"));
    }

    @Test
    void aYearNoSetCoversIsRefusedNamingTheSetsThereAre() {
        // clearing takes the settlement year's set; 2023 has none, and no neighbouring year stands in
        As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2023}").post("/api/clearing-runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("demo 2023"))
                .body("detail", containsString("demo-2024（2024-01-01 至 2024-12-31，CHS-DRG-1.1）"))
                .body("detail", containsString("demo-2025（2025-01-01 至 2025-12-31，CHS-DRG-2.0）"));
    }
}
