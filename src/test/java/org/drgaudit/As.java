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
