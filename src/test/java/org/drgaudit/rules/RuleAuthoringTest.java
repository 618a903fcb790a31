package org.drgaudit.rules;

import static org.drgaudit.rules.RuleLifecycleTest.backtest;
import static org.drgaudit.rules.RuleLifecycleTest.file;
import static org.drgaudit.rules.RuleLifecycleTest.lineOf;
import static org.drgaudit.rules.RuleLifecycleTest.newDraft;
import static org.drgaudit.rules.RuleLifecycleTest.write;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Writing rules without a developer (issue 15 items 5–7, 9): a new rule on the admission route with a new parameter in
 * DRL and YAML alone; an undeclared parameter refused with its position; HC-03 following DP-03's DRL; shadow mode as
 * published metadata; a stored case turned into a golden case. Own cases: LC-DQ09-A (July 2024), LC-SH-TL04-A
 * (August 2024), LC-GC-SA01-A/B (September 2024).
 */
@QuarkusTest
class RuleAuthoringTest {

    static final String DQ_DRL = """
            // 数据质量 — data quality: a rule written by policy staff in DRL alone.
            package rules;

            import org.drgaudit.rules.facts.AuditCase;
            import org.drgaudit.rules.facts.Price;

            global org.drgaudit.rules.facts.FindingCollector findings;

            rule "DQ-09 急诊入院当日出院"
                // 急诊入院后住院天数少于设定天数即常规出院，核查入院必要性。
                @id("DQ-09") @family("data-quality") @resultType("SUSPICIOUS") @severity("LOW")
                @basis("演示：急诊入院短住院核查") @since("2019-10-01") @parameters("emergency.minLosDays")
            when
                $c : AuditCase( inScope, admissionRoute == "EMERGENCY", dischargeMethod == "ROUTINE",
                                losDays < policy.integer("emergency.minLosDays") )
            then
                findings.on($c)
                    .explain("急诊入院，住院 " + $c.getLosDays() + " 天即常规出院，少于 " + $c.getPolicy().integer("emergency.minLosDays") + " 天。")
                    .evidence("admissionRoute", $c.getAdmissionRoute())
                    .evidence("losDays", $c.getLosDays())
                    .price(Price.unpriced("入院必要性待审核认定"))
                    .add();
            end
            """;
    static final String DQ_PARAMETER = """

            # 规则参数（由规则管理人员声明，规则以 policy.integer("emergency.minLosDays") 等读取）
            ruleParameters:
              emergency:
                minLosDays: {type: INTEGER, value: 1, description: 急诊入院后住院天数少于该值即常规出院的，核查入院必要性}
            """;

    /** The TL-04 miss case as an emergency stay of {@code days} days, with another id. */
    static String emergencyStay(String caseId, int days, String month) {
        return As.golden("too-little-service/TL-04-miss/cases.ndjson").strip().replace("TL04-MISS-A", caseId)
                .replace("P-TL04-MISS", "P-" + caseId).replace("\"OUTPATIENT\"", "\"EMERGENCY\"")
                .replace("\"dischargeTime\": \"2024-03-12T10:00:00\", \"losDays\": 8",
                        "\"dischargeTime\": \"2024-03-0" + (4 + days) + "T18:00:00\", \"losDays\": " + days)
                .replace("2024-03-", month + "-");
    }

