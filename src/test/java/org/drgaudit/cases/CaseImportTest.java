package org.drgaudit.cases;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaseImportTest {

    private static final String NDJSON = "application/x-ndjson";

    static String caseLine(String id, String patient, String total, String extra) {
        return """
                {"caseId":"%s","hospitalCode":"H001","patientId":"%s","insuranceType":"EMPLOYEE","sex":"M","ageYears":60,\
                "admissionTime":"2023-06-01T08:00:00","dischargeTime":"2023-06-08T10:00:00","losDays":7,\
                "dischargeMethod":"ROUTINE","principalDiagnosis":{"code":"I63.900","name":"脑梗死"},\
                "costs":{"westernDrug":%s},"totalCost":%s,"settlementDate":"2023-06-09",\
                "grouping":{"scheme":"DRG","version":"CHS-DRG-1.1","code":"BR25","weight":1.0}%s}"""
                .formatted(id, patient, total, total, extra);
    }

    @Test
    void aMalformedFileIsRejectedWithEveryFaultLocatedAndNothingIsStored() {
        String file = String.join("\n",
                caseLine("IMP-GOOD-1", "IMP-P1", "9000.00", ""),
                "{\"caseId\": \"IMP-BAD-2\", this is not json",
                caseLine("IMP-BAD-3", "IMP-P1", "9000.00", "").replace("\"caseId\":\"IMP-BAD-3\",", ""),
                caseLine("IMP-BAD-4", "IMP-P1", "-5", ""),
                caseLine("IMP-BAD-5", "IMP-P1", "9000.00", "").replace("2023-06-08T10:00:00", "2023-05-30T10:00:00")
                        .replace("\"losDays\":7,", ""),
                caseLine("IMP-BAD-6", "IMP-P1", "9000.00", "").replace("\"H001\"", "\"H999\""));

        As.inspector().contentType(NDJSON).body(As.ndjson(file)).post("/api/cases/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("accepted", equalTo(0))
                .body("rejected", equalTo(5))
                .body("errors.line", contains(2, 3, 4, 4, 5, 6))
                .body("errors[0].message", startsWith("not valid JSON"))
                .body("errors[1].field", equalTo("caseId"))
                .body("errors[2].field", equalTo("costs.westernDrug"))
                .body("errors[3].field", equalTo("totalCost"))
                .body("errors[4].field", equalTo("dischargeTime"))
                .body("errors[5].field", equalTo("hospitalCode"));

        As.inspector().get("/api/cases/IMP-GOOD-1").then().statusCode(404);
    }

    @Test
    void partialModeStoresTheGoodRecordsAndReturnsTheBadOnes() {
        String file = caseLine("IMP-PART-1", "IMP-P2", "9000.00", "") + "\n"
                + caseLine("IMP-PART-2", "IMP-P2", "9000.00", "").replace("\"totalCost\":9000.00", "\"totalCost\":100.00");
        As.inspector().contentType(NDJSON).body(As.ndjson(file)).post("/api/cases/import?mode=partial")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("totalCost"));
        As.inspector().get("/api/cases/IMP-PART-1").then().statusCode(200).body("totalCost", equalTo(9000.00f));
        As.inspector().get("/api/cases/IMP-PART-2").then().statusCode(404);
    }

    @Test
    void anIdenticalReUploadIsSkippedAndAChangedOneNeedsReplaceWhichKeepsTheOldVersion() {
        String original = caseLine("IMP-REP-1", "IMP-P3", "9000.00", "");
        As.inspector().contentType(NDJSON).body(As.ndjson(original)).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(1));
        As.inspector().contentType(NDJSON).body(As.ndjson(original.replace(",", ", "))).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(0)).body("skipped", equalTo(1));

        String changed = caseLine("IMP-REP-1", "IMP-P3", "9500.00", "");
        As.inspector().contentType(NDJSON).body(As.ndjson(changed)).post("/api/cases/import")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("caseId"))
                .body("errors[0].message", startsWith("caseId 'IMP-REP-1' is already stored with different content"));
        As.inspector().get("/api/cases/IMP-REP-1").then().body("totalCost", equalTo(9000.00f));

        As.inspector().contentType(NDJSON).body(As.ndjson(changed)).post("/api/cases/import?replace=true")
                .then().statusCode(200).body("accepted", equalTo(1));
        As.inspector().get("/api/cases/IMP-REP-1").then().body("totalCost", equalTo(9500.00f));
        As.inspector().get("/api/cases/IMP-REP-1/versions").then().statusCode(200)
                .body("", hasSize(2))
                .body("version", contains(1, 2))
                .body("data.totalCost", contains(9000.00f, 9500.00f));
    }

    @Test
    void theSameCaseTwiceInOneFileWithDifferentContentIsRejected() {
        String file = caseLine("IMP-DUP-1", "IMP-P4", "9000.00", "") + "\n" + caseLine("IMP-DUP-1", "IMP-P4", "9100.00", "");
        As.inspector().contentType(NDJSON).body(As.ndjson(file)).post("/api/cases/import")
                .then().statusCode(400)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", equalTo("caseId 'IMP-DUP-1' already appears at line 1 with different content"));
        As.inspector().get("/api/cases/IMP-DUP-1").then().statusCode(404);
    }

    @Test
    void aNumberWrittenAsAStringIsRefusedWithTheFieldNamed() {
        String line = caseLine("IMP-INT-1", "IMP-P6", "9000.00", "").replace("\"ageYears\":60", "\"ageYears\":\"60\"");
        As.inspector().contentType(NDJSON).body(As.ndjson(line)).post("/api/cases/import")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("ageYears"))
                .body("errors[0].message", startsWith("must be a whole number (a JSON integer"));
    }

    @Test
    void anUnknownImportModeIsABadRequest() {
        As.inspector().contentType(NDJSON).body(As.ndjson(caseLine("IMP-MODE-1", "IMP-P5", "1.00", "")))
                .post("/api/cases/import?mode=sometimes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("Query parameter 'mode'"));
    }
}
