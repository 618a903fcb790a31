package org.drgaudit;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Requests as one of the documented demo accounts (password = user name). */
public final class As {

    private As() {
    }

    public static RequestSpecification user(String name) {
        return given().auth().preemptive().basic(name, name);
    }

    public static RequestSpecification inspector() {
        return user("inspector");
    }

    /** Starts a sweep of a month and waits until it is done; returns its id. */
    public static long sweep(String month) {
        long id = inspector().contentType("application/json").body("{\"month\": \"" + month + "\"}")
                .post("/api/sweeps").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                !"RUNNING".equals(inspector().get("/api/sweeps/" + id).jsonPath().getString("status")));
        inspector().get("/api/sweeps/" + id).then().body("status", org.hamcrest.Matchers.equalTo("DONE"));
        return id;
    }

    /** An NDJSON body, sent as UTF-8 bytes. */
    public static byte[] ndjson(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The text of a golden case file, e.g. {@code split-admission/SA-01-hit/cases.ndjson}. */
    public static String golden(String path) {
        try {
            return Files.readString(Path.of("test-cases", path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