    @Test
    void aNewRuleUsingTheAdmissionRouteAndANewParameterIsWrittenInDrlAndYamlAlone() {
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(emergencyStay("LC-DQ09-A", 0, "2024-07")))
                .post("/api/cases/import").then().statusCode(200);
        int v = newDraft("policy", "新规则 DQ-09：急诊入院当日出院");
        write("policy", v, "knowledge/parameters/demo-2024.yaml", file(v, "knowledge/parameters/demo-2024.yaml") + DQ_PARAMETER);
        write("policy", v, "knowledge/parameters/demo-2025.yaml", file(v, "knowledge/parameters/demo-2025.yaml") + DQ_PARAMETER);
        write("policy", v, "rules/emergency-admission.drl", DQ_DRL);
        // a rule without golden cases does not pass
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(422)
                .body("title", equalTo("Rule base lacks golden cases"))
                .body("detail", containsString("DQ-09 has no golden hit and no miss case"));
        write("policy", v, "test-cases/data-quality/DQ-09-hit/cases.ndjson", emergencyStay("DQ09-HIT-A", 0, "2024-03") + "\n");
        write("policy", v, "test-cases/data-quality/DQ-09-hit/expected.json", """
                {"month": "2024-03", "description": "急诊入院当日出院", "findings": [{"ruleId": "DQ-09", "caseIds": ["DQ09-HIT-A"], "unpriced": true}]}
                """);
        write("policy", v, "test-cases/data-quality/DQ-09-miss/cases.ndjson", emergencyStay("DQ09-MISS-A", 1, "2024-03") + "\n");
        write("policy", v, "test-cases/data-quality/DQ-09-miss/expected.json", """
                {"month": "2024-03", "description": "急诊入院住院 1 天，不少于 1 天", "findings": []}
                """);
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200).body("stage", equalTo("TESTED"))
                .body("regression.failed", equalTo(0));
        JsonPath b = backtest("policy", v, List.of("2024-07"));
        assertEquals(List.of("DQ-09"), b.getList("result.differences.findAll { it.caseIds.contains('LC-DQ09-A') }.ruleId"), b.prettify());
        assertEquals("ADDED", b.getString("result.differences.find { it.caseIds.contains('LC-DQ09-A') }.change"));
        // the parameter reads by name from the catalogue's point of view too
        As.user("policy").get("/api/rule-versions/" + v).then().body("version.status", equalTo("BACKTESTED"));
    }

    @Test
    void aRuleReadingAnUndeclaredParameterIsRefusedWithFileLineAndColumn() {
        int v = newDraft("policy", "读取未声明参数的规则");
        write("policy", v, "knowledge/parameters/demo-2024.yaml", file(v, "knowledge/parameters/demo-2024.yaml") + DQ_PARAMETER);
        write("policy", v, "knowledge/parameters/demo-2025.yaml", file(v, "knowledge/parameters/demo-2025.yaml") + DQ_PARAMETER);
        String drl = DQ_DRL.replace("losDays < policy.integer(\"emergency.minLosDays\")", "losDays < policy.integer(\"emergency.maxLosDays\")");
        write("policy", v, "rules/emergency-admission.drl", drl);
        int line = lineOf(drl, "emergency.maxLosDays");
        int column = drl.split("\n", -1)[line - 1].indexOf("emergency.maxLosDays") + 1;
        As.user("policy").post("/api/rule-versions/" + v + "/validate").then().statusCode(422)
                .body("errors.find { it.message.contains('emergency.maxLosDays') }.file", equalTo("rules/emergency-admission.drl"))
                .body("errors.find { it.message.contains('emergency.maxLosDays') }.line", equalTo(line))
                .body("errors.find { it.message.contains('emergency.maxLosDays') }.column", equalTo(column))
                .body("errors.find { it.message.contains('emergency.maxLosDays') }.message", containsString("not declared"));
        // a threshold written into the DRL: refused, pointing at the number
        String literal = DQ_DRL.replace("losDays < policy.integer(\"emergency.minLosDays\")", "losDays < 2");
        write("policy", v, "rules/emergency-admission.drl", literal);
        int literalLine = lineOf(literal, "losDays < 2");
        As.user("policy").post("/api/rule-versions/" + v + "/validate").then().statusCode(422)
                .body("errors.find { it.message.contains('number 2') }.line", equalTo(literalLine))
                .body("errors.find { it.message.contains('number 2') }.column", equalTo(literal.split("\n", -1)[literalLine - 1].indexOf("2 )") + 1));
        // read as another type: refused too
        write("policy", v, "rules/emergency-admission.drl", DQ_DRL.replace("policy.integer(\"emergency.minLosDays\") )", "policy.codes(\"emergency.minLosDays\").size() )"));
        As.user("policy").post("/api/rule-versions/" + v + "/validate").then().statusCode(422)
                .body("errors.message", hasItem(containsString("declared as INTEGER")));
    }

    @Test
    void hc03FollowsDp03WhenOnlyDp03sDrlChanges() {
        int v = newDraft("policy", "DP-03 不再认定无手术室手术的外科病组");
        String drl = file(v, "rules/mismatch.drl");
        String narrowed = drl.replace("!hasOrProcedure || ( surgeryFee < policy.mismatch.minSurgeryFee && !hasAnaesthesia )",
                "hasOrProcedure && surgeryFee < policy.mismatch.minSurgeryFee && !hasAnaesthesia");
        assertTrue(!narrowed.equals(drl), "DP-03's condition is in mismatch.drl");
        write("policy", v, "rules/mismatch.drl", narrowed);
        // HC-03 no longer leaves the surgical group without an OR procedure to DP-03: it reports the lighter regrouping
        JsonPath report = As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(422).extract().jsonPath();
        assertEquals(List.of("DP-03:DP03-HIT-A"), report.getList("regression.failures.find { it.testCase == 'mismatch/DP-03-hit' }.missing"));
        assertEquals(List.of("HC-03:DP03-HIT-A"), report.getList("regression.failures.find { it.testCase == 'mismatch/DP-03-hit' }.unexpected"));
    }

    @Test
    void aRuleSwitchedToShadowModeWithoutEditingItsDrlGivesShadowFindingsOncePublished() {
        String hit = As.golden("too-little-service/TL-04-hit/cases.ndjson").strip().replace("TL04-HIT-A", "LC-SH-TL04-A")
                .replace("P-TL04-HIT", "P-LC-SH-TL04").replace("2024-03-", "2024-08-");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(hit)).post("/api/cases/import").then().statusCode(200);
        int before = As.user("policy").get("/api/rules/version").jsonPath().getInt("version");
        int v = newDraft("policy", "TL-04 切换为影子模式");
        As.user("policy").contentType("application/json").body(Map.of("mode", "shadow")).put("/api/rule-versions/" + v + "/rules/TL-04/mode")
                .then().statusCode(200).body("files.path", hasItem("rules/rule-settings.yaml"));
        As.user("policy").contentType("application/json").body(Map.of("mode", "sometimes")).put("/api/rule-versions/" + v + "/rules/TL-04/mode")
                .then().statusCode(400);
        As.user("policy").get("/api/rule-versions/diff?from=" + before + "&to=" + v).then()
                .body("files.path", equalTo(List.of("rules/rule-settings.yaml")));
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200);
        JsonPath b = backtest("policy", v, List.of("2024-08"));
        assertEquals("CHANGED", b.getString("result.differences.find { it.caseIds.contains('LC-SH-TL04-A') }.change"), b.prettify());
        As.user("policy").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/approve").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(200);
        try {
            As.inspector().get("/api/rules").then().body("find { it.id == 'TL-04' }.mode", equalTo("shadow"));
            As.sweep("2024-08");
            As.inspector().get("/api/findings?month=2024-08&rule=TL-04&size=1000").then()
                    .body("items.find { it.caseIds.contains('LC-SH-TL04-A') }.shadow", equalTo(true));
        } finally {
            As.user("approver").contentType("application/json").body(Map.of("reason", "测试结束，恢复"))
                    .post("/api/rule-versions/" + before + "/rollback").then().statusCode(200);
        }
        As.inspector().get("/api/rules").then().body("find { it.id == 'TL-04' }.mode", equalTo(null));
    }

    @Test
    void theRulePageShowsTemplateParametersGoldenCasesAndPrecisionFromReviewDecisions() {
        JsonPath page = As.user("policy").get("/api/rules/SA-01").then().statusCode(200).extract().jsonPath();
        assertEquals("SA-01", page.getString("rule.id"));
        assertEquals(15, page.getInt("parameters.'splitAdmission.readmissionWindowDays'.'demo 2024'"));
        assertTrue(page.getList("goldenCases", String.class).contains("split-admission/SA-01-hit"));
        List<Map<String, Object>> all = As.user("policy").get("/api/findings/precision").jsonPath().getList("$");
        long decided = all.stream().filter(p -> "SA-01".equals(p.get("ruleId"))).mapToLong(p -> ((Number) p.get("decided")).longValue()).sum();
        assertEquals(decided, page.getLong("precision.decided"));
        As.user("policy").get("/api/rules/ZZ-99").then().statusCode(404);
    }

    @Test
    void aStoredCaseBecomesAPseudonymisedGoldenCaseWithItsExpectedFindings() {
        String pair = As.golden("split-admission/SA-01-hit/cases.ndjson").replace("SA01-HIT-", "LC-GC-SA01-")
                .replace("P-SA01-HIT", "P-LC-GC-SA01").replace("2024-03-", "2024-09-");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(pair)).post("/api/cases/import").then().statusCode(200);
        int v = newDraft("policy", "以真实病例补充 SA-01 黄金用例");
        JsonPath added = As.user("policy").contentType("application/json")
                .body(Map.of("caseId", "LC-GC-SA01-B", "ruleId", "SA-01", "kind", "hit", "description", "2024年9月抽查确认的分解住院"))
                .post("/api/rule-versions/" + v + "/golden-cases").then().statusCode(201)
                .body("folder", equalTo("split-admission/SA-01-hit-case-1"))
                .body("month", equalTo("2024-09"))
                .extract().jsonPath();
        String cases = file(v, "test-cases/split-admission/SA-01-hit-case-1/cases.ndjson");
        assertTrue(!cases.contains("LC-GC-SA01") && !cases.contains("P-LC-GC-SA01"), "pseudonymised: " + cases);
        assertEquals(2, cases.strip().split("\n").length, "both stays of the episode");
        String expected = file(v, "test-cases/split-admission/SA-01-hit-case-1/expected.json");
        assertTrue(expected.contains("\"ruleId\" : \"SA-01\"") && expected.contains("\"overpayment\""), expected);
        assertEquals(added.getString("pseudonyms.'LC-GC-SA01-B'"), added.getList("expected.find { it.ruleId == 'SA-01' }.caseIds").get(1));
        // the draft with its new golden case passes the gate; a miss that fires is refused
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200).body("regression.failed", equalTo(0))
                .body("goldenCasesChanged", equalTo(List.of("split-admission/SA-01-hit-case-1")));
        As.user("policy").contentType("application/json").body(Map.of("caseId", "LC-GC-SA01-B", "ruleId", "SA-01", "kind", "miss"))
                .post("/api/rule-versions/" + v + "/golden-cases").then().statusCode(400).body("detail", containsString("include SA-01"));
        As.user("policy").get("/api/rule-versions/" + v).then().body("history.action", hasItem("golden-case-added"))
                .body("version.status", equalTo("TESTED")).body("version.version", notNullValue());
    }

    @Test
    void aHospitalReadsTheExplanationRenderedFromMaskedEvidenceWithoutTheOtherHospital() {
        String pair = As.golden("split-admission/SA-01-hit-3/cases.ndjson").replace("SA01-HIT3-", "LC-MASK-")
                .replace("P-SA01-HIT3", "P-LC-MASK").replace("2024-03-", "2024-10-");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(pair)).post("/api/cases/import").then().statusCode(200);
        As.sweep("2024-10");
        int id = As.inspector().get("/api/findings?month=2024-10&rule=SA-01&size=1000").jsonPath()
                .getInt("items.find { it.caseIds.contains('LC-MASK-B') }.id");
        JsonPath full = As.inspector().get("/api/findings/" + id).jsonPath();
        String other = full.getString("evidence.earlierHospital");
        String own = full.getString("evidence.laterHospital");
        assertTrue(full.getString("explanation").contains(other) && full.getString("explanation").contains("LC-MASK-A"), full.getString("explanation"));
        assertTrue(full.getString("explanation").contains("多支付"), "the money sentence follows the template");
        JsonPath masked = As.user("h005").get("/api/findings/" + id).then().statusCode(200).extract().jsonPath();
        String text = masked.getString("explanation");
        assertTrue(!text.contains(other) && !text.contains("LC-MASK-A") && !text.contains("H008"), text);
        assertTrue(text.contains("从医共体内其他机构出院（病例 医共体内其他机构病例") && text.contains(own) && text.contains("多支付"), text);
        assertEquals("医共体内其他机构", masked.getString("evidence.earlierHospital"));
        // the catalogue shows each rule's template
        As.user("policy").get("/api/rules/catalogue").then().body(containsString("{earlierHospital}"));
        As.user("policy").get("/api/rules/SA-01").then().body("rule.explanation", containsString("{earlierHospital}"));
    }
}
