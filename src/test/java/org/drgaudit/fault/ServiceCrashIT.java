package org.drgaudit.fault;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.response.Response;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.drgaudit.demo.DemoGenerator;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite run against the packaged service as an operator runs it (issue 13 items 2, 4, 5, 11): its
 * initial passwords must be changed first; kill -9 in the middle of an import leaves nothing of the file and the
 * service starts again on the same data (stopping the PostgreSQL the killed JVM left running); kill -9 in the
 * middle of a sweep leaves no half-written findings and the sweep runs again; a write answered 200 survives
 * PostgreSQL being killed at once. One service data directory, steps in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceCrashIT {

    private static final Path DATA = Path.of("target/fault/service");
    private static final String MONTH = "2024-06";
    private static final String PASSWORD = "Fault-Suite-2024!";
    private static byte[] month;
    private static int cases;

    @BeforeAll
    static void packagedServiceAndAMonthOfCases() throws Exception {
        assumeTrue(Files.exists(ServiceProcess.JAR), "the packaged service " + ServiceProcess.JAR
                + " is not built; run mvn verify (the fault suite's service tests run after packaging)");
        clean();
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-fault", KnowledgeService.readFolder(Path.of("knowledge-base")));
        StringWriter out = new StringWriter();
        new DemoGenerator(kb, "demo", 2024).generate(new DemoGenerator.Settings("demo", YearMonth.parse(MONTH),
                YearMonth.parse(MONTH), 20_000, 13, 0.04), out, new StringWriter(), new StringWriter());
        month = out.toString().getBytes(StandardCharsets.UTF_8);
        cases = (int) out.toString().lines().filter(l -> !l.isBlank()).count();
    }

    /** The service of the current step; each step ends by killing it or hands it on to the next. */
    private static ServiceProcess service;

    @AfterAll
    static void stopWhatIsLeft() throws Exception {
        if (service != null) {
            service.kill();
        }
    }

    @Test
    @Order(1)
    void outsideTheDemoAnAccountOnItsInitialPasswordMayOnlyChangeIt() throws Exception {
        service = ServiceProcess.start(DATA);
        for (String user : List.of("admin", "inspector")) {
            service.as(user, user).get("/api/findings").then().statusCode(403)
                    .body("title", equalTo("Password change required"))
                    .body("detail", containsString("POST /api/account/password"));
            service.as(user, user).get("/api/account").then().statusCode(200).body("mustChangePassword", equalTo(true));
            service.as(user, user).contentType("application/json")
                    .body("{\"currentPassword\":\"" + user + "\",\"newPassword\":\"" + PASSWORD + "\"}")
                    .post("/api/account/password").then().statusCode(200);
            service.as(user, user).get("/api/findings").then().statusCode(401);
            service.as(user, PASSWORD).get("/api/findings").then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void kill9DuringAnImportStoresNothingOfTheFileAndTheServiceStartsAgain() throws Exception {
        ServiceProcess first = service;
        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return first.as("inspector", PASSWORD).contentType("application/x-ndjson").body(month)
                        .post("/api/cases/import").statusCode();
            } catch (Exception connectionLost) {
                return -1;
            }
        });
        // the import is under way once its stage table fills: kill the JVM then
        awaitTrue(() -> first.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY import_stage%'") > 0,
                Duration.ofSeconds(60), "the import started");
        Thread.sleep(300);
        long orphan = first.postmasterPid();
        first.kill();
        service = null;
        assertEquals(-1, upload.get(60, TimeUnit.SECONDS), "the upload was cut off, not answered");
        assertTrue(ServiceProcess.alive(orphan), "precondition: kill -9 left the embedded PostgreSQL running");

        service = ServiceProcess.start(DATA);
        assertFalse(ServiceProcess.alive(orphan), "the restart stopped the PostgreSQL the killed service left behind");
        assertEquals(0, service.count("SELECT count(*) FROM settled_case WHERE settlement_month = DATE '" + MONTH + "-01'"),
                "nothing of the interrupted file was stored");
        service.as("inspector", PASSWORD).contentType("application/x-ndjson").body(month).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(cases));
    }

    @Test
    @Order(3)
    void kill9DuringASweepLeavesNoHalfWrittenFindingsAndTheSweepRunsAgain() throws Exception {
        ServiceProcess first = service;
        long interrupted = first.as("inspector", PASSWORD).contentType("application/json").body("{\"month\":\"" + MONTH + "\"}")
                .post("/api/sweeps").then().statusCode(202).extract().jsonPath().getLong("id");
        awaitTrue(() -> first.count("SELECT count(*) FROM finding WHERE sweep_id = " + interrupted) > 0,
                Duration.ofSeconds(120), "the sweep wrote its first findings");
        first.kill();
        service = null;

        service = ServiceProcess.start(DATA);
        service.as("inspector", PASSWORD).get("/api/sweeps/" + interrupted).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("message", containsString("Interrupted by a restart"));
        assertEquals(0, service.count("SELECT count(*) FROM finding WHERE sweep_id = " + interrupted),
                "the interrupted sweep's findings are gone");
        long again = service.as("inspector", PASSWORD).get("/api/sweeps?month=" + MONTH).then().statusCode(200)
                .extract().jsonPath().getLong("find { it.startedBy == 'system' }.id");
        assertNotEquals(interrupted, again);
        awaitTrue(() -> !"RUNNING".equals(service.as("inspector", PASSWORD).get("/api/sweeps/" + again).jsonPath()
                .getString("status")), Duration.ofMinutes(3), "the sweep started again finished");
        Response done = service.as("inspector", PASSWORD).get("/api/sweeps/" + again);
        assertTrue(done.jsonPath().getString("status").startsWith("DONE"), done.asString());
        assertEquals(0, service.count("SELECT count(*) FROM finding WHERE NOT visible"), "no invisible leftovers");
        assertEquals(done.jsonPath().getLong("findings"),
                service.count("SELECT count(*) FROM finding WHERE visible AND month = DATE '" + MONTH + "-01'"));
    }

    @Test
    @Order(4)
    void aWriteAnsweredBeforePostgresIsKilledIsKeptAndTheServiceRecoversByItself() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = "IT-DURABLE-" + i;
            service.as("inspector", PASSWORD).contentType("application/x-ndjson")
                    .body(DatabaseRecoveryTest.caseLine(id).getBytes(StandardCharsets.UTF_8)).post("/api/cases/import")
                    .then().statusCode(200).body("accepted", equalTo(1));
            long pid = service.postmasterPid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            // a killed postmaster's backends may still answer for a moment and its pid file stays until the watchdog
            // restarts it: wait for a new postmaster, then for the acknowledged case to be read through it
            try {
                awaitTrue(() -> { long now = service.postmasterPid(); return now > 0 && now != pid; },
                        Duration.ofSeconds(90), "the watchdog started a new PostgreSQL");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " (kill " + (i + 1) + "); the service said:\n" + tail(service.output()), e);
            }
            awaitTrue(() -> service.as("inspector", PASSWORD).get("/api/cases/" + id).statusCode() == 200,
                    Duration.ofSeconds(90), "the case is read again after PostgreSQL's restart");
        }
        awaitTrue(() -> service.anonymous().get("/q/health/ready").jsonPath()
                        .getInt("checks.find { it.name == 'embedded-database' }.data.restarts") == 3,
                Duration.ofSeconds(30), "health counts the three restarts");
        long postgres = service.postmasterPid();
        assertTrue(service.stop(), "an ordinary stop ends the service");
        service = null;
        awaitTrue(() -> !ServiceProcess.alive(postgres), Duration.ofSeconds(30), "its PostgreSQL stopped with it");
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration timeout, String what) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception | AssertionError notYet) {
                // the service or its database is between states
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /** Starts from an empty data directory, stopping a PostgreSQL an earlier failed run left on it. */
    private static void clean() throws Exception {
        Path pid = DATA.resolve("pg/postmaster.pid");
        if (Files.exists(pid)) {
            long p = Long.parseLong(Files.readAllLines(pid).get(0).trim());
            ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
            awaitTrue(() -> !ServiceProcess.alive(p), Duration.ofSeconds(30), "the leftover PostgreSQL stopped");
        }
        if (Files.exists(DATA)) {
            try (var paths = Files.walk(DATA)) {
                for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
