package org.drgaudit.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/** What each role may and may not do; everything needs a login. */
@QuarkusTest
class SecurityTest {

    @Test
    void everyApiCallNeedsALogin() {
        given().get("/api/findings").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/rules").then().statusCode(401);
        given().auth().preemptive().basic("inspector", "wrong").get("/api/findings").then().statusCode(401);
    }

    @Test
    void aHospitalUserCannotImportSweepOrReloadRules() {
        As.user("h001").contentType("application/x-ndjson").body(As.ndjson("{}")).post("/api/cases/import").then().statusCode(403);
        As.user("h001").contentType("application/json").body("{\"month\":\"2024-01\"}").post("/api/sweeps").then().statusCode(403);
        As.user("h001").post("/api/rules/reload").then().statusCode(403).contentType("application/problem+json");
        As.user("h001").post("/api/knowledge/reload").then().statusCode(403);
    }

    @Test
    void policyStaffManageRulesButDoNotRunSweepsOrImports() {
        As.user("policy").post("/api/rules/test").then().statusCode(200);
        As.user("policy").contentType("application/json").body("{\"month\":\"2024-01\"}").post("/api/sweeps").then().statusCode(403);
        As.user("policy").contentType("application/x-ndjson").body(As.ndjson("{}")).post("/api/cases/import").then().statusCode(403);
        As.user("inspector").post("/api/rules/reload").then().statusCode(403);
    }

    @Test
    void aPolicyOfficerCannotPublishAloneByReloadingFromDisk() {
        // maker-checker: a disk reload makes a new active version, so it is the approver's (or the admin's) act
        As.user("policy").post("/api/rules/reload").then().statusCode(403).contentType("application/problem+json");
        As.user("policy").post("/api/knowledge/reload").then().statusCode(403);
    }

    @Test
    void onlyAnAdminImportsHospitals() {
        As.user("inspector").contentType("application/x-ndjson").body(As.ndjson("{}")).post("/api/hospitals/import").then().statusCode(403);
        As.user("admin").contentType("application/x-ndjson")
                .body(As.ndjson("{\"code\":\"H001\",\"name\":\"演示市第一人民医院\",\"level\":3,\"region\":\"demo\"}"))
                .post("/api/hospitals/import").then().statusCode(400);
    }
}
