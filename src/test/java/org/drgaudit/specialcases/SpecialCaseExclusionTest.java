package org.drgaudit.specialcases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No special-case finding ever appears in a violation sample, a precision figure or a deduction. January 2024 at H009:
 * ordinary cases, an upcoded case (HC-01, a violation) and two high-cost cases (SC-01 candidates). The campaign draws
 * the violation and never a candidate; and even where older data marked a candidate decided, or confirmed it with an
 * amount at 违规处理 (as the service once allowed), neither precision nor clearing counts it.
 */
@QuarkusTest
class SpecialCaseExclusionTest {

    private static final String MONTH = "2024-01";
    private static long campaign;
    /** A second draw of the same scope, whose data the tests of older data change. */
    private static long legacy;
    private static long candidate;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void januarySweptAndSampled() {
        if (campaign != 0) {
            return;
        }
        String ordinary = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow().replace("2024-03-", "2024-01-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(ordinary.replace("SA01-HIT-A", "SCX-" + i).replace("P-SA01-HIT", "P-SCX-" + i).replace("\"H001\"", "\"H009\""));
        }
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-01-").replace("HC01-HIT-A", "SCX-HC01")
                .replace("P-HC01-HIT", "P-SCX-HC01").replace("\"H001\"", "\"H009\""));
        for (String id : List.of("SCX-HIGH1", "SCX-HIGH2")) {
            lines.add(As.golden("special-case/SC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-01-").replace("SC01-HIT-A", id)
                    .replace("P-SC01-HIT", "P-" + id).replace("\"H001\"", "\"H009\""));
        }
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);
        candidate = As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H009&rule=SC-01").then().statusCode(200)
                .body("total", equalTo(2)).extract().jsonPath().getLong("items.find { it.caseIds[0] == 'SCX-HIGH1' }.id");
        campaign = As.inspector().contentType("application/json").body("{\"name\":\"1月专项抽查（特例单议排除）\",\"months\":[\"" + MONTH
                        + "\"],\"hospitalCodes\":[\"H009\"],\"randomShare\":0,\"minPerHospital\":0,\"maxSuspicious\":100,\"seed\":6}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
        legacy = As.inspector().contentType("application/json").body("{\"name\":\"1月专项抽查（旧数据）\",\"months\":[\"" + MONTH
                        + "\"],\"hospitalCodes\":[\"H009\"],\"randomShare\":0,\"minPerHospital\":0,\"maxSuspicious\":100,\"seed\":7}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + legacy + "/draw").then().statusCode(200);
    }

    @Test
    void theRiskTargetedSampleDrawsTheViolationAndNeverASpecialCaseCandidate() {
        JsonPath sample = As.inspector().get("/api/campaigns/" + campaign + "/sample").then().statusCode(200).extract().jsonPath();
        // other tests' cases of the month may be drawn too; the candidates never, though maxSuspicious would take them
        List<String> drawn = sample.getList("caseId");
        assertTrue(drawn.contains("SCX-HC01"), drawn.toString());
        assertFalse(drawn.contains("SCX-HIGH1") || drawn.contains("SCX-HIGH2"), drawn.toString());
        As.inspector().get("/api/reviews?campaign=" + campaign).then().statusCode(200)
                .body("findings.flatten().family", not(hasItem("special-case")));
        As.inspector().contentType("application/json").body("{\"name\":\"特例单议抽查\",\"months\":[\"" + MONTH + "\"],\"families\":[\"special-case\"]}")
                .post("/api/campaigns").then().statusCode(400).body("detail", containsString("特例单议候选不是违规"));
    }

    @Test
    void aSpecialCaseMarkedDecidedByOlderDataCountsInNoPrecisionFigure() throws Exception {
        long item = As.inspector().get("/api/reviews?campaign=" + legacy).jsonPath().getLong("find { it.caseId == 'SCX-HC01' }.id");
        try (Connection c = dataSource.getConnection();
             PreparedStatement finding = c.prepareStatement("UPDATE finding SET review_status = 'DISMISSED' WHERE id = ?");
             PreparedStatement review = c.prepareStatement("UPDATE review_item SET finding_ids = finding_ids || ? WHERE id = ?")) {
            finding.setLong(1, candidate);
            finding.executeUpdate();
            review.setLong(1, candidate);
            review.setLong(2, item);
            review.executeUpdate();
        }
        As.user("policy").get("/api/findings/precision").then().statusCode(200).body("ruleId", not(hasItem("SC-01")));
        As.inspector().get("/api/campaigns/" + legacy + "/results").then().statusCode(200).body("rules.ruleId", not(hasItem("SC-01")));
    }

    @Test
    void aSpecialCaseConfirmedWithAnAmountAtTheDecisionIsNeverDeducted() throws Exception {
        long item = As.inspector().get("/api/reviews?campaign=" + legacy).jsonPath().getLong("find { it.caseId == 'SCX-HC01' }.id");
        long other = As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H009&rule=SC-01").jsonPath()
                .getLong("items.find { it.caseIds[0] == 'SCX-HIGH2' }.id");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO review_decision (item_id, finding_id, rule_id, family, hospital_code, case_ids, month, outcome,
                         overpayment, severity, severity_name, penalty_base, penalty_multiple, penalty, reason, decided_by)
                     VALUES (?, ?, 'SC-01', 'special-case', 'H009', ?, DATE '2024-01-01', 'CONFIRMED', 5000.00, 'SERIOUS', '较重',
                             'OVERPAYMENT', 1, 5000.00, '旧版本误将特例单议候选认定为违规', 'reviewer')""")) {
            ps.setLong(1, item);
            ps.setLong(2, other);
            ps.setArray(3, c.createArrayOf("text", new String[] {"SCX-HIGH2"}));
            ps.executeUpdate();
        }
        long run = As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}")
                .post("/api/clearing-runs").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> lines = As.inspector().get("/api/clearing-runs/" + run + "/statements/H009").jsonPath().getList("lines");
        assertFalse(lines.stream().anyMatch(l -> String.valueOf(other).equals(l.get("sourceId")) || "SCX-HIGH2".equals(l.get("caseId"))
                && ("OVERPAYMENT".equals(l.get("kind")) || "PENALTY".equals(l.get("kind")))), lines.toString());
        As.inspector().get("/api/clearing-runs/" + run + "/reconciliation").then().statusCode(200)
                .body("rows.findingId", not(hasItem((int) other)))
                .body("statementDiffers", equalTo(0));
        assertTrue(lines.stream().noneMatch(l -> "OVERPAYMENT".equals(l.get("kind")) && "SCX-HIGH2".equals(l.get("caseId"))));
    }
}
