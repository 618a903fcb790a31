package org.drgaudit.sweeps;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/** A threshold lives in the parameters file: changing it changes the next sweep, with no DRL touched. */
@QuarkusTest
class ParameterChangeTest {

    private static final Path PARAMETERS = Path.of("target/test-knowledge-base/parameters/demo-2024.yaml");

    private static void reloadKnowledge() {
        As.user("policy").post("/api/knowledge/reload").then().statusCode(200);
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> laterStayFlagged() {
        return hasItem("SA01-HIT-B");
    }

    @Test
    void shorteningTheReadmissionWindowTo10DaysDropsADay15ReadmissionOnTheNextSweep() throws IOException {
        As.inspector().contentType("application/x-ndjson")
                .body(As.ndjson(As.golden("split-admission/SA-01-hit/cases.ndjson")))
                .post("/api/cases/import").then().statusCode(200);
        As.sweep("2024-03");
        As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                .body("items.caseIds.flatten()", laterStayFlagged());

        String original = Files.readString(PARAMETERS);
        Files.writeString(PARAMETERS, original.replace("readmissionWindowDays: 15", "readmissionWindowDays: 10"));
        try {
            reloadKnowledge();
            As.inspector().get("/api/knowledge/parameters").then().body("[0].splitAdmission.readmissionWindowDays", equalTo(10));
            As.sweep("2024-03");
            As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                    .body("items.caseIds.flatten()", not(laterStayFlagged()))
                    .body("items.knowledgeBaseVersion", not(hasItem("KB-1")));
        } finally {
            Files.writeString(PARAMETERS, original);
            reloadKnowledge();
        }
        As.sweep("2024-03");
        As.inspector().get("/api/findings?month=2024-03&rule=SA-01&size=1000").then()
                .body("items.caseIds.flatten()", laterStayFlagged());
    }
}
