package org.drgaudit.fault;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.drgaudit.As;
import org.drgaudit.shared.EmbeddedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 2 and 5: a write answered 200 survives the database being killed at once, and when the
 * embedded PostgreSQL dies the service answers 503 (not 500), health goes DOWN, and both recover by themselves.
 */
@QuarkusTest
class DatabaseRecoveryTest {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    static String caseLine(String id) {
        return """
                {"caseId":"%s","hospitalCode":"H002","patientId":"REC-%s","insuranceType":"EMPLOYEE","sex":"F","ageYears":50,\
                "admissionTime":"2024-02-01T08:00:00","dischargeTime":"2024-02-05T10:00:00","losDays":4,\
                "dischargeMethod":"ROUTINE","principalDiagnosis":{"code":"I63.900","name":"脑梗死"},\
                "costs":{"westernDrug":8000.00},"totalCost":8000.00,"settlementDate":"2024-02-06",\
                "grouping":{"scheme":"DRG","version":"CHS-DRG-1.1","code":"BR25","weight":1.0}}""".formatted(id, id);
    }

    static void killPostmaster() {
        EmbeddedDatabase db = EmbeddedDatabase.current().orElseThrow();
        long pid = db.postmasterPid().orElseThrow();
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive());
    }

    @AfterEach
    void watchdogOn() {
        EmbeddedDatabase.current().orElseThrow().watch(true);
        Awaitility.await().atMost(RECOVERY).until(() -> EmbeddedDatabase.current().orElseThrow().answers());
    }

    @Test
    void anImportAnsweredBeforeTheDatabaseIsKilledIsStillThereAfterItsRestart() {
        for (int i = 0; i < 3; i++) {
            String id = "REC-DURABLE-" + i;
            As.inspector().contentType("application/x-ndjson").body(As.ndjson(caseLine(id))).post("/api/cases/import")
                    .then().statusCode(200).body("accepted", equalTo(1));
            killPostmaster();
            Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                    .until(() -> As.inspector().get("/api/cases/" + id).statusCode() != 503);
            As.inspector().get("/api/cases/" + id).then().statusCode(200).body("caseId", equalTo(id));
        }
    }

    @Test
    void whileTheDatabaseIsDeadCallsAnswer503AndHealthIsDownThenBothRecoverWithoutARestartOfTheService() {
        EmbeddedDatabase db = EmbeddedDatabase.current().orElseThrow();
        int restartsBefore = db.status().restarts();
        db.watch(false);
        killPostmaster();

        As.inspector().get("/api/findings?month=2024-02").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("title", equalTo("Database unavailable"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        // a login that cannot be checked is no wrong password
        given().auth().preemptive().basic("approver", "uncached-" + System.nanoTime()).get("/api/findings").then()
                .statusCode(503).body("title", equalTo("Database unavailable"));

        db.watch(true);
        // the server accepts connections a moment before the watchdog counts its restart: wait for both
        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200 && db.status().restarts() > restartsBefore);
        As.inspector().get("/api/findings?month=2024-02").then().statusCode(200);
        assertTrue(db.status().restarts() > restartsBefore, "the watchdog restarted the server: " + db.status());
    }
}
