package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five-step review over REST: one case per outcome (confirmed after appeal, dismissed at first
 * review, confirmed without appeal after the deadline) with the history intact, what each role may
 * and may not do, and hospital users confined to their own items.
 */
@QuarkusTest
class ReviewWorkflowTest {

    private static final String MONTH = "2024-07";
    private static long campaign;

    @Inject
    ReviewService reviews;

    @BeforeEach
    void campaignInReview() {
        if (campaign != 0) {
            return;
        }
        String template = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow()
                .replace("2024-03-", "2024-07-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(template.replace("SA01-HIT-A", "REV-" + i).replace("P-SA01-HIT", "REV-P" + i)
                    .replace("\"H001\"", i < 8 ? "\"H001\"" : "\"H002\""));
        }
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-07-")
                .replace("HC01-HIT-A", "REV-HC01").replace("\"patientId\": \"", "\"patientId\": \"REV-"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200);
        As.sweep(MONTH);
        campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"7月专项抽查\",\"months\":[\"" + MONTH + "\"],\"randomShare\":0.5,\"minPerHospital\":2,\"seed\":5,\"extrapolate\":true}")
                .post("/api/campaigns").jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
    }

    private static long item(String caseId) {
        return As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath()
                .getLong("find { it.caseId == '" + caseId + "' }.id");
    }

    private static long randomItem(String hospital, int nth) {
        return As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath()
                .getLong("findAll { it.hospitalCode == '" + hospital + "' && it.findingIds.isEmpty() }[" + nth + "].id");
    }

    private static io.restassured.response.ValidatableResponse act(String user, long item, String body) {
        return As.user(user).contentType("application/json").body(body).post("/api/reviews/" + item + "/actions").then();
    }

    @Test
    void aViolationConfirmedAfterTheHospitalsAppealKeepsItsWholeHistory() {
        long id = item("REV-HC01");
        act("inspector", id, "{\"action\":\"CONFIRM\",\"reason\":\"MCC 被排除表剔除\"}").statusCode(200).body("step", equalTo("SECOND_REVIEW"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"同意初审\"}").statusCode(200).body("step", equalTo("APPEAL"));
        As.user("h001").contentType("application/pdf").body("%PDF-1.4 病程记录".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/reviews/" + id + "/attachments?fileName=bingcheng.pdf").then().statusCode(200)
                .body("sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        act("h001", id, "{\"action\":\"APPEAL\",\"reason\":\"患者住院期间确有脑出血，已附病程记录\"}").statusCode(200)
                .body("step", equalTo("INVESTIGATION"));
        act("inspector", id, "{\"action\":\"INVESTIGATE\",\"reason\":\"调阅病历：脑出血为陈旧性，本次未治疗\"}").statusCode(200);
        // the penalty is the reviewer's choice of severity, never a default of confirming
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"高套分组成立，按疑点计价\"}").statusCode(400)
                .body("detail", containsString("severity"));
        // no amount and no group given: the decision takes the finding's price (counterfactual regrouping) and group
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"高套分组成立，按疑点计价\",\"severity\":\"SERIOUS\"}")
                .statusCode(200)
                .body("step", equalTo("DONE"))
                .body("outcome", equalTo("CONFIRMED"))
                .body("confirmedAmount", equalTo(5624.64f))
                .body("correctGroup", equalTo("BR23"))
                .body("decisions[0].overpayment", equalTo(5624.64f))
                .body("decisions[0].severityName", equalTo("较重"))
                .body("decisions[0].penalty", equalTo(5624.64f))
                .body("history.action", contains("CONFIRM", "CONFIRM", "APPEAL", "INVESTIGATE", "CONFIRM"))
                .body("history.actor", contains("inspector", "reviewer", "h001", "inspector", "reviewer"))
                .body("attachments.fileName", contains("bingcheng.pdf"));
        long finding = As.inspector().get("/api/reviews/" + id).jsonPath().getLong("findingIds[0]");
        As.inspector().get("/api/findings/" + finding).then().body("reviewStatus", equalTo("CONFIRMED"));
        act("reviewer", id, "{\"action\":\"DISMISS\",\"reason\":\"改判\"}").statusCode(409);
        As.inspector().get("/api/campaigns/" + campaign + "/results").then().statusCode(200)
                .body("rules.find { it.ruleId == 'HC-01' }.confirmed", equalTo(1))
                .body("rules.find { it.ruleId == 'HC-01' }.precision", equalTo(1.0f));
        As.user("policy").get("/api/findings/precision").then().statusCode(200)
                .body("find { it.ruleId == 'HC-01' }.confirmed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        As.user("h001").get("/api/findings/precision").then().statusCode(403);
    }

    @Test
    void aCaseDismissedAtFirstReviewEndsThere() {
        long id = randomItem("H001", 0);
        act("inspector", id, "{\"action\":\"DISMISS\"}").statusCode(400).body("detail", containsString("'reason'"));
        act("inspector", id, "{\"action\":\"DISMISS\",\"reason\":\"编码与病历一致\"}").statusCode(200)
                .body("outcome", equalTo("DISMISSED")).body("history", hasSize(1));
    }

    @Test
    void anAppealNotFiledByItsDeadlineClosesAsNotAppealedAndGoesToDecision() {
        long id = randomItem("H001", 1);
        act("inspector", id, "{\"action\":\"CONFIRM\",\"reason\":\"无手术费\"}").statusCode(200);
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"同意\"}").statusCode(200);
        reviews.closeOverdueAppeals(OffsetDateTime.now().plusDays(30));
        As.inspector().get("/api/reviews/" + id).then().body("step", equalTo("DECISION"));
        act("h001", id, "{\"action\":\"APPEAL\",\"reason\":\"迟到的申诉\"}").statusCode(409);
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"未申诉，维持\",\"severity\":\"MINOR\"}").statusCode(400)
                .body("detail", containsString("family"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"未申诉，维持\",\"severity\":\"MINOR\",\"family\":\"mismatch\"}")
                .statusCode(400).body("detail", containsString("overpayment"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"未申诉，维持\",\"amount\":0,\"severity\":\"MINOR\",\"family\":\"mismatch\"}")
                .statusCode(200)
                .body("outcome", equalTo("CONFIRMED"))
                .body("history.action", contains("CONFIRM", "CONFIRM", "CLOSE_NOT_APPEALED", "CONFIRM"))
                .body("history[2].actor", equalTo("system"));
    }

    @Test
    void resultsGiveTheErrorRateWithItsIntervalTheMoneyAndTheExtrapolationAndExportAsExcel() throws Exception {
        long confirmed = randomItem("H002", 0);
        long dismissed = randomItem("H002", 1);
        act("inspector", dismissed, "{\"action\":\"DISMISS\",\"reason\":\"无误\"}").statusCode(200);
        act("inspector", confirmed, "{\"action\":\"CONFIRM\",\"reason\":\"低标入院\"}").statusCode(200);
        act("reviewer", confirmed, "{\"action\":\"CONFIRM\",\"reason\":\"同意\"}").statusCode(200);
        reviews.closeOverdueAppeals(OffsetDateTime.now().plusDays(30));
        act("reviewer", confirmed, "{\"action\":\"CONFIRM\",\"reason\":\"维持\",\"amount\":1000,\"severity\":\"SERIOUS\","
                + "\"family\":\"too-little-service\"}").statusCode(200).body("decisions[0].penalty", equalTo(1000.0f));

        As.inspector().get("/api/campaigns/" + campaign + "/results?hospital=H002").then().statusCode(200)
                .body("hospitals", hasSize(1))
                .body("hospitals[0].ordinaryCases", equalTo(4))
                .body("hospitals[0].randomDecided", equalTo(2))
                .body("hospitals[0].randomErrors", equalTo(1))
                .body("hospitals[0].errorRate", equalTo(0.5f))
                .body("hospitals[0].confirmedAmount", equalTo(1000.0f))
                .body("hospitals[0].extrapolation.pointEstimate", equalTo(2000.0f))
                .body("hospitals[0].extrapolation.lowerBound90", equalTo(0.0f));

        // exact (Clopper–Pearson) 95% interval for 1 error in 2: [0.0126, 0.9874]
        var results = As.inspector().get("/api/campaigns/" + campaign + "/results?hospital=H002").jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(0.0126, results.getDouble("hospitals[0].errorRateLow95"), 0.0001);
        org.junit.jupiter.api.Assertions.assertEquals(0.9874, results.getDouble("hospitals[0].errorRateHigh95"), 0.0001);

        As.inspector().get("/api/campaigns/" + campaign + "/export?hospital=H002").then().statusCode(200)
                .body("sample.hospitalCode", everyItem(equalTo("H002")))
                .body("reviews.hospitalCode", everyItem(equalTo("H002")));
        byte[] xlsx = As.inspector().accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .get("/api/campaigns/" + campaign + "/export?hospital=H002").then().statusCode(200)
                .header("Content-Disposition", containsString(".xlsx")).extract().asByteArray();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            org.junit.jupiter.api.Assertions.assertEquals(List.of("专项抽查", "审核结论", "审核记录", "结果", "疑点明细"),
                    java.util.stream.IntStream.range(0, wb.getNumberOfSheets()).mapToObj(wb::getSheetName).toList());
            org.junit.jupiter.api.Assertions.assertEquals("H002", wb.getSheet("结果").getRow(1).getCell(0).getStringCellValue());
        }
    }

    @Test
    void eachRoleTakesOnlyItsOwnStep() {
        long id = randomItem("H001", 2);
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(403).contentType("application/problem+json");
        act("h001", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(403);
        act("policy", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(403);
        act("approver", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(403);
        As.user("approver").get("/api/reviews/" + id).then().statusCode(200);
        act("inspector", id, "{\"action\":\"APPEAL\",\"reason\":\"x\"}").statusCode(409).body("detail", containsString("初审"));
        act("inspector", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(200);
        act("inspector", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(403);
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}").statusCode(200).body("step", equalTo("APPEAL"));
        act("inspector", id, "{\"action\":\"APPEAL\",\"reason\":\"x\"}").statusCode(403);
        As.user("h001").contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .post("/api/reviews/" + id + "/attachments?fileName=a.bin").then().statusCode(400)
                .body("detail", containsString("not accepted"));
        act("admin", id, "{\"action\":\"APPEAL\",\"reason\":\"代医院录入申诉\"}").statusCode(200)
                .body("step", equalTo("INVESTIGATION"));
        As.user("h001").post("/api/campaigns/" + campaign + "/close").then().statusCode(403);
    }

    @Test
    void aHospitalUserNeitherSeesNorActsOnAnotherHospitalsItems() {
        As.user("h002").get("/api/reviews?campaign=" + campaign).then().statusCode(200)
                .body("hospitalCode", everyItem(equalTo("H002")));
        As.user("h002").get("/api/reviews?campaign=" + campaign + "&hospital=H001").then().statusCode(403);
        long other = item("REV-HC01");
        As.user("h002").get("/api/reviews/" + other).then().statusCode(404);
        act("h002", other, "{\"action\":\"APPEAL\",\"reason\":\"x\"}").statusCode(404);
    }
}
