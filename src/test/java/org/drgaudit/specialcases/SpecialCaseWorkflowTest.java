package org.drgaudit.specialcases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drgaudit.As;
import org.drgaudit.security.ExpertPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Special cases (特例单议) over REST, on August 2024: H003 (41 discharges, so a quota of 2) declares a high-cost case
 * from its candidates once the bureau keeps the closed window open, two experts of other hospitals approve it blind,
 * the bureau decides and the next clearing run pays the extra points on a SPECIAL_CASE line; an ungrouped case's
 * statement line follows its declaration; H008 (21 discharges, a quota of 1) is refused its second declaration with the
 * numbers until it withdraws the first; H005's window is closed; an H001 declaration is never given H001's expert, and
 * rejected; statistics and the blind meeting list.
 */
@QuarkusTest
class SpecialCaseWorkflowTest {

    static final String MONTH = "2024-08";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static boolean imported;

    @BeforeEach
    void augustImportedAndSwept() {
        if (imported) {
            return;
        }
        imported = true;
        List<String> lines = new ArrayList<>();
        ordinary(lines, "H003", 39);
        ordinary(lines, "H001", 19);
        ordinary(lines, "H008", 19);
        lines.add(highCost("SCW-HIGH", "H003"));
        lines.add(As.golden("special-case/SC-01-hit-2/cases.ndjson").strip().replace("2024-03-", "2024-08-")
                .replace("SC01-HIT2-A", "SCW-UNG").replace("P-SC01-HIT2", "P-SCW-UNG").replace("\"H004\"", "\"H003\""));
        lines.add(highCost("SCW-X1", "H001"));
        lines.add(highCost("SCW-Q1", "H008"));
        lines.add(highCost("SCW-Q2", "H008"));
        lines.add(highCost("SCW-W1", "H005"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);
    }

    private static void ordinary(List<String> lines, String hospital, int n) {
        String template = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow().replace("2024-03-", "2024-08-");
        for (int i = 0; i < n; i++) {
            lines.add(template.replace("SA01-HIT-A", "SCW-" + hospital + "-" + i).replace("P-SA01-HIT", "P-SCW-" + hospital + "-" + i)
                    .replace("\"H001\"", "\"" + hospital + "\""));
        }
    }

    /** The SC-01 golden hit: 52,000 CNY for ES31 (standard cost 15,900), 3.27 times the standard cost. */
    private static String highCost(String id, String hospital) {
        return As.golden("special-case/SC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-08-").replace("SC01-HIT-A", id)
                .replace("P-SC01-HIT", "P-" + id).replace("\"H001\"", "\"" + hospital + "\"");
    }

    static io.restassured.response.ValidatableResponse declare(String user, String caseId, String category) {
        return As.user(user).contentType("application/json")
                .body("{\"caseId\":\"" + caseId + "\",\"category\":\"" + category + "\",\"reason\":\"重症肺炎合并脓毒症、呼吸衰竭，救治费用远超病组标准\"}")
                .post("/api/special-cases").then();
    }

    static void keepOpen(String hospital, String period) {
        As.inspector().contentType("application/json").body("{\"period\":\"" + period + "\",\"hospitalCode\":\"" + hospital + "\",\"until\":\""
                + LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30) + "\",\"reason\":\"系统上线前的期间，准予补报\"}")
                .post("/api/special-cases/windows").then().statusCode(201).body("hospitalCode", equalTo(hospital));
    }

    private static void opinion(String expert, long id, String opinion, String reason) {
        As.user(expert).contentType("application/json").body("{\"opinion\":\"" + opinion + "\",\"reason\":\"" + reason + "\"}")
                .post("/api/special-cases/" + id + "/opinions").then().statusCode(200).body("myOpinion", equalTo(opinion));
    }

