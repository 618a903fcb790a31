package org.drgaudit.fault;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 13: a path a request names on the server is confined to the import folder; every other path,
 * existing or not, reached by '..', by an absolute name or through a link, gets one and the same answer.
 */
@QuarkusTest
class ServerPathsTest {

    private static final Path IMPORTS = Path.of("target/test-data/imports");

    private static JsonPath refusedImportFile(String file) {
        return As.user("admin").contentType("application/json").body(java.util.Map.of("file", file))
                .post("/api/cases/import-file").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Path not allowed")).extract().jsonPath();
    }

    @Test
    void aFileInsideTheImportFolderIsImportedAndEveryOtherPathGetsTheSameAnswer() throws Exception {
        Files.createDirectories(IMPORTS.resolve("batch"));
        Files.writeString(IMPORTS.resolve("batch/cases.ndjson"), BadInputTest.line("PATH-1", null, null) + "\n");
        Path link = IMPORTS.resolve("outside-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc/hostname"));

        As.user("admin").contentType("application/json").body("{\"file\":\"batch/cases.ndjson\"}")
                .post("/api/cases/import-file").then().statusCode(200).body("accepted", equalTo(1));

        List<String> attempts = List.of("/etc/passwd", "/etc/no-such-file", "../../../pom.xml", "../pg/drgaudit-db-password",
                "batch/../../pg/postmaster.opts", "no-such.ndjson", "/proc/self/environ", "outside-link", "batch",
                Path.of("target/test-data/pg/drgaudit-db-password").toAbsolutePath().toString());
        List<String> answers = new ArrayList<>();
        for (String attempt : attempts) {
            answers.add(refusedImportFile(attempt).getString("detail").replace(attempt.length() > 80 ? attempt.substring(0, 80) + "…" : attempt, "<path>"));
        }
        assertEquals(1, answers.stream().distinct().count(), "one answer for every refused path: " + answers);
    }

    @Test
    void theOfficialImportReadsOnlyInsideTheImportFolder() {
        List<String> answers = new ArrayList<>();
        for (String dir : List.of("/etc", "/no/such/folder", "../..", "/proc/self")) {
            answers.add(As.user("policy").contentType("application/json")
                    .body(java.util.Map.of("tablesDir", dir, "weightsFile", "weights.tsv"))
                    .post("/api/knowledge/official-import").then().statusCode(400)
                    .body("title", equalTo("Path not allowed")).body("errors[0].field", equalTo("tablesDir"))
                    .extract().jsonPath().getString("detail").replace(dir, "<path>"));
        }
        assertEquals(1, answers.stream().distinct().count(), answers.toString());
    }
}
