package org.drgaudit.clearing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.As;
import org.drgaudit.demo.DemoGenerator;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One number from finding to decision to statement line, over REST on a generated demo month (August 2024, ids
 * prefixed MF-, at the hospitals other August tests leave alone: H002, H004, H006, H007, H010, plus two golden episodes
 * at H001): two split-admission findings on one payment recover it once; a reviewer's correction needs a
 * reason and a named correct group is priced; implausible amounts are refused; and when every item of the campaign is
 * decided, a clearing run shows for each confirmed finding exactly the overpayment and penalty of its decision, which
 * is also what {@code GET /api/findings/{id}} shows, and the reconciliation report finds no difference.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoneyFlowTest {

    private static final String MONTH = "2024-08";
    /** Other tests count August's discharges at H003, H005, H008 and H009: the generated month stays off them. */
    private static final java.util.Set<String> HOSPITALS = java.util.Set.of("H002", "H004", "H006", "H007", "H010");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static long campaign;

    @BeforeEach
    void augustDrawn() throws Exception {
        if (campaign != 0) {
            return;
        }
        List<String> cases = new ArrayList<>();
        List<String> visits = new ArrayList<>();
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB", KnowledgeService.readFolder(Path.of("knowledge-base")));
        StringWriter c = new StringWriter();
        StringWriter v = new StringWriter();
        new DemoGenerator(kb, "demo", 2024).generate(new DemoGenerator.Settings("demo", YearMonth.of(2024, 8), YearMonth.of(2024, 8),
                400, 20240801, 0.08), c, v, new StringWriter());
        for (String line : c.toString().lines().toList()) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            if (n.get("settlementDate").asText().startsWith(MONTH) && HOSPITALS.contains(n.get("hospitalCode").asText())) {
                n.put("caseId", "MF-" + n.get("caseId").asText());
                n.put("patientId", "MF-" + n.get("patientId").asText());
                cases.add(JSON.writeValueAsString(n));
            }
        }
        for (String line : v.toString().lines().toList()) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.put("visitId", "MF-" + n.get("visitId").asText());
            n.put("patientId", "MF-" + n.get("patientId").asText());
            visits.add(JSON.writeValueAsString(n));
        }
        // a three-stay chain of pneumonia at H001: SA-01 names the first two stays, SA-03 all three
        As.golden("split-admission/SA-03-hit-3/cases.ndjson").lines().forEach(l -> cases.add(l.replace("2024-03-", "2024-08-")
                .replace("SA03-HIT3-", "MF-SA-").replace("P-SA03-HIT3", "MF-P-SA")));
        cases.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-08-")
                .replace("HC01-HIT-A", "MF-HC01").replace("P-HC01-HIT", "MF-P-HC01"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", cases)))
                .post("/api/cases/import").then().statusCode(200).body("rejected", equalTo(0));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", visits)))
                .post("/api/outpatient-visits/import").then().statusCode(200);
        As.sweep(MONTH);
        campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"8月专项抽查（金额核对）\",\"months\":[\"" + MONTH + "\"],\"randomShare\":0.02,\"minPerHospital\":1,"
                        + "\"maxSuspicious\":500,\"seed\":808,\"hospitalCodes\":[\"H001\",\"H002\",\"H004\",\"H006\",\"H007\",\"H010\"]}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
    }

    private static ValidatableResponse act(String user, long item, String body) {
        return As.user(user).contentType("application/json").body(body).post("/api/reviews/" + item + "/actions").then();
    }

    /** 初审 and 复审 confirm, the hospital accepts (认可): the item is at 违规处理. */
    private static void toDecision(long item, String hospital) {
        act("inspector", item, "{\"action\":\"CONFIRM\",\"reason\":\"初审确认\"}").statusCode(200);
        act("reviewer", item, "{\"action\":\"CONFIRM\",\"reason\":\"复审确认\"}").statusCode(200);
        act(hospital.toLowerCase(), item, "{\"action\":\"ACCEPT\"}").statusCode(200).body("step", equalTo("DECISION"));
    }

    private static JsonPath exact(String body) {
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static JsonPath item(String caseId) {
        long id = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath().getLong("find { it.caseId == '" + caseId + "' }.id");
        return exact(As.inspector().get("/api/reviews/" + id).asString());
    }

    private static BigDecimal dec(Object v) {
        return v == null ? null : new BigDecimal(String.valueOf(v));
    }

    @Test
    @Order(1)
    void twoSplitFindingsOnOneStayRecoverItsPaymentOnce() {
        JsonPath sa01 = item("MF-SA-B");
        long sa01Item = sa01.getLong("id");
        toDecision(sa01Item, "H001");
        act("reviewer", sa01Item, "{\"action\":\"CONFIRM\",\"severity\":\"MINOR\"}").statusCode(200)
                .body("decisions[0].overpayment", equalTo(4199.04f));

        // SA-03 halves the first two stays; the first one's half was recovered by SA-01 already
        JsonPath sa03 = item("MF-SA-C");
        long sa03Item = sa03.getLong("id");
        toDecision(sa03Item, "H001");
        JsonPath proposal = exact(As.inspector().get("/api/reviews/" + sa03Item).asString());
        assertEquals(0, dec("8398.08").compareTo(dec(proposal.get("proposal[0].pricedOverpayment"))));
        assertEquals(0, dec("4199.04").compareTo(dec(proposal.get("proposal[0].overpayment"))));
        assertTrue(proposal.getString("proposal[0].note").contains("同一笔支付"), proposal.getString("proposal[0].note"));
        // taking the priced amount anyway is a correction and must say why
        act("reviewer", sa03Item, "{\"action\":\"CONFIRM\",\"severity\":\"MINOR\",\"overpayment\":8398.08}").statusCode(400)
                .body("detail", containsString("须说明理由"));
        act("reviewer", sa03Item, "{\"action\":\"CONFIRM\",\"severity\":\"MINOR\"}").statusCode(200)
                .body("decisions[0].overpayment", equalTo(4199.04f))
                .body("decisions[0].pricedOverpayment", equalTo(8398.08f));
    }

    @Test
    @Order(2)
    void aCorrectGroupIsPricedACorrectionNeedsAReasonAndImplausibleAmountsAreRefused() {
        long id = item("MF-HC01").getLong("id");
        toDecision(id, "H001");
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"amount\":1e13,\"reason\":\"x\"}").statusCode(400)
                .body("detail", containsString("overpayment"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"overpayment\":-1,\"reason\":\"x\"}").statusCode(400);
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"CAPITAL\"}").statusCode(400)
                .body("detail", containsString("MINOR"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"correctGroup\":\"ZZ99\",\"reason\":\"x\"}").statusCode(400)
                .body("detail", containsString("ZZ99"));
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"correctGroup\":\"BR25\"}").statusCode(400)
                .body("detail", containsString("须说明理由"));
        // BR21 → BR25 at H001: (1.452 − 0.835) × 12,000 × 1.08 = 7,996.32; severity 较重: 1 × the overpayment
        act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"correctGroup\":\"BR25\",\"reason\":\"病历示低钾血症未治疗\"}")
                .statusCode(200)
                .body("correctGroup", equalTo("BR25"))
                .body("decisions[0].overpayment", equalTo(7996.32f))
                .body("decisions[0].pricedOverpayment", equalTo(5624.64f))
                .body("decisions[0].penalty", equalTo(7996.32f));
    }

    @Test
    @Order(3)
    void everyConfirmedFindingOfTheCampaignShowsOneOverpaymentAndPenaltyOnFindingDecisionAndStatement() {
        JsonPath items = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath();
        List<Map<String, Object>> open = items.getList("findAll { it.step != 'DONE' }");
        assertTrue(open.size() >= 10, "the generated month gives a campaign worth checking: " + open.size());
        int confirmedRandom = 0;
        for (Map<String, Object> it : open) {
            long id = ((Number) it.get("id")).longValue();
            String hospital = (String) it.get("hospitalCode");
            List<?> findings = (List<?>) it.get("findingIds");
            if (findings.isEmpty() && confirmedRandom++ > 0) {
                act("inspector", id, "{\"action\":\"DISMISS\",\"reason\":\"抽查无误\"}").statusCode(200);
                continue;
            }
            toDecision(id, hospital);
            if (findings.isEmpty()) {
                act("reviewer", id, "{\"action\":\"CONFIRM\",\"severity\":\"SERIOUS\",\"family\":\"mismatch\",\"overpayment\":321.00,"
                        + "\"reason\":\"病历核实：主要诊断选择错误\"}").statusCode(200);
                continue;
            }
            JsonPath view = exact(As.inspector().get("/api/reviews/" + id).asString());
            List<String> decisions = new ArrayList<>();
            for (Map<String, Object> p : view.<Map<String, Object>>getList("proposal")) {
                Object finding = p.get("findingId");
                if ("special-case".equals(p.get("family"))) {
                    decisions.add("{\"findingId\":" + finding + ",\"outcome\":\"DISMISS\",\"reason\":\"特例单议候选，另行申报\"}");
                } else if (p.get("overpayment") == null) {
                    decisions.add("{\"findingId\":" + finding + ",\"severity\":\"GRAVE\",\"overpayment\":1000.00,"
                            + "\"reason\":\"按病历认定正确编码后的金额\"}");
                } else {
                    decisions.add("{\"findingId\":" + finding + ",\"severity\":\"GRAVE\"}");
                }
            }
            act("reviewer", id, "{\"action\":\"CONFIRM\",\"findings\":[" + String.join(",", decisions) + "]}").statusCode(200);
        }

        long run = As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}")
                .post("/api/clearing-runs").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath report = exact(As.inspector().get("/api/clearing-runs/" + run + "/reconciliation").asString());
        assertEquals(0, report.getInt("statementDiffers"), report.prettify());
        assertTrue(report.getList("orphans").isEmpty(), report.prettify());

        Map<String, JsonPath> statements = new HashMap<>();
        int checked = 0;
        for (Map<String, Object> it : As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath()
                .<Map<String, Object>>getList("findAll { it.outcome == 'CONFIRMED' }")) {
            for (Object f : (List<?>) it.get("findingIds")) {
                JsonPath finding = exact(As.inspector().get("/api/findings/" + f).asString());
                if (!"CONFIRMED".equals(finding.getString("decision.outcome"))) {
                    continue;
                }
                String hospital = finding.getString("hospitalCode");
                JsonPath statement = statements.computeIfAbsent(hospital, h -> exact(As.inspector()
                        .get("/api/clearing-runs/" + run + "/statements/" + h).asString()));
                BigDecimal onStatement = sum(statement, "OVERPAYMENT", String.valueOf(f));
                BigDecimal penaltyOnStatement = sum(statement, "PENALTY", String.valueOf(f));
                assertEquals(0, dec(finding.get("decision.overpayment")).compareTo(onStatement.negate()), "finding " + f);
                assertEquals(0, dec(finding.get("decision.penalty")).compareTo(penaltyOnStatement.negate()), "finding " + f);
                BigDecimal decided = exact(As.inspector().get("/api/reviews/" + it.get("id")).asString())
                        .<Map<String, Object>>getList("decisions").stream().filter(d -> String.valueOf(f).equals(String.valueOf(d.get("findingId"))))
                        .map(d -> dec(d.get("overpayment"))).findFirst().orElseThrow();
                assertEquals(0, decided.compareTo(onStatement.negate()), "decision of finding " + f);
                checked++;
            }
        }
        assertTrue(checked >= 10, "confirmed findings checked: " + checked);
    }

    private static BigDecimal sum(JsonPath statement, String kind, String findingId) {
        return statement.<Map<String, Object>>getList("lines").stream()
                .filter(l -> kind.equals(l.get("kind")) && "FINDING".equals(l.get("sourceType")) && findingId.equals(l.get("sourceId")))
                .map(l -> dec(l.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
