package org.drgaudit.sweeps;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A month swept through the REST API: split admissions across the month boundary and in one
 * alliance, findings with their cases and explanations, idempotent re-sweeps, hospital scoping.
 * Uses golden cases of test-cases/ as data (their case ids are unique).
 */
@QuarkusTest
class SweepTest {

    private static final String MONTH = "2024-03";
    private static boolean imported;

    /** Imports the cases once; a repeated import would be skipped as identical anyway. */
    @BeforeEach
    void importCases() {
        if (imported) {
            return;
        }
        imported = true;
        for (String folder : List.of("split-admission/SA-01-hit", "split-admission/SA-01-hit-2",
                "split-admission/SA-01-hit-3", "high-coding/HC-01-hit", "split-admission/SA-01-miss-2")) {
            As.inspector().contentType("application/x-ndjson").body(As.ndjson(As.golden(folder + "/cases.ndjson")))
                    .post("/api/cases/import").then().statusCode(200);
        }
    }

    static long sweep(String month) {
        return As.sweep(month);
    }

    @Test
    void readmissionWithinTheWindowIsFoundAcrossTheMonthBoundaryAndNamesBothCases() {
        sweep(MONTH);
        As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-01&size=100").then().statusCode(200)
                .body("items.caseIds", hasItem(contains("SA01-HIT2-A", "SA01-HIT2-B")))
                .body("items.findAll { it.caseIds.contains('SA01-HIT2-B') }.month", everyItem(equalTo(MONTH)))
                .body("items.findAll { it.caseIds.contains('SA01-HIT2-B') }.explanation", everyItem(containsString("出院后第")));
    }

    @Test
    void sweepingTheSameMonthTwiceGivesTheSameFindingsNotTwiceAsMany() {
        sweep(MONTH);
        List<String> first = As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").jsonPath().getList("items.ruleId");
        long second = sweep(MONTH);
        List<String> again = As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").jsonPath().getList("items.ruleId");
        assertEquals(first.size(), again.size());
        As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").then()
                .body("items.sweepId", everyItem(equalTo((int) second)));
    }

    @Test
    void aFindingComesWithItsCasesAndTheVersionsItWasJudgedWith() {
        sweep(MONTH);
        int id = As.inspector().get("/api/findings?month=" + MONTH + "&rule=HC-01").jsonPath().getInt("items[0].id");
        As.inspector().get("/api/findings/" + id).then().statusCode(200)
                .body("ruleId", equalTo("HC-01"))
                .body("correctGroup", equalTo("BR23"))
                .body("ruleBaseVersion", equalTo(1))
                .body("knowledgeBaseVersion", equalTo("KB-1"))
                .body("cases.caseId", contains("HC01-HIT-A"));
    }

    @Test
    void aPlannedReadmissionIsNotASplitAdmission() {
        sweep(MONTH);
        As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").then()
                .body("items.caseIds.flatten()", org.hamcrest.Matchers.not(hasItem(startsWithMiss())));
    }

    private static org.hamcrest.Matcher<String> startsWithMiss() {
        return org.hamcrest.Matchers.startsWith("SA01-MISS2");
    }

    @Test
    void aHospitalUserSeesOnlyItsOwnHospital() {
        sweep(MONTH);
        As.user("h001").get("/api/findings?month=" + MONTH + "&size=1000").then().statusCode(200)
                .body("items.hospitalCode", everyItem(equalTo("H001")));
        As.user("h001").get("/api/findings?hospital=H002").then().statusCode(403)
                .contentType("application/problem+json");
        As.user("h001").get("/api/findings/summary?month=" + MONTH).then().statusCode(200)
                .body("byHospital.key", everyItem(equalTo("H001")));
        int other = As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").jsonPath()
                .getInt("items.find { it.hospitalCode != 'H001' }.id");
        As.user("h001").get("/api/findings/" + other).then().statusCode(404);
    }

    @Test
    void anAllianceFindingShowsAHospitalUserOnlyItsOwnCaseInFull() {
        sweep(MONTH);
        var page = As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-01&size=100").jsonPath();
        int id = page.getInt("items.find { it.caseIds.contains('SA01-HIT3-B') }.id");
        String hospital = page.getString("items.find { it.caseIds.contains('SA01-HIT3-B') }.hospitalCode");
        As.inspector().get("/api/findings/" + id).then().body("cases.hospitalCode", hasSize(2))
                .body("cases.hospitalCode.unique()", hasSize(2));
        As.user(hospital.toLowerCase()).get("/api/findings/" + id).then().statusCode(200)
                .body("caseIds", contains("医共体内其他机构病例", "SA01-HIT3-B"))
                .body("explanation", org.hamcrest.Matchers.not(containsString("SA01-HIT3-A")))
                .body("evidence.earlierCase", equalTo("医共体内其他机构病例"))
                .body("cases", hasSize(1))
                .body("cases.hospitalCode", everyItem(equalTo(hospital)));
    }

    @Test
    void anEarlierStaySettledAfterTheReadmissionStillCounts() {
        // the first stay (discharged 6 March) is settled only in April, after the readmission settled in March
        String cases = As.golden("split-admission/SA-01-hit/cases.ndjson")
                .replace("SA01-HIT-", "SA01-LATE-").replace("P-SA01-HIT", "P-SA01-LATE")
                .replace("\"settlementDate\": \"2024-03-08\"", "\"settlementDate\": \"2024-04-02\"");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(cases)).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(2));
        sweep(MONTH);
        As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-01&size=1000").then()
                .body("items.caseIds", hasItem(contains("SA01-LATE-A", "SA01-LATE-B")));
    }

    @Test
    void aMonthThatIsNotYYYYMMIsRefusedWithTheReason() {
        As.inspector().contentType("application/json").body("{\"month\": \"March\"}").post("/api/sweeps")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("YYYY-MM"));
    }
}
