package org.drgaudit.knowledge;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grouping over REST: a posted case with its path, a stored case against its claim, and the errors. */
@QuarkusTest
class GroupingApiTest {

    private static boolean imported;

    @BeforeEach
    void importTheUpcodedCase() {
        if (!imported) {
            As.inspector().contentType("application/x-ndjson").body(As.ndjson(As.golden("high-coding/HC-03-hit/cases.ndjson")))
                    .post("/api/cases/import?replace=true").then().statusCode(200);
            imported = true;
        }
    }

    @Test
    void aPostedCaseGroupsWithItsPathAndPrice() {
        String body = """
                {"hospitalCode": "H001", "insuranceType": "EMPLOYEE", "sex": "M", "ageYears": 70, "dischargeTime": "2024-06-10T10:00:00",
                 "principalDiagnosis": {"code": "I63.900"},
                 "secondaryDiagnoses": [{"code": "J96.000"}, {"code": "I61.900"}]}""";
        As.inspector().contentType("application/json").body(body).post("/api/grouping").then().statusCode(200)
                .body("grouping.status", equalTo("GROUPED"))
                .body("grouping.drg", equalTo("BR21"))
                .body("grouping.mdc", equalTo("MDCB"))
                .body("grouping.adrg", equalTo("BR2"))
                .body("grouping.trace.stage", hasItems("MDC", "ADRG", "DRG"))
                .body("grouping.trace.find { it.stage == 'ADRG' }.matched", hasItems("adrg_zd:I63.900"))
                .body("grouping.trace.find { it.stage == 'DRG' }.explanation", containsString("J96.000"))
                .body("grouping.complications.find { it.code == 'I61.900' }.counted", equalTo(false))
                .body("grouping.complications.find { it.code == 'J96.000' }.counted", equalTo(true))
                .body("weight", equalTo(1.452f))
                .body("payment", equalTo(18817.92f));
    }

    @Test
    void aPrincipalDiagnosisInNoMdcGivesUngroupableWithTheReason() {
        As.user("policy").contentType("application/json").body("{\"dischargeTime\": \"2024-06-10T10:00:00\", \"principalDiagnosis\": {\"code\": \"W19.x00\"}, \"sex\": \"F\", \"ageYears\": 80}")
                .post("/api/grouping").then().statusCode(200)
                .body("grouping.status", equalTo("UNGROUPABLE"))
                .body("grouping.drg", equalTo("0000"))
                .body("grouping.reason", containsString("W19.x00 不在任何 MDC"));
    }

    @Test
    void aCaseWithoutSexOrANewbornWithoutBirthWeightIsNotGroupedOnAGuess() {
        As.inspector().contentType("application/json").body("{\"dischargeTime\": \"2024-06-10T10:00:00\", \"principalDiagnosis\": {\"code\": \"I63.900\"}, \"ageYears\": 70}")
                .post("/api/grouping").then().statusCode(200)
                .body("grouping.status", equalTo("UNGROUPABLE"))
                .body("grouping.drg", equalTo("0000"))
                .body("grouping.cause", equalTo("SEX_MISSING"))
                .body("grouping.reason", containsString("性别缺失"))
                .body("grouping.trace[0].stage", equalTo("RESULT"));
        As.inspector().contentType("application/json").body("""
                {"dischargeTime": "2024-06-10T10:00:00", "principalDiagnosis": {"code": "P59.901"}, "sex": "F", "ageYears": 0, "ageDays": 6}""")
                .post("/api/grouping").then().statusCode(200)
                .body("grouping.drg", equalTo("0000"))
                .body("grouping.cause", equalTo("BIRTH_WEIGHT_MISSING"))
                .body("grouping.reason", containsString("缺少出生体重"));
        As.inspector().contentType("application/json").body("""
                {"dischargeTime": "2024-06-10T10:00:00", "principalDiagnosis": {"code": "P59.901"}, "sex": "F", "ageYears": 0, "ageDays": 6, "birthWeightGrams": 3200}""")
                .post("/api/grouping").then().statusCode(200)
                .body("grouping.status", equalTo("GROUPED"))
                .body("grouping.mdc", equalTo("MDCP"))
                .body("grouping.severity", equalTo(5));
    }

