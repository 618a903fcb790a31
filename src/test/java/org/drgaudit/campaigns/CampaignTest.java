package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Campaigns through the REST API: a month of ordinary cases and one VIOLATION, a reproducible
 * stratified draw from a frozen, hashed frame, and a campaign that cannot change once drawn or closed.
 */
@QuarkusTest
class CampaignTest {

    private static final String MONTH = "2024-05";
    private static boolean imported;

    /** 30 ordinary cases at H001 and 10 at H002 (May), and one case with an HC-01 violation. */
    @BeforeEach
    void importMonth() {
        if (imported) {
            return;
        }
        imported = true;
        String template = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow()
                .replace("2024-03-", "2024-05-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(template.replace("SA01-HIT-A", "CMP-" + i).replace("P-SA01-HIT", "CMP-P" + i)
                    .replace("\"H001\"", i < 30 ? "\"H001\"" : "\"H002\""));
        }
        lines.add(As.golden("high-coding/HC-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-05-")
                .replace("HC01-HIT-A", "CMP-HC01").replace("\"patientId\": \"", "\"patientId\": \"CMP-"));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(41));
        As.sweep(MONTH);
    }

    private static long create(long seed) {
        return As.inspector().contentType("application/json")
                .body("{\"name\":\"5月专项抽查\",\"months\":[\"" + MONTH + "\"],\"randomShare\":0.1,\"minPerHospital\":2,\"seed\":" + seed + "}")
                .post("/api/campaigns").then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract().jsonPath().getLong("id");
    }

    private static JsonPath draw(long id) {
        return As.inspector().post("/api/campaigns/" + id + "/draw").then().statusCode(200)
                .body("status", equalTo("SAMPLED")).extract().jsonPath();
    }

    @Test
    void theSampleHoldsEveryViolationAndTheRandomShareOfEachHospital() {
        long id = create(42);
        draw(id).getInt("frameSize");
        JsonPath sample = As.inspector().get("/api/campaigns/" + id + "/sample").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("VIOLATION"), sample.getList("findAll { it.caseId == 'CMP-HC01' }.reason"));
        assertEquals(3, sample.getList("findAll { it.reason == 'RANDOM' && it.hospitalCode == 'H001' }").size(), "⌈0.1 × 30⌉");
        assertEquals(2, sample.getList("findAll { it.reason == 'RANDOM' && it.hospitalCode == 'H002' }").size(), "minimum 2");
        As.inspector().get("/api/campaigns/" + id + "/frame").then().statusCode(200)
                .body("entries.caseId", not(hasItem("CMP-HC01")))
                .body("entries.caseId", hasItem("CMP-0"));
    }

    @Test
    void theSameFrameAndSeedGiveTheSameSampleAndAnotherSeedAnotherOne() {
        long id = create(7);
        draw(id);
        As.inspector().contentType("application/json").body("{}").post("/api/campaigns/" + id + "/redraw").then()
                .statusCode(200).body("sameAsStored", equalTo(true));
        List<String> first = As.inspector().contentType("application/json").body("{\"seed\":7}")
                .post("/api/campaigns/" + id + "/redraw").jsonPath().getList("caseIds");
        List<String> other = As.inspector().contentType("application/json").body("{\"seed\":8}")
                .post("/api/campaigns/" + id + "/redraw").jsonPath().getList("caseIds");
        assertNotEquals(first, other);
        long twin = create(7);
        draw(twin);
        assertEquals(As.inspector().get("/api/campaigns/" + id).jsonPath().getString("frameHash"),
                As.inspector().get("/api/campaigns/" + twin).jsonPath().getString("frameHash"));
        assertEquals(first, As.inspector().contentType("application/json").body("{}")
                .post("/api/campaigns/" + twin + "/redraw").jsonPath().getList("caseIds"));
    }

    @Test
    void theFrameHashChangesWhenAnEligibleCaseChanges() {
        long before = create(1);
        String hash = draw(before).getString("frameHash");
        String changed = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow()
                .replace("2024-03-", "2024-05-").replace("SA01-HIT-A", "CMP-39").replace("P-SA01-HIT", "CMP-P39")
                .replace("\"H001\"", "\"H002\"").replace("\"department\": \"呼吸内科\"", "\"department\": \"老年科\"");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(changed)).post("/api/cases/import?replace=true")
                .then().statusCode(200).body("accepted", equalTo(1));
        long after = create(1);
        assertNotEquals(hash, draw(after).getString("frameHash"));
    }

    @Test
    void aDrawnCampaignCannotBeChangedAndAClosedOneNotAtAll() {
        long id = create(3);
        As.inspector().contentType("application/json").body("{\"name\":\"改名\",\"months\":[\"" + MONTH + "\"]}")
                .put("/api/campaigns/" + id).then().statusCode(200).body("name", equalTo("改名"));
        draw(id);
        As.inspector().contentType("application/json").body("{\"name\":\"再改\",\"months\":[\"" + MONTH + "\"]}")
                .put("/api/campaigns/" + id).then().statusCode(409).contentType("application/problem+json");
        As.inspector().post("/api/campaigns/" + id + "/draw").then().statusCode(409);
        As.inspector().post("/api/campaigns/" + id + "/close?confirmOpen=true").then().statusCode(200).body("status", equalTo("CLOSED"));
        As.inspector().post("/api/campaigns/" + id + "/close?confirmOpen=true").then().statusCode(409);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndHospitalUsersHaveNoAccess() {
        As.inspector().contentType("application/json").body("{\"name\":\"x\",\"months\":[\"May\"]}")
                .post("/api/campaigns").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("'months'"));
        As.inspector().contentType("application/json").body("{\"name\":\"x\",\"months\":[\"2024-05\"],\"families\":[\"fraud\"]}")
                .post("/api/campaigns").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("'families'"));
        As.user("h001").get("/api/campaigns").then().statusCode(403);
    }
}
