package org.drgaudit.rules;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * The policy officer's path over REST (issue 15): a draft edits a threshold and a rule, a typo is refused with its
 * line and column, the golden cases the change breaks are named until the same draft updates them, a 3-month
 * backtest shows the difference (JSON and Excel), the author asks for approval and cannot publish, an approver
 * publishes and later rolls back. Uses its own case LC-TL04-A in June 2024.
 */
@QuarkusTest
class RuleLifecycleTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PARAMETERS = "knowledge/parameters/demo-2024.yaml";
    static final String TL_DRL = "rules/too-little-service.drl";

    static int newDraft(String user, String title) {
        return As.user(user).contentType("application/json").body(Map.of("title", title)).post("/api/rule-versions")
                .then().statusCode(201).body("version.status", equalTo("DRAFT")).extract().jsonPath().getInt("version.version");
    }

    static String file(int version, String path) {
        return As.user("policy").get("/api/rule-versions/" + version + "/files/" + path).then().statusCode(200).extract().asString();
    }

    static void write(String user, int version, String path, String text) {
        As.user(user).contentType("text/plain; charset=UTF-8").body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/rule-versions/" + version + "/files/" + path).then().statusCode(200).body("version.status", equalTo("DRAFT"));
    }

    static JsonPath backtest(String user, int version, List<String> months) {
        long id = As.user(user).contentType("application/json").body(Map.of("months", months))
                .post("/api/rule-versions/" + version + "/backtests").then().statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> !"RUNNING".equals(
                As.user(user).get("/api/rule-versions/" + version + "/backtests/" + id).jsonPath().getString("status")));
        JsonPath b = As.user(user).get("/api/rule-versions/" + version + "/backtests/" + id).jsonPath();
        assertEquals("DONE", b.getString("status"), b.prettify());
        return b;
    }

    @Test
    void aPolicyOfficerChangesAThresholdAndARuleAndAnApproverPublishesAndLaterRollsItBack() throws Exception {
        String selfPayCase = As.golden("too-little-service/TL-04-miss/cases.ndjson").replace("TL04-MISS-A", "LC-TL04-A")
                .replace("P-TL04-MISS", "P-LC-TL04").replace("2024-03-", "2024-06-").replace("\"outOfPocket\": 800.00", "\"outOfPocket\": 640.00");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(selfPayCase)).post("/api/cases/import").then().statusCode(200);
        int before = As.user("policy").get("/api/rules/version").jsonPath().getInt("version");

        int v = newDraft("policy", "全自费比例上限下调至 5%");
        // the threshold: 10% → 5%
        String parameters = file(v, PARAMETERS);
        write("policy", v, PARAMETERS, parameters.replace("selfPayShareLimit: 0.10", "selfPayShareLimit: 0.05"));
        // the rule, first with a typo: refused with its file, line and column
        String drl = file(v, TL_DRL);
        String typo = drl.replace("selfPayShare > policy.tooLittleService.selfPayShareLimit", "selfPayShare > policy.tooLittleService.selfPayShareLimt");
        write("policy", v, TL_DRL, typo);
        int typoLine = lineOf(typo, "selfPayShareLimt");
        As.user("policy").post("/api/rule-versions/" + v + "/validate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].file", equalTo(TL_DRL))
                .body("errors[0].line", equalTo(typoLine))
                .body("errors[0].column", greaterThanOrEqualTo(1))
                .body("gate.stage", equalTo("FAILED"));
        write("policy", v, TL_DRL, drl.replace("@id(\"TL-04\") @family(\"too-little-service\") @resultType(\"SUSPICIOUS\") @severity(\"LOW\")",
                "@id(\"TL-04\") @family(\"too-little-service\") @resultType(\"SUSPICIOUS\") @severity(\"MEDIUM\")"));
        As.user("policy").post("/api/rule-versions/" + v + "/validate").then().statusCode(200).body("stage", equalTo("VALIDATED"));

        // the lower limit breaks two golden cases: refused, naming them and why, until the same draft updates them
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(422)
                .body("title", equalTo("Rule base fails its golden cases"))
                .body("detail", containsString("too-little-service/TL-04-miss: unexpected TL-04:TL04-MISS-A"))
                .body("detail", containsString("TL-04:TL04-HIT-A patientRefund expected 400"))
                .body("regression.failures.testCase", hasItem("too-little-service/TL-04-hit"));
        write("policy", v, "test-cases/too-little-service/TL-04-hit/expected.json",
                file(v, "test-cases/too-little-service/TL-04-hit/expected.json").replace("\"patientRefund\": 400.0", "\"patientRefund\": 800.0"));
        write("policy", v, "test-cases/too-little-service/TL-04-miss/cases.ndjson",
                file(v, "test-cases/too-little-service/TL-04-miss/cases.ndjson").replace("\"outOfPocket\": 800.00", "\"outOfPocket\": 400.00"));
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200)
                .body("stage", equalTo("TESTED"))
                .body("regression.failed", equalTo(0))
                .body("goldenCasesChanged", equalTo(List.of("too-little-service/TL-04-hit", "too-little-service/TL-04-miss")));

        // asking for approval needs a backtest first
        As.user("policy").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(409);
        JsonPath b = backtest("policy", v, List.of("2024-04", "2024-05", "2024-06"));
        assertEquals(List.of("2024-04", "2024-05", "2024-06"), b.getList("result.months"));
        assertTrue(b.getList("result.differences.findAll { it.change == 'ADDED' && it.caseIds.contains('LC-TL04-A') }.ruleId").contains("TL-04"),
                b.prettify());
        assertTrue(b.getLong("result.totals.added") >= 1);
        assertTrue(b.getList("result.byRuleAndHospital.findAll { it.ruleId == 'TL-04' && it.hospitalCode == 'H002' }.added").size() == 1);
        long backtestId = b.getLong("id");
        byte[] xlsx = As.user("policy").accept(XLSX).get("/api/rule-versions/" + v + "/backtests/" + backtestId).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals("按规则与医院", book.getSheetAt(0).getSheetName());
            assertEquals("新增疑点", book.getSheetAt(0).getRow(0).getCell(2).getStringCellValue());
            boolean found = false;
            for (var row : book.getSheet("疑点差异明细")) {
                found |= row.getCell(4) != null && row.getCell(4).getStringCellValue().contains("LC-TL04-A");
            }
            assertTrue(found, "the added finding is in the detail sheet");
        }
        As.user("policy").get("/api/rule-versions/" + v).then().body("version.status", equalTo("BACKTESTED"));

        // maker–checker: the author asks for approval and can neither approve nor publish
        As.user("policy").contentType("application/json").body(Map.of("note", "请审批")).post("/api/rule-versions/" + v + "/approval-request")
                .then().statusCode(200).body("version.approvalRequestedBy", equalTo("policy"));
        As.user("policy").post("/api/rule-versions/" + v + "/approve").then().statusCode(403);
        As.user("policy").post("/api/rule-versions/" + v + "/publish").then().statusCode(403);
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(409);
        As.user("approver").contentType("application/json").body(Map.of("note", "同意")).post("/api/rule-versions/" + v + "/approve")
                .then().statusCode(200).body("version.status", equalTo("APPROVED")).body("version.approvedBy", equalTo("approver"));
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(200)
                .body("version.status", equalTo("ACTIVE")).body("version.publishedBy", equalTo("approver"));

        // hot: the next sweep runs the new version with its parameters
        As.inspector().get("/api/rules/version").then().body("version", equalTo(v));
        As.inspector().get("/api/knowledge/parameters").then().body("[0].tooLittleService.selfPayShareLimit", equalTo(0.05f));
        As.sweep("2024-06");
        As.inspector().get("/api/findings?month=2024-06&rule=TL-04&size=1000").then()
                .body("items.findAll { it.caseIds.contains('LC-TL04-A') }.ruleBaseVersion", equalTo(List.of(v)))
                .body("items.findAll { it.caseIds.contains('LC-TL04-A') }.severity", equalTo(List.of("MEDIUM")));

        // what changed, and the version's files as a zip for git
        As.user("approver").get("/api/rule-versions/diff?from=" + before + "&to=" + v).then().statusCode(200)
                .body("files.path", hasItem(PARAMETERS)).body("files.path", hasItem(TL_DRL))
                .body("files.find { it.path == '" + PARAMETERS + "' }.diff", containsString("+  selfPayShareLimit: 0.05"));
        byte[] zip = As.user("approver").get("/api/rule-versions/" + v + "/zip").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.containsAll(List.of("rules-drl/too-little-service.drl", "knowledge-base/parameters/demo-2024.yaml",
                "test-cases/too-little-service/TL-04-hit/expected.json")), entries.toString());
        // and back: the zip (as kept in git) imported into a new draft gives the same files
        int copy = newDraft("policy", "从 git 导入");
        As.user("policy").contentType("application/zip").body(zip).put("/api/rule-versions/" + copy + "/zip").then().statusCode(200)
                .body("history.action", hasItem("zip-imported"));
        As.user("policy").get("/api/rule-versions/diff?from=" + v + "&to=" + copy).then().statusCode(200)
                .body("files", org.hamcrest.Matchers.empty());

        // rollback: the earlier version comes back through the gate, with its parameters
        As.user("policy").contentType("application/json").body(Map.of("reason", "x")).post("/api/rule-versions/" + before + "/rollback")
                .then().statusCode(403);
        As.user("approver").contentType("application/json").body(Map.of("reason", "下调后疑点过多，先恢复")).post("/api/rule-versions/" + before + "/rollback")
                .then().statusCode(200).body("version.status", equalTo("ACTIVE"));
        As.inspector().get("/api/rules/version").then().body("version", equalTo(before));
        As.inspector().get("/api/knowledge/parameters").then().body("[0].tooLittleService.selfPayShareLimit", equalTo(0.10f));
        As.sweep("2024-06");
        As.inspector().get("/api/findings?month=2024-06&rule=TL-04&size=1000").then()
                .body("items.caseIds.flatten()", not(hasItem("LC-TL04-A")));

        // every step is in the history
        JsonPath history = As.user("approver").get("/api/rule-versions/" + v).jsonPath();
        assertEquals("RETIRED", history.getString("version.status"));
        List<String> actions = history.getList("history.action");
        for (String step : List.of("drafted", "file-written", "validate-failed", "validated", "test-failed", "tested", "backtest-started",
                "backtested", "approval-requested", "approved", "published", "retired")) {
            assertTrue(actions.contains(step), step + " in " + actions);
        }
        assertTrue(As.user("approver").get("/api/rule-versions/" + before).jsonPath().getList("history.action").contains("rolled-back-to"));
    }

    @Test
    void whoeverChangedADraftCannotApproveIt() {
        int v = newDraft("approver", "审批人起草的草稿");
        String drl = file(v, TL_DRL);
        write("approver", v, TL_DRL, drl + "\n");
        As.user("approver").post("/api/rule-versions/" + v + "/test").then().statusCode(200);
        backtest("approver", v, List.of("2024-05"));
        As.user("approver").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/approve").then().statusCode(403)
                .body("detail", containsString("maker–checker"));
        // an edit takes a version back to DRAFT: its gate and backtest no longer hold
        write("approver", v, TL_DRL, drl);
        As.user("approver").get("/api/rule-versions/" + v).then().body("version.status", equalTo("DRAFT"))
                .body("version.approvalRequestedAt", equalTo(null));
    }

    @Test
    void aKnowledgeReloadThatBreaksGoldenCasesIsRefusedNamingThemAndNothingChanges() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("target/test-knowledge-base/parameters/demo-2024.yaml");
        String original = java.nio.file.Files.readString(file);
        String label = As.inspector().get("/api/knowledge/version").jsonPath().getString("label");
        java.nio.file.Files.writeString(file, original.replace("selfPayShareLimit: 0.10", "selfPayShareLimit: 0.05"));
        try {
            As.user("approver").post("/api/knowledge/reload").then().statusCode(422)
                    .body("title", equalTo("Rule base fails its golden cases"))
                    .body("detail", containsString("too-little-service/TL-04-miss"));
        } finally {
            java.nio.file.Files.writeString(file, original);
        }
        As.inspector().get("/api/knowledge/version").then().body("label", equalTo(label));
        As.inspector().get("/api/knowledge/parameters").then().body("[0].tooLittleService.selfPayShareLimit", equalTo(0.10f));
    }

    static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError(fragment + " not found");
    }
}
