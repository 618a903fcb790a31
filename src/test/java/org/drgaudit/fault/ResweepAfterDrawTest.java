package org.drgaudit.fault;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 1: a re-sweep (the monthly cron, or one after a rule reload) never deletes a finding that a
 * campaign has drawn; the review items keep pointing at findings that exist, and the month does not get a second
 * copy of them.
 */
@QuarkusTest
class ResweepAfterDrawTest {

    // a month no other test uses; its cases are claimed under CHS-DRG 2.0, the version in force in 2025
    private static final String MONTH = "2025-08";

    @Inject
    AgroalDataSource dataSource;

    private static boolean imported;

    @BeforeEach
    void importAndSweepOnce() {
        if (imported) {
            return;
        }
        imported = true;
        String hc01 = As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2025-08-")
                .replace("CHS-DRG-1.1", "CHS-DRG-2.0").replace("HC01-HIT-A", "RSW-HC01").replace("\"patientId\": \"", "\"patientId\": \"RSW-");
        String dp01 = As.golden("mismatch/DP-01-hit/cases.ndjson").strip().replaceAll("2024-0(\\d)-", "2025-08-")
                .replace("CHS-DRG-1.1", "CHS-DRG-2.0")
                .replace("\"caseId\": \"", "\"caseId\": \"RSW-").replace("\"patientId\": \"", "\"patientId\": \"RSW-");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(hc01 + "\n" + dp01)).post("/api/cases/import")
                .then().statusCode(200);
        As.sweep(MONTH);
    }

    /** The month's findings on this test's cases, as rule and cases (what a second copy would repeat). */
    private static List<String> findingsOfTheseCases() {
        return As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.caseIds.any { c -> c.startsWith('RSW-') } }.collect { it.ruleId + it.caseIds }",
                        String.class).stream().sorted().toList();
    }

    private static long drawnCampaign(long seed) {
        long campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"重扫测试\",\"months\":[\"" + MONTH + "\"],\"randomShare\":0,\"minPerHospital\":0,\"seed\":" + seed + "}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
        return campaign;
    }

    @Test
    void aReSweepKeepsEverySampledFindingAndWritesNoSecondCopy() {
        List<String> before = findingsOfTheseCases();
        long campaign = drawnCampaign(1);
        List<Long> sampled = As.inspector().get("/api/campaigns/" + campaign + "/sample").then().statusCode(200)
                .extract().jsonPath().getList("findingIds.flatten()", Long.class);
        assertFalse(sampled.isEmpty(), "the draw sampled findings");

        As.sweep(MONTH);
        As.sweep(MONTH);

        for (long id : sampled) {
            As.inspector().get("/api/findings/" + id).then().statusCode(200).body("reviewStatus", equalTo("SAMPLED"));
        }
        for (long id : As.inspector().get("/api/reviews?campaign=" + campaign).then().statusCode(200)
                .extract().jsonPath().getList("findingIds.flatten()", Long.class)) {
            As.inspector().get("/api/findings/" + id).then().statusCode(200);
        }
        assertEquals(before, findingsOfTheseCases(), "the same findings, each once");
    }

    @Test
    void theDatabaseRefusesToDeleteAFindingThatAReviewItemNames() throws SQLException {
        long campaign = drawnCampaign(2);
        long finding = As.inspector().get("/api/reviews?campaign=" + campaign).then().statusCode(200)
                .extract().jsonPath().getLong("[0].findingIds[0]");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM finding WHERE id = " + finding));
            assertEquals("23001", refused.getSQLState(), refused.getMessage());
        }
        As.inspector().get("/api/findings/" + finding).then().statusCode(200);
    }
}
