package org.drgaudit.sweeps;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * The settlement list's ICU records (icuinfo) over REST: imported with located errors, stored and shown with the
 * case, and judged by HC-05 against the ICU hours the case claims, the records listed as evidence. The golden
 * cases are moved to November under their own ids.
 */
@QuarkusTest
class IcuRecordsTest {

    private static final String MONTH = "2024-11";

    private static String november(String folder, String caseIdStem, String prefix) {
        return As.golden(folder + "/cases.ndjson").replace("2024-03-", "2024-11-").replace("2024-02-", "2024-10-")
                .replace("P-" + caseIdStem, "P-" + prefix).replace(caseIdStem + "-", prefix + "-");
    }

    @Test
    void icuRecordsAreStoredWithTheCaseAndShownBack() {
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(november("high-coding/HC-05-miss", "HC05-MISS", "ICU-SHOW")))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(1));
        As.inspector().get("/api/cases/ICU-SHOW-A").then().statusCode(200)
                .body("icuHours", equalTo(48.5f))
                .body("icuStays", hasSize(2))
                .body("icuStays[0].wardType", equalTo("ICU"))
                .body("icuStays[0].inTime", equalTo("2024-11-03T12:00:00"))
                .body("icuStays[0].outTime", equalTo("2024-11-04T18:00:00"))
                .body("icuStays[1].hours", equalTo(18.0f));
    }

    @Test
    void aBadIcuRecordIsRefusedWithItsLineAndField() {
        String good = november("high-coding/HC-05-miss", "HC05-MISS", "ICU-BAD").strip();
        String backwards = good.replace("ICU-BAD-A", "ICU-BAD-B")
                .replace("\"outTime\": \"2024-11-04T18:00:00\"", "\"outTime\": \"2024-11-02T18:00:00\"");
        String unknownWard = good.replace("ICU-BAD-A", "ICU-BAD-C").replaceFirst("\"wardType\": \"ICU\"", "\"wardType\": \"NEURO\"");
        String wrongHours = good.replace("ICU-BAD-A", "ICU-BAD-D").replace("\"hours\": 18", "\"hours\": 20");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", good, backwards, unknownWard, wrongHours)))
                .post("/api/cases/import").then().statusCode(400).contentType("application/problem+json")
                .body("accepted", equalTo(0))
                .body("errors.line", contains(2, 3, 4))
                .body("errors.field", contains("icuStays[0].outTime", "icuStays[0].wardType", "icuStays[1].hours"))
                .body("errors[0].message", containsString("before entering it"))
                .body("errors[1].message", containsString("CCU | NICU | ECICU | SICU | PICU | RICU | ICU | OTHER"))
                .body("errors[2].message", equalTo("is 20.00 but inTime and outTime are 18.00 hours apart"));
        As.inspector().get("/api/cases/ICU-BAD-A").then().statusCode(404);
    }

    @Test
    void claimedIcuHoursWithoutRecordsInsideTheStayAreFoundWithTheRecordsAsEvidence() {
        String cases = november("high-coding/HC-05-hit-2", "HC05-HIT2", "ICU-OUTSIDE")
                + november("high-coding/HC-05-hit", "HC05-HIT", "ICU-NONE")
                + november("high-coding/HC-05-miss", "HC05-MISS", "ICU-SUPPORTED");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(cases)).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(3));
        As.sweep(MONTH);
        var found = As.inspector().get("/api/findings?month=" + MONTH + "&rule=HC-05&size=1000").jsonPath();
        org.hamcrest.MatcherAssert.assertThat(found.getList("items.caseIds.flatten()"), not(hasItem("ICU-SUPPORTED-A")));
        org.hamcrest.MatcherAssert.assertThat(found.getList("items.caseIds.flatten()"), hasItem("ICU-NONE-A"));
        int id = found.getInt("items.find { it.caseIds.contains('ICU-OUTSIDE-A') }.id");
        As.inspector().get("/api/findings/" + id).then().statusCode(200)
                .body("ruleName", equalTo("重症监护时长缺少入住记录"))
                .body("resultType", equalTo("VIOLATION"))
                .body("evidence.claimedIcuHours", equalTo(96.0f))
                .body("evidence.icuHoursInStay", equalTo(24.0f))
                .body("evidence.unsupportedIcuHours", equalTo(72.0f))
                .body("evidence.icuRecords", hasSize(2))
                .body("evidence.icuRecords[0].inTime", equalTo("2024-10-10T08:00:00"))
                .body("evidence.icuRecords[0].hoursInStay", equalTo(0.0f))
                .body("evidence.icuRecords[1].hoursInStay", equalTo(24.0f))
                .body("explanation", containsString("重症监护记录 2 条"))
                .body("explanation", containsString("72小时 没有入住记录支持"));
    }
}
