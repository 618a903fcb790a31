package org.drgaudit.specialcases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Whether very-low-cost stays are special-case candidates or too-little-service suspicions is the region's parameter
 * (specialCase.lowOutliers). February 2024 at H010: 19 ordinary stays and a stay costing 38.58% of its group's
 * standard cost. With SPECIAL_CASE (Shanghai) the next sweep makes it an SC-01 candidate the hospital may declare as
 * 极低费用; with the demo's TOO_LITTLE_SERVICE it is no candidate, and such a declaration is refused.
 */
@QuarkusTest
class LowOutlierParameterTest {

    private static final Path PARAMETERS = Path.of("target/test-knowledge-base/parameters/demo-2024.yaml");
    private static final String MONTH = "2024-02";

    private static void reloadKnowledge() {
        As.user("policy").post("/api/knowledge/reload").then().statusCode(200);
    }

    @Test
    void theRegionDecidesWhetherAVeryLowCostStayIsASpecialCaseCandidate() throws IOException {
        String ordinary = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow().replace("2024-03-", "2024-02-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add(ordinary.replace("SA01-HIT-A", "SCL-" + i).replace("P-SA01-HIT", "P-SCL-" + i).replace("\"H001\"", "\"H010\""));
        }
        lines.add(As.golden("too-little-service/TL-01-hit/cases.ndjson").strip().replace("2024-03-", "2024-02-")
                .replace("TL01-HIT-A", "SCL-LOW").replace("P-TL01-HIT", "P-SCL-LOW").replace("\"H002\"", "\"H010\""));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        SpecialCaseWorkflowTest.keepOpen("H010", MONTH);

        String original = Files.readString(PARAMETERS);
        Files.writeString(PARAMETERS, original.replace("lowOutliers: TOO_LITTLE_SERVICE", "lowOutliers: SPECIAL_CASE"));
        try {
            reloadKnowledge();
            As.sweep(MONTH);
            As.user("h010").get("/api/special-cases/candidates?period=" + MONTH).then().statusCode(200)
                    .body("find { it.caseId == 'SCL-LOW' }.suggestedCategory", equalTo("LOW_COST"))
                    .body("find { it.caseId == 'SCL-LOW' }.explanation", containsString("极低费用"));
            SpecialCaseWorkflowTest.declare("h010", "SCL-LOW", "LOW_COST").statusCode(201).body("categoryLabel", equalTo("极低费用"));
        } finally {
            Files.writeString(PARAMETERS, original);
            reloadKnowledge();
        }
        SpecialCaseWorkflowTest.declare("h010", "SCL-0", "LOW_COST").statusCode(400)
                .body("detail", containsString("服务不足")).body("detail", containsString("specialCase.lowOutliers"));
        As.sweep(MONTH);
        As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H010&rule=SC-01").then().statusCode(200)
                .body("items.caseIds.flatten()", not(hasItem("SCL-LOW")));
        As.inspector().get("/api/findings?month=" + MONTH + "&hospital=H010&rule=TL-01").then().statusCode(200)
                .body("items.caseIds.flatten()", hasItem("SCL-LOW"));
    }
}
