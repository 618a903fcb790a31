package org.drgaudit.fault;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 10 and issue 12 item 9: inputs that used to end as 500s get a located 4xx, look-alike hospital
 * codes and regions without parameters are refused at import, and the audit trail records actions that succeeded
 * only.
 */
@QuarkusTest
class LocatedErrorsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPageBeyondAnyRowIsABadRequestNotAnOverflow() {
        As.inspector().get("/api/findings?page=3000000&size=1000").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'page'"));
        As.inspector().get("/api/findings?page=2147483647&size=1000").then().statusCode(400);
    }

    @Test
    void aNulInAQueryParameterOrThePathIsRefusedWithItsName() {
        As.inspector().urlEncodingEnabled(false).get("/api/findings?hospital=%00").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("hospital"))
                .body("detail", containsString("NUL"));
        As.inspector().urlEncodingEnabled(false).get("/api/findings?rule=HC-01%00x").then().statusCode(400)
                .body("errors[0].field", equalTo("rule"));
        As.inspector().urlEncodingEnabled(false).get("/api/cases/X%00Y").then().statusCode(400)
                .body("errors[0].field", equalTo("path"));
        As.inspector().urlEncodingEnabled(false).get("/api/findings?hospital=%FF").then().statusCode(400)
                .body("detail", containsString("not UTF-8"));
    }

    @Test
    void aMonthOutsideTheHandledYearsIsABadRequestEverywhere() {
        As.inspector().get("/api/findings?month=-999999999-01").then().statusCode(400).body("detail", startsWith("'month' must be a month"));
        As.inspector().get("/api/findings/summary?month=-999999999-01").then().statusCode(400);
        As.inspector().get("/api/sweeps?month=-999999999-01").then().statusCode(400);
        As.inspector().contentType("application/json").body("{\"month\":\"-999999999-01\"}").post("/api/sweeps").then().statusCode(400);
        As.inspector().contentType("application/json").body("{\"month\":\"+10000-01\"}").post("/api/sweeps").then().statusCode(400);
        As.inspector().contentType("application/json").body("{\"name\":\"x\",\"months\":[\"-999999999-01\"]}")
                .post("/api/campaigns").then().statusCode(400).body("detail", containsString("'months'"));
    }

    @Test
    void aMalformedAuthorizationHeaderIsA401() {
        for (String header : new String[] {"Basic !!!", "Basic ####", "Basic aW5zcGVjdG9y", "Basic"}) {
            given().header("Authorization", header).get("/api/findings").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        }
    }

    @Test
    void aRequestBodyWithAKeyTwiceOrOutOfRangeNumbersIsALocated400() {
        As.inspector().contentType("application/json").body("{\"month\":\"2024-01\",\"month\":\"2024-02\"}").post("/api/sweeps")
                .then().statusCode(400).body("errors[0].field", equalTo("month")).body("detail", containsString("Duplicate"));
        As.inspector().contentType("application/json").body("{\"name\":\"x\",\"months\":[\"2024-01\"],\"minPerHospital\":1e5000}")
                .post("/api/campaigns").then().statusCode(400).body("errors[0].field", equalTo("minPerHospital"));
        As.inspector().contentType("application/json").body("{\"name\":\"x\",\"months\":[\"2024-01\"],\"randomShare\":1e-5000}")
                .post("/api/campaigns").then().statusCode(400).body("detail", containsString("randomShare"));
        As.inspector().contentType("application/json").body("{\"name\": \"x\",\n \"months\": [\"2024-01\"], oops}")
                .post("/api/campaigns").then().statusCode(400).body("errors[0].line", equalTo(2));
        As.inspector().contentType("application/json").body("{\"name\":\"抽查\\u0000\",\"months\":[\"2024-01\"]}")
                .post("/api/campaigns").then().statusCode(400).body("errors[0].field", equalTo("name"))
                .body("detail", containsString("NUL"));
        As.inspector().contentType("application/json").body("{\"name\":\"抽查\",\"months\":[\"2024-01\"],\"hospitalCodes\":[\"\\udc00\"]}")
                .post("/api/campaigns").then().statusCode(400).body("errors[0].field", equalTo("hospitalCodes[0]"));
    }

    @Test
    void lookAlikeHospitalCodesAreRefused() {
        String[] codes = {"Ｈ００１", "H0\u200B01", "h001", "H001 ", "H 001"};
        for (String code : codes) {
            As.user("admin").contentType("application/x-ndjson")
                    .body(As.ndjson("{\"code\":\"" + code + "\",\"name\":\"仿冒医院\",\"level\":2,\"region\":\"demo\",\"coefficient\":1.0}"))
                    .post("/api/hospitals/import").then().statusCode(400)
                    .body("errors[0].field", equalTo("code"));
        }
        As.user("admin").contentType("application/x-ndjson")
                .body(As.ndjson("{\"code\":\"H0\u200B01\",\"name\":\"仿冒医院\",\"level\":2,\"region\":\"demo\",\"coefficient\":1.0}"))
                .post("/api/hospitals/import").then().statusCode(400)
                .body("errors[0].message", containsString("U+200B ZERO WIDTH SPACE"));
        As.user("admin").contentType("application/x-ndjson")
                .body(As.ndjson("{\"code\":\"H901\",\"name\":\"新医院\",\"level\":2,\"region\":\"demo\",\"coefficient\":1.0}\n"
                        + "{\"code\":\"h901\",\"name\":\"新医院二\",\"level\":2,\"region\":\"demo\",\"coefficient\":1.0}"))
                .post("/api/hospitals/import").then().statusCode(400)
                .body("errors[0].line", equalTo(2)).body("errors[0].message", containsString("only in letter case"));
    }

    @Test
    void aHospitalOfARegionWithoutParametersIsRefusedWithTheKnownRegionsNamed() {
        As.user("admin").contentType("application/x-ndjson")
                .body(As.ndjson("{\"code\":\"H902\",\"name\":\"外地医院\",\"level\":2,\"region\":\"atlantis\",\"coefficient\":1.0}"))
                .post("/api/hospitals/import").then().statusCode(400)
                .body("errors[0].field", equalTo("region"))
                .body("errors[0].message", containsString("known regions: [demo]"));
        As.user("admin").get("/api/hospitals/H902").then().statusCode(404);
    }

    @Test
    void theAuditTrailRecordsAnActionOnceItSucceededAndNeverARefusedOne() throws Exception {
        long imports = count("import");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(BadInputTest.line("AUD-1", "\"ageYears\":61", "\"ageYears\":999")))
                .post("/api/cases/import").then().statusCode(400);
        assertEquals(imports, count("import"), "a refused import is not recorded");
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(BadInputTest.line("AUD-1", null, null)))
                .post("/api/cases/import").then().statusCode(200);
        assertEquals(imports + 1, count("import"));

        // a campaign needs the sampling defaults of the set in force: none covers 2023, so that is a 422 saying so
        As.inspector().contentType("application/json").body("{\"name\":\"审计\",\"months\":[\"2023-09\"],\"seed\":3}")
                .post("/api/campaigns").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("2023-09"));
        long campaign = As.inspector().contentType("application/json").body("{\"name\":\"审计\",\"months\":[\"2025-09\"],\"seed\":3}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        As.inspector().post("/api/campaigns/" + campaign + "/draw").then().statusCode(200);
        long updates = count("campaign.update");
        As.inspector().contentType("application/json").body("{\"name\":\"改名\",\"months\":[\"2025-09\"]}")
                .put("/api/campaigns/" + campaign).then().statusCode(409);
        assertEquals(updates, count("campaign.update"), "a refused change of a drawn campaign is not recorded");
        long cancels = count("sweep.cancel");
        As.inspector().post("/api/sweeps/999999/cancel").then().statusCode(409);
        assertEquals(cancels, count("sweep.cancel"));
        long closes = count("campaign.close");
        As.inspector().post("/api/campaigns/" + campaign + "/close?confirmOpen=true").then().statusCode(200);
        As.inspector().post("/api/campaigns/" + campaign + "/close?confirmOpen=true").then().statusCode(409);
        assertEquals(closes + 1, count("campaign.close"), "the close is recorded once, the refused second one not");
    }

    private long count(String action) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ?")) {
            ps.setString(1, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
