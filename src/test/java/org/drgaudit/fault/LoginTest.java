package org.drgaudit.fault;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.drgaudit.security.LoginThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 11: wrong passwords are throttled per account and per source with a doubling lock-out; an unknown
 * user takes as long to refuse as a known one; a user changes their own password, and the old one stops working.
 */
@QuarkusTest
class LoginTest {

    @Inject
    LoginThrottle throttle;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        throttle.reset();
    }

    private static Response login(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/account");
    }

    @Test
    void wrongPasswordsForOneAccountLockItOutForADoublingTimeAndARightOneThenWaitsToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            login("h007", "wrong-" + i).then().statusCode(401);
        }
        // the sixth wrong password locks the account for 1 s; meanwhile even the right one is refused unchecked
        login("h007", "wrong-5").then().statusCode(401);
        Response locked = login("h007", "h007");
        locked.then().statusCode(429).contentType("application/problem+json");
        assertEquals("1", locked.header("Retry-After"));
        Thread.sleep(1100);
        // the next wrong one doubles the lock-out
        login("h007", "wrong-6").then().statusCode(401);
        assertEquals("2", login("h007", "h007").header("Retry-After"));
        Thread.sleep(2100);
        login("h007", "h007").then().statusCode(200).body("username", equalTo("h007"));
        // a success starts the account afresh
        login("h007", "wrong-7").then().statusCode(401);
        login("h007", "h007").then().statusCode(200);
    }

    @Test
    void wrongPasswordsFromOneAddressForManyAccountsLockTheAddressOut() {
        for (int i = 0; i < 21; i++) {
            login("nobody-" + i, "guess").then().statusCode(401);
        }
        login("nobody-new", "guess").then().statusCode(429);
        login("inspector", "inspector").then().statusCode(429);
    }

    @Test
    void anUnknownUserIsRefusedAsSlowlyAsAKnownOneWithAWrongPassword() {
        // one attempt per account, so that no lock-out interferes; the median of each kind
        List<String> known = List.of("admin", "reviewer", "policy", "approver", "h001", "h002", "h003", "h004", "h008");
        List<Long> knownMillis = new ArrayList<>();
        List<Long> unknownMillis = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            knownMillis.add(timed(known.get(i)));
            unknownMillis.add(timed("ghost-" + i));
            throttle.reset();
        }
        long k = median(knownMillis);
        long u = median(unknownMillis);
        assertTrue(u * 2 >= k && k * 2 >= u, "known " + knownMillis + " vs unknown " + unknownMillis);
    }

    private static long timed(String user) {
        long t = System.nanoTime();
        login(user, "not-the-password").then().statusCode(401);
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aUserChangesTheirPasswordUnderThePolicyAndTheOldOneStopsWorking() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO app_user (username, password_hash, roles, display_name) VALUES ('pwtest', ?, 'inspector', '改密测试')
                     ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash""")) {
            ps.setString(1, BcryptUtil.bcryptHash("Initial-Pass-1"));
            ps.executeUpdate();
        }
        RestAssuredBody.post("pwtest", "Initial-Pass-1", "{\"currentPassword\":\"wrong\",\"newPassword\":\"Brand-New-Pass-2\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
        RestAssuredBody.post("pwtest", "Initial-Pass-1", "{\"currentPassword\":\"Initial-Pass-1\",\"newPassword\":\"short1\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        RestAssuredBody.post("pwtest", "Initial-Pass-1", "{\"currentPassword\":\"Initial-Pass-1\",\"newPassword\":\"my-pwtest-2024\"}")
                .then().statusCode(400).body("errors.message", contains("must not contain the user name"));
        RestAssuredBody.post("pwtest", "Initial-Pass-1", "{\"currentPassword\":\"Initial-Pass-1\",\"newPassword\":\"Brand-New-Pass-2\"}")
                .then().statusCode(200).body("roles", contains("inspector")).body("mustChangePassword", equalTo(false));
        login("pwtest", "Initial-Pass-1").then().statusCode(401);
        login("pwtest", "Brand-New-Pass-2").then().statusCode(200);
        given().auth().preemptive().basic("pwtest", "Brand-New-Pass-2").get("/api/findings").then().statusCode(200);
        As.inspector().get("/api/account").then().statusCode(200).body("roles", contains("inspector"))
                .body("mustChangePassword", equalTo(false));
    }

    /** A JSON POST of the password change as a user. */
    private static final class RestAssuredBody {
        static Response post(String user, String password, String body) {
            return given().auth().preemptive().basic(user, password).contentType("application/json").body(body)
                    .post("/api/account/password");
        }
    }
}
