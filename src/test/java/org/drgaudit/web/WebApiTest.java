package org.drgaudit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the web interface reads besides the existing API: the page and its assets, who is signed in, the findings
 * breakdown with decided money, findings by review status and by case, a patient's stays, the golden cases, the
 * catalogue as HTML, and a failed login that does not open the browser's own password dialog.
 */
@QuarkusTest
class WebApiTest {

    @BeforeEach
    void data() {
        WebMonth.ensure();
    }

    @Test
    void theServiceServesThePageAndItsChartsItself() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/app/main.js"), containsString("lang=\"zh-CN\""));
        given().get("/app/main.js").then().statusCode(200).body(containsString("/api/account"));
        given().get("/_static/echarts/5.6.0/dist/echarts.esm.min.js").then().statusCode(200)
                .contentType(containsString("javascript"));
    }

    @Test
    void theSessionSaysWhoIsSignedInAndAHospitalUsersHospital() {
        As.user("h008").get("/api/ui/session").then().statusCode(200).body("username", equalTo("h008"))
                .body("roles", equalTo(List.of("hospital"))).body("hospitalCode", equalTo("H008"))
                .body("hospitalName", equalTo("演示县城关镇卫生院"));
        As.inspector().get("/api/ui/session").then().statusCode(200).body("roles", equalTo(List.of("inspector")))
                .body("hospitalCode", nullValue());
    }

    @Test
    void aFailedLoginFromThePageHasNoBasicChallengeSoTheBrowserShowsNoDialog() {
        given().auth().preemptive().basic("inspector", "wrong").header("X-Requested-With", "XMLHttpRequest")
                .get("/api/ui/session").then().statusCode(401).header("WWW-Authenticate", nullValue())
                .contentType(containsString("problem+json"));
        given().auth().preemptive().basic("inspector", "wrong").get("/api/ui/session").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        // the page signs in with GET /api/account (it also says whether the initial password must be changed first)
        given().auth().preemptive().basic("inspector", "wrong").header("X-Requested-With", "XMLHttpRequest")
                .get("/api/account").then().statusCode(401).header("WWW-Authenticate", nullValue());
    }

    @Test
    void theBreakdownGroupsFindingsAndTheirMoneyByMonthFamilyRuleAndHospital() {
        JsonPath byRule = As.inspector().get("/api/findings/breakdown?by=rule&month=" + WebMonth.MONTH + "&hospital=H008")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("HC-01", byRule.getString("rows[0].key"));
        JsonPath list = As.inspector().get("/api/findings?month=" + WebMonth.MONTH + "&hospital=H008").jsonPath();
        assertEquals(list.getInt("total"), byRule.getInt("total.findings"));
        BigDecimal priced = list.getList("items.overpayment", BigDecimal.class).stream().filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, priced.compareTo(byRule.getObject("total.overpayment", BigDecimal.class)));

        As.inspector().get("/api/findings/breakdown?by=month&hospital=H009").then().statusCode(200)
                .body("rows.key", hasItem(WebMonth.MONTH)).body("rows.find { it.key == '2024-08' }.findings", greaterThan(0));
        As.user("h008").get("/api/findings/breakdown?by=hospital").then().statusCode(200).body("rows.key", everyItem(equalTo("H008")));
        As.user("h008").get("/api/findings/breakdown?by=hospital&hospital=H009").then().statusCode(403);
        As.inspector().get("/api/findings/breakdown?by=colour").then().statusCode(400)
                .body("detail", containsString("month, family, rule, hospital"));
    }

    @Test
    void decidedFindingsCarryTheirConfirmedMoneyAndPenaltyIntoTheBreakdown() {
        long campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"breakdown\",\"months\":[\"" + WebMonth.MONTH + "\"],\"hospitalCodes\":[\"H009\"],\"seed\":7}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
        long item = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath().getLong("find { it.caseId == 'WEB-SA-B' }.id");
        // the queue pages through the items: one page read in full, the total in a header
        int all = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath().getList("id").size();
        As.inspector().get("/api/reviews?campaign=" + campaign + "&size=2&page=0").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(all)).body("size()", equalTo(Math.min(2, all)))
                .body("[0].caseSummary.caseId", not(nullValue()));
        As.inspector().get("/api/reviews?campaign=" + campaign + "&size=2&page=99").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(all)).body("size()", equalTo(0));
        As.inspector().get("/api/reviews?campaign=" + campaign + "&size=0").then().statusCode(400)
                .body("detail", containsString("'size'"));
        act("inspector", item, "{\"action\":\"CONFIRM\"}");
        act("reviewer", item, "{\"action\":\"CONFIRM\"}");
        act("h009", item, "{\"action\":\"ACCEPT\"}");
        JsonPath decided = act("reviewer", item, "{\"action\":\"CONFIRM\",\"severity\":\"GRAVE\"}");
        BigDecimal overpayment = decided.getObject("decisions[0].overpayment", BigDecimal.class);
        BigDecimal penalty = decided.getObject("decisions[0].penalty", BigDecimal.class);

        JsonPath family = As.inspector().get("/api/findings/breakdown?by=family&month=" + WebMonth.MONTH + "&hospital=H009").jsonPath();
        assertEquals(1, family.getInt("rows.find { it.key == 'split-admission' }.confirmed"));
        assertEquals(0, overpayment.compareTo(family.getObject("rows.find { it.key == 'split-admission' }.confirmedOverpayment", BigDecimal.class)));
        assertEquals(0, penalty.compareTo(family.getObject("total.penalty", BigDecimal.class)));
        assertEquals(0, overpayment.multiply(BigDecimal.valueOf(2)).compareTo(penalty), "严重: twice the overpayment");

        As.inspector().get("/api/findings?reviewStatus=CONFIRMED&hospital=H009&month=" + WebMonth.MONTH).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].caseIds", hasItem("WEB-SA-B"));
        As.inspector().get("/api/findings?reviewStatus=UNREVIEWED&hospital=H009&month=" + WebMonth.MONTH).then().statusCode(200)
                .body("items.reviewStatus", everyItem(equalTo("UNREVIEWED"))).body("items.caseIds.flatten()", not(hasItem("WEB-SA-B")));
    }

    private static JsonPath act(String user, long item, String body) {
        return As.user(user).contentType("application/json").body(body).post("/api/reviews/" + item + "/actions").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void findingsOfOneCaseAndAPatientsStays() {
        As.inspector().get("/api/findings?case=WEB-SA-A").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].ruleId", equalTo("SA-01"))
                .body("items[0].caseIds", equalTo(List.of("WEB-SA-A", "WEB-SA-B")));
        As.inspector().get("/api/findings?case=NO-SUCH-CASE").then().statusCode(200).body("total", equalTo(0));
        As.inspector().get("/api/cases?patient=WEB-P-SA").then().statusCode(200)
                .body("caseId", equalTo(List.of("WEB-SA-A", "WEB-SA-B"))).body("[0].grouping.code", not(nullValue()));
        As.user("h009").get("/api/cases?patient=WEB-P-SA").then().statusCode(200).body("size()", equalTo(2));
        As.user("h008").get("/api/cases?patient=WEB-P-SA").then().statusCode(200).body("size()", equalTo(0));
        As.inspector().get("/api/cases").then().statusCode(400).body("detail", containsString("patient"));
    }

    @Test
    void theGoldenCasesAreListedWithWhatEachExpects() {
        JsonPath golden = As.user("policy").get("/api/rules/golden-cases").then().statusCode(200).extract().jsonPath();
        assertEquals("HC-01", golden.getString("find { it.name == 'high-coding/HC-01-hit' }.ruleId"));
        assertEquals("hit", golden.getString("find { it.name == 'high-coding/HC-01-hit' }.kind"));
        assertEquals("BR23", golden.getString("find { it.name == 'high-coding/HC-01-hit' }.findings[0].correctGroup"));
        assertEquals(0, new BigDecimal("5624.64").compareTo(
                golden.getObject("find { it.name == 'high-coding/HC-01-hit' }.findings[0].overpayment", BigDecimal.class)));
        assertEquals("miss", golden.getString("find { it.name == 'high-coding/HC-01-miss' }.kind"));
        assertEquals(0, golden.getList("find { it.name == 'high-coding/HC-01-miss' }.findings").size());
        int passed = As.user("policy").post("/api/rules/test").jsonPath().getInt("passed");
        assertEquals(passed, golden.getList("name").size(), "one entry per golden case the regression runs");
    }

    @Test
    void theCatalogueIsRenderedAsHtmlWithTheRulesText() {
        As.user("reviewer").accept("text/html").get("/api/ui/rules/catalogue").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<table>"), containsString("HC-01"),
                        not(containsString("<script")));
    }
}