    private static JsonPath exact(String body) {
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static List<Map<String, Object>> statementLines(long run, String hospital) {
        return exact(As.inspector().get("/api/clearing-runs/" + run + "/statements/" + hospital).then().statusCode(200).extract().asString())
                .getList("lines");
    }

    private static long openRun() {
        return As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}")
                .post("/api/clearing-runs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aHospitalDeclaresAHighCostCaseTwoExpertsOfOtherHospitalsApproveBlindAndClearingPaysTheExtraOnASpecialCaseLine()
            throws Exception {
        long candidate = As.user("h003").get("/api/special-cases/candidates?period=" + MONTH).then().statusCode(200)
                .body("find { it.caseId == 'SCW-HIGH' }.suggestedCategory", equalTo("HIGH_COST"))
                .body("find { it.caseId == 'SCW-UNG' }.suggestedCategory", equalTo("UNGROUPED"))
                .body("hospitalCode", everyItem(equalTo("H003")))
                .extract().jsonPath().getLong("find { it.caseId == 'SCW-HIGH' }.findingId");
        keepOpen("H003", MONTH);

        long id = declare("h003", "SCW-HIGH", "HIGH_COST").statusCode(201)
                .body("status", equalTo("DECLARED")).body("categoryLabel", equalTo("极高费用")).body("period", equalTo(MONTH))
                .body("findingId", equalTo((int) candidate)).extract().jsonPath().getLong("id");
        byte[] pdf = "%PDF-1.4 病程记录：脓毒症休克，入住重症监护".getBytes(StandardCharsets.UTF_8);
        As.user("h003").contentType("application/pdf").body(pdf).post("/api/special-cases/" + id + "/attachments?fileName=病程记录.pdf")
                .then().statusCode(200).body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf))));
        declare("h003", "SCW-HIGH", "HIGH_COST").statusCode(409).body("detail", containsString("#" + id));

        JsonPath assigned = As.inspector().contentType("application/json").body("{\"seed\": 20240801}")
                .post("/api/special-cases/" + id + "/assign").then().statusCode(200)
                .body("status", equalTo("ASSIGNED")).body("seed", equalTo(20240801)).body("experts", hasSize(2))
                .body("experts.hospitalCode", not(hasItem("H003")))
                .extract().jsonPath();
        List<String> experts = assigned.getList("experts.expert");
        String outsider = List.of("expert", "expert2", "expert3").stream().filter(e -> !experts.contains(e)).findFirst().orElseThrow();
        // anyone can redo the draw from the seed: the two lowest SHA-256 keys of the pool
        for (String e : experts) {
            assertEquals(ExpertDraw.key(20240801, id, e), assigned.getString("experts.find { it.expert == '" + e + "' }.drawKey"));
        }

        // blind: nothing names the hospital, the case, the patient or the declaring user
        String blind = As.user(experts.get(0)).get("/api/special-cases/" + id).then().statusCode(200)
                .body("kase.totalCost", equalTo(52000.0f)).body("kase.groupCode", equalTo("ES31"))
                .body("kase.costRatio", equalTo(3.2704f)).body("attachments.fileName", hasItem("病程记录.pdf"))
                .extract().asString();
        for (String identifying : List.of("H003", "h003", "SCW-HIGH", "P-SCW-HIGH", "妇幼保健院", "hospitalCode", "caseId", "uploadedBy")) {
            assertFalse(blind.contains(identifying), identifying + " shows in the expert's view: " + blind);
        }
        // the expert reads the evidence as uploaded: the same bytes, the exact file name, its digest
        long attachment = As.user(experts.get(0)).get("/api/special-cases/" + id).jsonPath().getLong("attachments[0].id");
        byte[] read = As.user(experts.get(0)).get("/api/special-cases/" + id + "/attachments/" + attachment).then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''%E7%97%85%E7%A8%8B%E8%AE%B0%E5%BD%95.pdf"))
                .header("Repr-Digest", equalTo("sha-256=:" + java.util.Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(pdf)) + ":"))
                .extract().asByteArray();
        assertArrayEquals(pdf, read);
        As.user(outsider).get("/api/special-cases/" + id + "/attachments/" + attachment).then().statusCode(404);
        As.user(experts.get(0)).get("/api/special-cases?period=" + MONTH).then().statusCode(200).body("id", hasItem((int) id))
                .body("kase", everyItem(not(nullValue())));
        As.user(experts.get(0)).get("/api/cases/SCW-HIGH").then().statusCode(403);
        As.user(experts.get(0)).get("/api/findings/" + candidate).then().statusCode(403);
        As.user(outsider).get("/api/special-cases/" + id).then().statusCode(404);
        As.user(outsider).contentType("application/json").body("{\"opinion\":\"APPROVE\",\"reason\":\"同意\"}")
                .post("/api/special-cases/" + id + "/opinions").then().statusCode(404);

        opinion(experts.get(0), id, "APPROVE", "病情危重，费用合理，符合特例单议");
        As.inspector().contentType("application/json").body("{}").post("/api/special-cases/" + id + "/decide").then().statusCode(409)
                .body("detail", containsString("1/2"));
        As.user(experts.get(0)).contentType("application/json").body("{\"opinion\":\"REJECT\",\"reason\":\"改变主意\"}")
                .post("/api/special-cases/" + id + "/opinions").then().statusCode(409);
        opinion(experts.get(1), id, "APPROVE", "抢救费用有病历支持");

        JsonPath decided = exact(As.inspector().contentType("application/json").body("{\"note\":\"专家一致同意\"}")
                .post("/api/special-cases/" + id + "/decide").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approvals", equalTo(2)).body("payment.method", equalTo("GROUP_PLUS_EXCESS"))
                .extract().asString());
        // docs/special-cases.md: 132.5 points × (52,000 ÷ 15,900 − 3) = 35.8333 points, 4,300.00 CNY at the pricing point value
        assertEquals(0, new BigDecimal("35.8333").compareTo(decided.getObject("payment.extraPoints", BigDecimal.class)));
        assertEquals(0, new BigDecimal("4300.00").compareTo(decided.getObject("payment.extraAmount", BigDecimal.class)));
        As.inspector().contentType("application/json").body("{}").post("/api/special-cases/" + id + "/decide").then().statusCode(409);

        // the hospital sees what the experts said, not who they are
        String own = As.user("h003").get("/api/special-cases/" + id).then().statusCode(200)
                .body("opinions", hasSize(2)).body("opinions.opinionLabel", everyItem(equalTo("同意"))).body("experts", nullValue())
                .extract().asString();
        experts.forEach(e -> assertFalse(own.contains("\"" + e + "\""), e + " shows in the hospital's view"));
        As.user("h001").get("/api/special-cases/" + id).then().statusCode(404);

        long run = openRun();
        BigDecimal pointValue = exact(As.inspector().get("/api/clearing-runs/" + run).asString()).getObject("pointValue", BigDecimal.class);
        List<Map<String, Object>> special = statementLines(run, "H003").stream()
                .filter(l -> "SPECIAL_CASE".equals(l.get("kind")) && String.valueOf(id).equals(l.get("sourceId"))).toList();
        assertEquals(1, special.size(), special.toString());
        Map<String, Object> line = special.get(0);
        assertEquals("SCW-HIGH", line.get("caseId"));
        assertEquals("SPECIAL_CASE", line.get("sourceType"));
        assertEquals(0, new BigDecimal("35.8333").compareTo(new BigDecimal(String.valueOf(line.get("points")))));
        assertEquals(0, new BigDecimal("35.8333").multiply(pointValue).setScale(2, RoundingMode.HALF_UP)
                .compareTo(new BigDecimal(String.valueOf(line.get("amount")))), line.toString());
        assertTrue(String.valueOf(line.get("explanation")).contains("经专家评审认定") && String.valueOf(line.get("explanation")).contains("3.2704 倍"),
                String.valueOf(line.get("explanation")));
    }

    @Test
    void anUngroupedCaseIsPendingOnTheStatementUntilApprovedThenPaidByItsItems() {
        keepOpen("H003", MONTH);
        long before = openRun();
        String pendingText = statementLines(before, "H003").stream().filter(l -> "UNGROUPED".equals(l.get("kind")))
                .map(l -> String.valueOf(l.get("explanation"))).findFirst().orElseThrow();
        assertTrue(pendingText.contains("待特例单议认定后支付"), pendingText);

        long id = declare("h003", "SCW-UNG", "UNGROUPED").statusCode(201).extract().jsonPath().getLong("id");
        declare("h003", "SCW-H003-0", "UNGROUPED").statusCode(400).body("detail", containsString("不是未入组病例"));
        long during = openRun();
        List<Map<String, Object>> lines = statementLines(during, "H003");
        assertTrue(lines.stream().anyMatch(l -> "UNGROUPED".equals(l.get("kind"))
                && String.valueOf(l.get("explanation")).contains("已申报特例单议、尚在评审")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> "SPECIAL_CASE_PENDING".equals(l.get("kind"))
                && String.valueOf(l.get("explanation")).contains("#" + id + " SCW-UNG")), lines.toString());

        List<String> experts = As.inspector().contentType("application/json").body("{}").post("/api/special-cases/" + id + "/assign")
                .then().statusCode(200).extract().jsonPath().getList("experts.expert");
        experts.forEach(e -> opinion(e, id, "APPROVE", "无法入组，按项目支付合理"));
        As.inspector().contentType("application/json").body("{}").post("/api/special-cases/" + id + "/decide").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("payment.method", equalTo("ITEMS_AT_RATIO"))
                // 15,000 × 90% = 13,500 CNY, 112.5 points at 120 CNY a point
                .body("payment.extraPoints", equalTo(112.5f)).body("payment.extraAmount", equalTo(13500.0f));
        long after = openRun();
        List<Map<String, Object>> paid = statementLines(after, "H003");
        assertTrue(paid.stream().anyMatch(l -> "SPECIAL_CASE".equals(l.get("kind")) && "SCW-UNG".equals(l.get("caseId"))
                && new BigDecimal("112.5").compareTo(new BigDecimal(String.valueOf(l.get("points")))) == 0), paid.toString());
        assertTrue(paid.stream().anyMatch(l -> "UNGROUPED".equals(l.get("kind"))
                && String.valueOf(l.get("explanation")).contains("1 例经特例单议认定")), paid.toString());
    }

    @Test
    void aDeclarationPastTheQuotaIsRefusedWithTheNumbersAndAWithdrawalFreesItsPlace() {
        keepOpen("H008", MONTH);
        As.user("h008").get("/api/special-cases/quota?period=" + MONTH).then().statusCode(200)
                .body("discharges", equalTo(21)).body("cap", equalTo(1)).body("remaining", equalTo(1)).body("windowOpen", equalTo(true));
        long first = declare("h008", "SCW-Q1", "HIGH_COST").statusCode(201).extract().jsonPath().getLong("id");
        declare("h008", "SCW-Q2", "HIGH_COST").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("出院（结算）病例 21 例")).body("detail", containsString("即 1 例"))
                .body("detail", containsString("已申报 1 例，剩余 0 例"))
                .body("quota.discharges", equalTo(21)).body("quota.cap", equalTo(1)).body("quota.used", equalTo(1))
                .body("quota.remaining", equalTo(0));
        As.user("h001").contentType("application/json").body("{\"reason\":\"x\"}").post("/api/special-cases/" + first + "/withdraw")
                .then().statusCode(404);
        As.user("h008").contentType("application/json").body("{\"reason\":\"申报有误，改报另一病例\"}")
                .post("/api/special-cases/" + first + "/withdraw").then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        declare("h008", "SCW-Q2", "HIGH_COST").statusCode(201);
        As.user("h008").get("/api/special-cases/quota?period=" + MONTH).then().body("used", equalTo(1)).body("remaining", equalTo(0));
        As.user("h008").get("/api/special-cases/statistics?period=" + MONTH).then().statusCode(200)
                .body("byHospital", hasSize(1))
                .body("byHospital[0].hospitalCode", equalTo("H008"))
                .body("byHospital[0].counts.declared", equalTo(1)).body("byHospital[0].counts.withdrawn", equalTo(1))
                .body("byHospital[0].counts.pending", equalTo(1)).body("byHospital[0].quota.cap", equalTo(1))
                .body("byCategory.find { it.category == 'HIGH_COST' }.counts.declared", equalTo(1));
        As.user("h008").get("/api/special-cases/statistics?period=" + MONTH + "&hospital=H003").then().statusCode(403);
    }

    @Test
    void aDeclarationAfterTheWindowIsRefusedWithItsDates() {
        As.user("h005").get("/api/special-cases/quota?period=" + MONTH).then().statusCode(200)
                .body("windowClosesOn", equalTo("2024-09-15")).body("windowOpen", equalTo(false));
        declare("h005", "SCW-W1", "HIGH_COST").statusCode(409).body("detail", containsString("2024-09-15"))
                .body("detail", containsString("补报"));
        declare("h005", "SCW-H003-1", "OTHER").statusCode(403);
    }

    @Test
    void anExpertOfTheDeclaringHospitalIsNeverDrawnAndARejectionIsShownToTheHospitalWithTheReasons() {
        keepOpen("H001", MONTH);
        declare("h001", "SCW-X1", "LONG_STAY").statusCode(400).body("detail", containsString("不足超长住院 60 天"));
        long id = declare("h001", "SCW-X1", "HIGH_COST").statusCode(201).extract().jsonPath().getLong("id");
        JsonPath pool = As.inspector().get("/api/special-cases/experts").then().statusCode(200)
                .body("find { it.username == 'expert' }.hospitalCode", equalTo("H001")).extract().jsonPath();
        List<ExpertPool.Expert> all = pool.getList("username", String.class).stream().map(u -> new ExpertPool.Expert(u, null, null,
                pool.getString("find { it.username == '" + u + "' }.hospitalCode"))).toList();
        // a seed whose draw over the whole pool would take H001's own expert
        long seed = 1;
        while (ExpertDraw.draw(seed, id, all, 2).stream().noneMatch(d -> d.expert().username().equals("expert"))) {
            seed++;
        }
        List<String> drawn = As.inspector().contentType("application/json").body("{\"seed\":" + seed + "}")
                .post("/api/special-cases/" + id + "/assign").then().statusCode(200)
                .body("experts.hospitalCode", everyItem(not(equalTo("H001"))))
                .extract().jsonPath().getList("experts.expert");
        assertFalse(drawn.contains("expert"), drawn.toString());
        As.user("expert").get("/api/special-cases/" + id).then().statusCode(404);
        opinion(drawn.get(0), id, "REJECT", "费用主要为可避免的重复检查");
        opinion(drawn.get(1), id, "APPROVE", "病情重");
        As.inspector().contentType("application/json").body("{}").post("/api/special-cases/" + id + "/decide").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("approvals", equalTo(1)).body("rejections", equalTo(1))
                .body("payment", nullValue());
        As.user("h001").get("/api/special-cases/" + id).then().statusCode(200).body("statusLabel", equalTo("不予认定"))
                .body("opinions.reason", hasItem("费用主要为可避免的重复检查"))
                .body("history.action", hasItem("REJECT"))
                .body("history.findAll { it.action == 'OPINION' }.actor", everyItem(equalTo("专家")));
        As.user("h001").contentType("application/json").body("{\"reason\":\"x\"}").post("/api/special-cases/" + id + "/withdraw")
                .then().statusCode(409);
    }

    @Test
    void theMeetingListIsBlindAndAnExpertGetsOnlyWhatIsAssignedToThem() throws Exception {
        keepOpen("H003", MONTH);
        As.inspector().get("/api/special-cases?period=" + MONTH).then().statusCode(200);
        byte[] staff = As.inspector().accept(XLSX).get("/api/special-cases/export?period=" + MONTH).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(staff))) {
            Sheet list = wb.getSheet("特例单议评审表");
            assertEquals("申报编号", list.getRow(0).getCell(0).getStringCellValue());
            for (Row row : list) {
                for (Cell cell : row) {
                    String text = cell.toString();
                    assertFalse(text.matches(".*\\bH0\\d\\d\\b.*") || text.contains("SCW-"), "identifying cell: " + text);
                }
            }
        }
        As.user("expert").get("/api/special-cases/export?period=" + MONTH).then().statusCode(200).contentType(XLSX);
        As.user("h003").get("/api/special-cases/export?period=" + MONTH).then().statusCode(403);
        As.user("h003").contentType("application/json").body("{}").post("/api/special-cases/1/assign").then().statusCode(403);
        As.user("expert").contentType("application/json").body("{\"caseId\":\"SCW-HIGH\",\"category\":\"OTHER\",\"reason\":\"x\"}")
                .post("/api/special-cases").then().statusCode(403);
    }
}
