package org.drgaudit.clearing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Year-end clearing over REST on the demo region: a September of cases swept, a campaign whose review
 * confirms an upcoded case (at the finding's price, severity 严重 and its penalty) and a split admission (at an
 * amount the reviewer corrected, severity 一般), and dismisses a low-cost case; then a clearing run where each
 * confirmed finding's decided overpayment and penalty appear unchanged on its hospital's statement, the finding and
 * the decision show the same numbers, the reconciliation report agrees, and the dismissed one is absent;
 * finalising, immutability, corrections, the Excel export, hospital confinement, all-or-nothing imports, a closed
 * campaign's extrapolation, and the database refusing changes to a final run.
 */
@QuarkusTest
class ClearingRunTest {

    private static final String MONTH = "2024-09";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static long campaign;

    @Inject
    AgroalDataSource dataSource;
    private static long upcoded;
    private static long split;
    private static long dismissed;

    @BeforeEach
    void septemberReviewed() {
        if (campaign != 0) {
            return;
        }
        String ordinary = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow()
                .replace("2024-03-", "2024-09-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(ordinary.replace("SA01-HIT-A", "CLR-" + i).replace("P-SA01-HIT", "CLR-P" + i)
                    .replace("\"H001\"", i < 4 ? "\"H001\"" : "\"H002\""));
        }
        As.golden("split-admission/SA-01-hit/cases.ndjson").lines().forEach(l -> lines.add(l.replace("2024-03-", "2024-09-")
                .replace("SA01-HIT-", "CLR-SA-").replace("P-SA01-HIT", "CLR-P-SA")));
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-09-")
                .replace("HC01-HIT-A", "CLR-HC01").replace("P-HC01-HIT", "CLR-P-HC01"));
        lines.add(As.golden("too-little-service/TL-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-09-")
                .replace("TL01-HIT-A", "CLR-TL01").replace("P-TL01-HIT", "CLR-P-TL01"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);

        campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"9月专项抽查\",\"months\":[\"" + MONTH + "\"],\"randomShare\":0,\"minPerHospital\":0,\"seed\":9}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
        JsonPath items = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath();
        long hcItem = items.getLong("find { it.caseId == 'CLR-HC01' }.id");
        long saItem = items.getLong("find { it.caseId == 'CLR-SA-B' }.id");
        long tlItem = items.getLong("find { it.caseId == 'CLR-TL01' }.id");
        upcoded = items.getLong("find { it.caseId == 'CLR-HC01' }.findingIds[0]");
        split = items.getLong("find { it.caseId == 'CLR-SA-B' }.findingIds[0]");
        dismissed = items.getLong("find { it.caseId == 'CLR-TL01' }.findingIds[0]");

        // no amount, no group: the decision takes the finding's price and correct group (BR23); the severity gives the penalty
        confirmAfterAppeal(hcItem, "h001", "{\"action\":\"CONFIRM\",\"reason\":\"高套分组成立\",\"severity\":\"GRAVE\"}");
        confirmAfterAppeal(saItem, "h001", "{\"action\":\"CONFIRM\",\"reason\":\"分解住院成立，按病历核实的金额认定\",\"amount\":3000,"
                + "\"severity\":\"MINOR\"}");
        act("inspector", tlItem, "{\"action\":\"DISMISS\",\"reason\":\"病情轻，费用合理\"}");

        As.inspector().contentType("application/x-ndjson").body(As.ndjson("""
                {"hospitalCode": "H001", "month": "2024-01", "advance": 100000.00, "depositWithheld": 3000.00}
                {"hospitalCode": "H001", "month": "2024-02", "advance": 50000.00, "depositWithheld": 1500.00}
                {"hospitalCode": "H002", "month": "2024-01", "advance": 80000}
                """)).post("/api/clearing-runs/advances").then().log().ifValidationFails().statusCode(200).body("accepted", equalTo(3));
        As.inspector().contentType("application/json").body("""
                [{"hospitalCode": "H001", "year": 2024, "score": 86.5}, {"hospitalCode": "H002", "year": 2024, "score": 65}]
                """).post("/api/clearing-runs/assessments").then().statusCode(200)
                .body("grades.find { it.hospitalCode == 'H001' }.grade", equalTo("良好"))
                .body("grades.find { it.hospitalCode == 'H002' }.grade", equalTo("合格"));
    }

    private static void confirmAfterAppeal(long item, String hospitalUser, String decision) {
        act("inspector", item, "{\"action\":\"CONFIRM\",\"reason\":\"初审确认\"}");
        act("reviewer", item, "{\"action\":\"CONFIRM\",\"reason\":\"复审确认\"}");
        act(hospitalUser, item, "{\"action\":\"APPEAL\",\"reason\":\"医院申诉\"}");
        act("inspector", item, "{\"action\":\"INVESTIGATE\",\"reason\":\"调阅病历核实\"}");
        act("reviewer", item, decision);
    }

    private static void act(String user, long item, String body) {
        As.user(user).contentType("application/json").body(body).post("/api/reviews/" + item + "/actions").then().statusCode(200);
    }

    private static long openRun() {
        return As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}")
                .post("/api/clearing-runs").then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("method", equalTo("POINT"))
                .extract().jsonPath().getLong("id");
    }

    private static JsonPath statement(long run, String hospital) {
        return exact(As.inspector().get("/api/clearing-runs/" + run + "/statements/" + hospital).then().statusCode(200).extract().asString());
    }

    /** JSON read with numbers as BigDecimal, so amounts keep every cent. */
    private static JsonPath exact(String body) {
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static BigDecimal dec(Object v) {
        return new BigDecimal(String.valueOf(v));
    }

    @Test
    void eachConfirmedFindingShowsOneOverpaymentAndPenaltyFromFindingToDecisionToStatementAndTheDismissedOneIsAbsent() {
        long run = openRun();
        JsonPath h001 = statement(run, "H001");
        List<Map<String, Object>> lines = h001.getList("lines");

        List<Map<String, Object>> hc = lines.stream().filter(l -> String.valueOf(upcoded).equals(l.get("sourceId"))
                && "FINDING".equals(l.get("sourceType"))).toList();
        assertEquals(List.of("OVERPAYMENT", "PENALTY"), hc.stream().map(l -> l.get("kind")).toList());
        // the finding's price: BR21 → BR23 at H001 (coefficient 1.08): (1.452 − 1.018) × 12,000 × 1.08 = 5,624.64;
        // severity 严重: 2 × the overpayment. Points beside the yuan at the pricing point value 12,000 ÷ 100 = 120
        assertEquals(0, dec("-5624.64").compareTo(dec(hc.get(0).get("amount"))));
        assertEquals(0, dec("-46.872").compareTo(dec(hc.get(0).get("points"))));
        assertEquals("BR23", hc.get(0).get("groupCode"));
        assertEquals(0, dec("-11249.28").compareTo(dec(hc.get(1).get("amount"))));
        hc.forEach(l -> assertEquals("CLR-HC01", l.get("caseId")));

        JsonPath finding = exact(As.inspector().get("/api/findings/" + upcoded).asString());
        assertEquals(0, dec("5624.64").compareTo(dec(finding.get("overpayment"))));
        assertEquals(0, dec("5624.64").compareTo(dec(finding.get("amountAtStake"))));
        assertEquals(0, dec("5624.64").compareTo(dec(finding.get("decision.overpayment"))));
        assertEquals(0, dec("11249.28").compareTo(dec(finding.get("decision.penalty"))));
        assertEquals("严重", finding.getString("decision.severityName"));

        List<Map<String, Object>> sa = lines.stream().filter(l -> String.valueOf(split).equals(l.get("sourceId"))
                && "FINDING".equals(l.get("sourceType"))).toList();
        assertEquals(List.of("OVERPAYMENT"), sa.stream().map(l -> l.get("kind")).toList(), "severity 一般: no penalty line");
        assertEquals(0, dec("-3000.00").compareTo(dec(sa.get(0).get("amount"))), "the reviewer's corrected amount, unchanged");
        assertEquals(0, dec("3000.00").compareTo(dec(exact(As.inspector().get("/api/findings/" + split).asString())
                .get("decision.overpayment"))));

        JsonPath report = exact(As.inspector().get("/api/clearing-runs/" + run + "/reconciliation").asString());
        // other tests of the suite confirm findings of 2024 too: every one of them must agree as well
        assertTrue(report.getInt("confirmed") >= 2);
        assertEquals(0, report.getInt("statementDiffers"), report.prettify());
        assertTrue(report.getList("orphans").isEmpty(), report.prettify());
        assertEquals("AGREES", report.getString("rows.find { it.findingId == " + upcoded + " }.status"));
        assertEquals("CORRECTED_AT_DECISION", report.getString("rows.find { it.findingId == " + split + " }.status"));
        assertEquals("分解住院成立，按病历核实的金额认定", report.getString("rows.find { it.findingId == " + split + " }.decisionReason"));
        As.user("h002").get("/api/clearing-runs/" + run + "/reconciliation").then().statusCode(200)
                .body("rows.hospitalCode", everyItem(equalTo("H002")));

        for (Object hospital : As.inspector().get("/api/clearing-runs/" + run + "/statements").jsonPath().getList("hospitalCode")) {
            assertTrue(statement(run, (String) hospital).getList("lines").stream().map(l -> (Map<?, ?>) l)
                    .noneMatch(l -> "FINDING".equals(l.get("sourceType")) && String.valueOf(dismissed).equals(l.get("sourceId"))),
                    "the dismissed TL-01 finding costs nothing at " + hospital);
        }
        // its case is still valued, as the incomplete stay it is (3,000 < 0.4 × ES35's 7,776), and nothing comes off it
        assertEquals(List.of("INCOMPLETE_STAY"), statement(run, "H002").getList("lines").stream().map(l -> (Map<?, ?>) l)
                .filter(l -> "CLR-TL01".equals(l.get("caseId"))).map(l -> l.get("kind")).toList());
    }

    @Test
    void amountsDueAddUpToTheDistributableBudgetAndEachBalanceFollowsFromItsFigures() {
        long run = openRun();
        JsonPath r = exact(As.inspector().get("/api/clearing-runs/" + run).asString());
        List<Map<String, Object>> statements = exact(As.inspector().get("/api/clearing-runs/" + run + "/statements").asString()).getList("$");
        BigDecimal due = statements.stream().map(s -> dec(s.get("amountDue"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, dec("646000000.00").compareTo(dec(r.get("distributable"))), "680,000,000 less the 5% reserve");
        // the test database holds a few hundred cases against a budget sized for the demo year: the point value stops at
        // the ceiling of 115 CNY and the fund keeps the rest (结余留用); what is paid and what is kept add up to the budget
        assertEquals(0, dec("115").compareTo(dec(r.get("pointValue"))));
        assertEquals(0, dec(r.get("distributable")).compareTo(due.add(dec(r.get("retained")))));
        assertEquals(0, dec(r.get("totalPoints")).multiply(dec("115")).setScale(2, java.math.RoundingMode.HALF_UP).compareTo(due));
        assertTrue(r.getList("notes").stream().anyMatch(n -> String.valueOf(n).contains("结余留用")), r.prettify());
        for (Map<String, Object> s : statements) {
            BigDecimal expected = dec(s.get("amountDue")).subtract(dec(s.get("deductions"))).subtract(dec(s.get("advancesPaid")));
            assertEquals(0, expected.compareTo(dec(s.get("balance"))), "balance of " + s.get("hospitalCode"));
        }
        JsonPath h001 = statement(run, "H001");
        assertEquals(0, dec("145500.00").compareTo(dec(h001.get("statement.advancesPaid"))));
        assertEquals(0, dec("4500.00").compareTo(dec(h001.get("statement.depositWithheld"))));
        // with few cases the one-vote veto may apply: the grade is the veto's 不合格 then, else the score's
        boolean veto1 = h001.getBoolean("statement.veto");
        // the veto counts the confirmed overpayment, never the penalty
        assertEquals(veto1, dec(h001.get("statement.overpayment")).compareTo(
                dec(h001.get("statement.fundPayments")).multiply(dec("0.005"))) >= 0);
        List<Map<String, Object>> h001Lines = h001.getList("lines");
        assertEquals(0, h001Lines.stream().filter(l -> "OVERPAYMENT".equals(l.get("kind"))).map(l -> dec(l.get("amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add).negate().compareTo(dec(h001.get("statement.overpayment"))));
        assertEquals(0, h001Lines.stream().filter(l -> "PENALTY".equals(l.get("kind"))).map(l -> dec(l.get("amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add).negate().compareTo(dec(h001.get("statement.penalties"))));
        assertEquals(veto1 ? "不合格" : "良好", h001.getString("statement.grade"));
        assertEquals(0, dec(veto1 ? "1350.00" : "0.00").compareTo(dec(h001.get("statement.depositForfeited"))));
        JsonPath h002 = statement(run, "H002");
        // 80,000 advanced; the deposit defaults to 3% (2,400); 合格 forfeits 10% of it, the veto's 不合格 30%
        assertEquals(0, dec("77600.00").compareTo(dec(h002.get("statement.advancesPaid"))));
        boolean veto2 = h002.getBoolean("statement.veto");
        assertEquals(veto2 ? "不合格" : "合格", h002.getString("statement.grade"));
        assertEquals(0, dec(veto2 ? "720.00" : "240.00").compareTo(dec(h002.get("statement.depositForfeited"))));
        assertTrue(h002.getList("lines.kind").contains("DEPOSIT_FORFEITED"));
        // nothing of the rejected advances body was stored
        assertEquals(0, BigDecimal.ZERO.compareTo(dec(statement(run, "H003").get("statement.advancesPaid"))));
    }

    @Test
    void aFinalRunRefusesASecondFinalisationAndAnyChangeAndACorrectionReferencesIt() {
        long run = openRun();
        As.inspector().post("/api/clearing-runs/" + run + "/finalise").then().statusCode(403);
        As.user("approver").post("/api/clearing-runs/" + run + "/finalise").then().statusCode(200)
                .body("status", equalTo("FINAL")).body("finalisedBy", equalTo("approver"));
        As.user("admin").post("/api/clearing-runs/" + run + "/finalise").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("已定稿")).body("detail", containsString("already final"));
        As.inspector().post("/api/clearing-runs/" + run + "/recompute").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("does not change")).body("detail", containsString("correctsRunId"));

        long correction = As.inspector().contentType("application/json")
                .body("{\"region\":\"demo\",\"year\":2024,\"correctsRunId\":" + run + "}")
                .post("/api/clearing-runs").then().statusCode(201)
                .body("correctsRunId", equalTo((int) run)).body("status", equalTo("DRAFT"))
                .extract().jsonPath().getLong("id");
        As.inspector().get("/api/clearing-runs/" + run).then().body("correctedByRunIds", hasItem((int) correction))
                .body("status", equalTo("FINAL"));
        As.inspector().post("/api/clearing-runs/" + correction + "/recompute").then().statusCode(200);
        As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024,\"correctsRunId\":" + correction + "}")
                .post("/api/clearing-runs").then().statusCode(409).body("detail", containsString("draft"));
    }

    @Test
    void theStatementExportsAsAnExcelWorkbookWithEveryLine() throws Exception {
        long run = openRun();
        int lines = statement(run, "H001").getList("lines").size();
        byte[] xlsx = As.inspector().get("/api/clearing-runs/" + run + "/statements/H001?format=xlsx").then().statusCode(200)
                .contentType(XLSX).header("Content-Disposition", containsString(".xlsx")).extract().asByteArray();
        byte[] byAccept = As.inspector().accept(XLSX).get("/api/clearing-runs/" + run + "/statements/H001").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        assertTrue(byAccept.length > 0);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals("清算单", wb.getSheetName(0));
            Sheet detail = wb.getSheet("明细");
            assertEquals(lines, detail.getLastRowNum());
            List<String> kinds = new ArrayList<>();
            for (Row row : detail) {
                kinds.add(row.getCell(1).getStringCellValue());
            }
            assertTrue(kinds.contains("认定多支付金额") && kinds.contains("违约金"), kinds.toString());
            assertTrue(wb.getSheet("清算单").getRow(7).getCell(1).getStringCellValue().startsWith("H001"));
        }
    }

    @Test
    void aHospitalUserSeesOnlyItsOwnStatement() {
        long run = openRun();
        As.user("h002").get("/api/clearing-runs/" + run + "/statements").then().statusCode(200)
                .body("hospitalCode", everyItem(equalTo("H002")));
        As.user("h002").get("/api/clearing-runs/" + run + "/statements/H002").then().statusCode(200)
                .body("statement.hospitalCode", equalTo("H002"));
        As.user("h002").get("/api/clearing-runs/" + run + "/statements/H001").then().statusCode(403);
        As.user("h002").get("/api/clearing-runs/" + run + "/statements?hospital=H001").then().statusCode(403);
        As.user("h002").contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}").post("/api/clearing-runs")
                .then().statusCode(403);
    }

    @Test
    void aBadImportIsRefusedWholeWithEveryFaultLocated() {
        As.inspector().contentType("application/x-ndjson").body(As.ndjson("""
                {"hospitalCode": "H003", "month": "2024-03", "advance": 1000.00}
                {"hospitalCode": "NOPE", "month": "2024-03", "advance": 1000.00}
                {"hospitalCode": "H003", "month": "2024-13", "advance": -5}
                {"hospitalCode": "H003", "month": "2024-04", "advance": 100, "depositWithheld": 200}
                """)).post("/api/clearing-runs/advances").then().statusCode(400)
                .contentType("application/problem+json")
                .body("rejected", equalTo(3))
                .body("errors.find { it.line == 2 }.field", equalTo("hospitalCode"))
                .body("errors.findAll { it.line == 3 }.field", hasItem("month"))
                .body("errors.findAll { it.line == 3 }.field", hasItem("advance"))
                .body("errors.find { it.line == 4 }.field", equalTo("depositWithheld"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson("{\"hospitalCode\": \"H003\", \"year\": 2024}"))
                .post("/api/clearing-runs/assessments").then().statusCode(400)
                .body("errors[0].field", equalTo("score"));
        As.user("reviewer").contentType("application/x-ndjson").body(As.ndjson("{}"))
                .post("/api/clearing-runs/assessments").then().statusCode(403);
    }

    @Test
    void aClosedCampaignThatExtrapolatesAddsItsLineAndARandomCaseConfirmedWithoutAFindingIsDeductedOnce() {
        long extrapolating = As.inspector().contentType("application/json")
                .body("{\"name\":\"9月随机抽查\",\"months\":[\"" + MONTH + "\"],\"hospitalCodes\":[\"H001\"],\"randomShare\":0.5,"
                        + "\"minPerHospital\":2,\"maxSuspicious\":0,\"seed\":11,\"extrapolate\":true}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + extrapolating + "/draw").then().statusCode(200);
        JsonPath items = As.inspector().get("/api/reviews?campaign=" + extrapolating).jsonPath();
        List<Integer> random = items.getList("findAll { it.findingIds.isEmpty() }.id");
        assertEquals(2, random.size(), "half of H001's four ordinary September cases");
        String wrongCase = items.getString("find { it.id == " + random.get(0) + " }.caseId");
        confirmAfterAppeal(random.get(0), "h001", "{\"action\":\"CONFIRM\",\"reason\":\"无指征住院\",\"amount\":1000,"
                + "\"family\":\"too-little-service\",\"severity\":\"MINOR\"}");
        act("inspector", random.get(1), "{\"action\":\"DISMISS\",\"reason\":\"无误\"}");
        As.inspector().post("/api/campaigns/" + extrapolating + "/close?confirmOpen=true").then().statusCode(200);
        BigDecimal lowerBound = dec(exact(As.inspector().get("/api/campaigns/" + extrapolating + "/results?hospital=H001").asString())
                .get("hospitals[0].extrapolation.lowerBound90"));

        long run = openRun();
        List<Map<String, Object>> lines = statement(run, "H001").getList("lines");
        List<Map<String, Object>> sampled = lines.stream().filter(l -> wrongCase.equals(l.get("caseId"))
                && "CASE".equals(l.get("sourceType"))).toList();
        assertEquals(1, sampled.size());
        assertEquals("OVERPAYMENT", sampled.get(0).get("kind"));
        assertEquals(0, dec("-1000.00").compareTo(dec(sampled.get(0).get("amount"))));
        List<Map<String, Object>> extrapolation = lines.stream().filter(l -> "CAMPAIGN".equals(l.get("sourceType"))
                && String.valueOf(extrapolating).equals(l.get("sourceId"))).toList();
        assertEquals(1, extrapolation.size());
        assertEquals("EXTRAPOLATION", extrapolation.get(0).get("kind"));
        BigDecimal expected = lowerBound.subtract(dec("1000.00")).max(BigDecimal.ZERO).negate();
        assertEquals(0, expected.compareTo(dec(extrapolation.get(0).get("amount"))), extrapolation.toString());
    }

    @Test
    void theDatabaseItselfRefusesToChangeAFinalRunsStatements() throws Exception {
        long run = openRun();
        As.user("approver").post("/api/clearing-runs/" + run + "/finalise").then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE clearing_statement SET balance = 0 WHERE run_id = " + run));
            assertTrue(e.getMessage().contains("final"), e.getMessage());
            assertThrows(SQLException.class,
                    () -> st.executeUpdate("DELETE FROM clearing_line WHERE run_id = " + run));
            assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE clearing_run SET total_due = 0 WHERE id = " + run));
            // moving a draft's lines into the final run, or emptying the tables, is refused as well
            long draft = openRun();
            SQLException moved = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "UPDATE clearing_line SET run_id = " + run + ", position = position + 100000 WHERE run_id = " + draft));
            assertTrue(moved.getMessage().contains("final"), moved.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("TRUNCATE clearing_line"));
        }
    }
}