    @Test
    void anUnrelatedOperatingRoomProcedureGivesTheAmbiguousGroup() {
        As.inspector().contentType("application/json").body("""
                {"dischargeTime": "2024-06-10T10:00:00", "principalDiagnosis": {"code": "I63.900"}, "sex": "M", "ageYears": 66,
                 "procedures": [{"code": "51.2300", "principal": true}]}""")
                .post("/api/grouping").then().statusCode(200)
                .body("grouping.status", equalTo("AMBIGUOUS"))
                .body("grouping.drg", equalTo("BQY"));
    }

    @Test
    void eachCaseIsGroupedWithTheVersionInForceOnItsDischargeDateAndNoDateIsNoGuess() {
        String stroke = """
                {"hospitalCode": "H001", "insuranceType": "EMPLOYEE", "sex": "M", "ageYears": 70, "dischargeTime": "%s",
                 "principalDiagnosis": {"code": "I63.900"}, "secondaryDiagnoses": [{"code": "J96.000"}]}""";
        As.inspector().contentType("application/json").body(stroke.formatted("2024-12-31T10:00:00")).post("/api/grouping")
                .then().statusCode(200)
                .body("grouping.grouperVersion", equalTo("CHS-DRG-1.1"))
                .body("knowledgeSet", equalTo("demo-2024 / CHS-DRG-1.1 / demo-2024"));
        As.inspector().contentType("application/json").body(stroke.formatted("2025-01-01T10:00:00")).post("/api/grouping")
                .then().statusCode(200)
                .body("grouping.grouperVersion", equalTo("CHS-DRG-2.0"))
                .body("knowledgeSet", equalTo("demo-2025 / CHS-DRG-2.0 / demo-2025"));
        // a date no set covers, and a case without a date: said, never grouped with a neighbouring year's version
        As.inspector().contentType("application/json").body(stroke.formatted("2023-06-30T10:00:00")).post("/api/grouping")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("2023-06-30"))
                .body("detail", containsString("demo-2024（2024-01-01 至 2024-12-31，CHS-DRG-1.1）"));
        As.inspector().contentType("application/json").body("{\"principalDiagnosis\": {\"code\": \"I63.900\"}, \"sex\": \"M\", \"ageYears\": 70}")
                .post("/api/grouping").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("dischargeTime"));
        // naming the version groups without a date
        As.inspector().contentType("application/json").body("{\"principalDiagnosis\": {\"code\": \"I63.900\"}, \"sex\": \"M\", \"ageYears\": 70}")
                .post("/api/grouping?version=CHS-DRG-2.0").then().statusCode(200)
                .body("grouping.grouperVersion", equalTo("CHS-DRG-2.0"));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        As.inspector().contentType("application/json").body("{\"principalDiagnosis\": {\"code\": \"I63.900\"}}")
                .post("/api/grouping?version=CHS-DRG-9.9").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("CHS-DRG-9.9"));
        As.inspector().contentType("application/json").body("{\"principalDiagnosis\": {\"code\": \"I63.900\"}, \"hospitalCode\": \"H999\"}")
                .post("/api/grouping").then().statusCode(400).body("detail", containsString("hospitalCode"));
        As.inspector().contentType("application/json").body("{\"principalDiagnosis\": ")
                .post("/api/grouping").then().statusCode(400);
    }

    @Test
    void aStoredCaseIsRegroupedAgainstItsClaim() {
        As.inspector().get("/api/cases/HC03-HIT-A/grouping").then().statusCode(200)
                .body("claimedGroup", equalTo("FR25"))
                .body("agrees", equalTo(false))
                .body("regrouped.grouping.drg", equalTo("FV25"))
                .body("regrouped.grouping.trace", hasSize(greaterThanOrEqualTo(3)))
                .body("difference", equalTo(4380.48f))
                .body("summary", containsString("FV25"));
        As.user("h001").get("/api/cases/HC03-HIT-A/grouping").then().statusCode(200);
        As.user("h002").get("/api/cases/HC03-HIT-A/grouping").then().statusCode(404);
        As.inspector().get("/api/cases/NO-SUCH-CASE/grouping").then().statusCode(404);
    }
}
