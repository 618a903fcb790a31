package org.drgaudit.sweeps;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The split-admission rules read the policy as it is written, swept over REST: the planned-readmission flag is
 * recorded at the earlier stay's discharge, and a transfer inside an alliance is a split admission only when it
 * splits one episode and is not a referral the region's parameters exempt. The golden cases are moved to October
 * under their own ids, so no other test's month sees them.
 */
@QuarkusTest
class SplitAdmissionDefinitionTest {

    private static final String MONTH = "2024-10";
    private static final Path PARAMETERS = Path.of("target/test-knowledge-base/parameters/demo-2024.yaml");
    private static boolean imported;

    /** A golden case folder's cases in October, their case and patient ids prefixed so they are this test's own. */
    private static String october(String folder, String caseIdStem, String prefix) {
        return As.golden(folder + "/cases.ndjson").replace("2024-03-", "2024-10-")
                .replace("P-" + caseIdStem, "P-" + prefix).replace(caseIdStem + "-", prefix + "-");
    }

    @BeforeEach
    void importCases() {
        if (imported) {
            return;
        }
        imported = true;
        String cases = String.join("", List.of(
                october("split-admission/SA-01-miss-2", "SA01-MISS2", "SAD-EARLIER-FLAG"),
                october("split-admission/SA-01-hit-5", "SA01-HIT5", "SAD-LATER-FLAG"),
                october("split-admission/SA-03-miss-5", "SA03-MISS5", "SAD-DOWN"),
                october("split-admission/SA-03-miss-6", "SA03-MISS6", "SAD-UP-OTHER"),
                october("split-admission/SA-03-hit-2", "SA03-HIT2", "SAD-LATERAL")));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(cases)).post("/api/cases/import")
                .then().statusCode(200).body("accepted", equalTo(10));
    }

    private static List<List<String>> caseIdsOf(String rule) {
        return As.inspector().get("/api/findings?month=" + MONTH + "&rule=" + rule + "&size=1000").jsonPath().getList("items.caseIds");
    }

    @Test
    void aReadmissionIsPlannedWhenTheEarlierStayCarriesTheFlagNotTheLaterOne() {
        As.sweep(MONTH);
        // the first discharge planned the readmission: no split admission
        As.inspector().get("/api/findings?month=" + MONTH + "&size=1000").then().statusCode(200)
                .body("items.caseIds.flatten()", not(hasItem(org.hamcrest.Matchers.startsWith("SAD-EARLIER-FLAG"))));
        // only the readmission carries the flag (it plans a further stay): still an unplanned readmission
        As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-01&size=1000").then().statusCode(200)
                .body("items.caseIds", hasItem(contains("SAD-LATER-FLAG-A", "SAD-LATER-FLAG-B")))
                .body("items.find { it.caseIds.contains('SAD-LATER-FLAG-B') }.explanation", containsString("非计划再入院"));
    }

    @Test
    void aTransferInsideTheAllianceIsASplitAdmissionOnlyWhenItSplitsOneEpisode() {
        As.sweep(MONTH);
        List<List<String>> sa03 = caseIdsOf("SA-03");
        // down to a township centre for continuing care of the same stroke: an exempt referral
        org.hamcrest.MatcherAssert.assertThat(sa03, not(hasItem(hasItem("SAD-DOWN-B"))));
        // up to the county hospital for another condition (GI bleed, then a PCI): no episode split
        org.hamcrest.MatcherAssert.assertThat(sa03, not(hasItem(hasItem("SAD-UP-OTHER-B"))));
        // sideways between two township centres for the same pneumonia: one episode settled twice
        int id = As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-03&size=1000").jsonPath()
                .getInt("items.find { it.caseIds.contains('SAD-LATERAL-B') }.id");
        As.inspector().get("/api/findings/" + id).then().statusCode(200)
                .body("caseIds", contains("SAD-LATERAL-A", "SAD-LATERAL-B"))
                .body("evidence.referral", equalTo("SAME"))
                .body("evidence.earlierGroup", equalTo("ES35"))
                .body("evidence.laterGroup", equalTo("ES35"))
                .body("explanation", containsString("同级转至同一医共体"))
                .body("explanation", containsString("两次住院同属 ADRG ES3"));
    }

    @Test
    void theReferralExemptionsAreParametersOfTheRegion() throws IOException {
        String original = Files.readString(PARAMETERS);
        String exemption = "- {name: 下转接续康复护理, direction: DOWN}";
        org.junit.jupiter.api.Assertions.assertTrue(original.contains(exemption), "the demo parameters exempt down-referrals");
        // a region that exempts only down-referrals for rehabilitation (Z50 康复医疗) judges the stroke transfer; the
        // change breaks the golden case that stands for the exemption, so from disk alone it does not go live (issue 15)
        String narrowed = "- {name: 下转康复, direction: DOWN, principalDiagnoses: [Z50]}";
        Files.writeString(PARAMETERS, original.replace(exemption, narrowed));
        try {
            As.user("approver").post("/api/knowledge/reload").then().statusCode(422)
                    .body("detail", containsString("split-admission/SA-03-miss-5: unexpected SA-03:SA03-MISS5-A,SA03-MISS5-B"));
        } finally {
            Files.writeString(PARAMETERS, original);
        }
        // a draft that changes the parameter and that golden case together goes live once a second person approves it
        int before = As.inspector().get("/api/rules/version").jsonPath().getInt("version");
        int v = As.user("policy").contentType("application/json").body("{\"title\":\"双向转诊豁免限于康复医疗\"}")
                .post("/api/rule-versions").then().statusCode(201).extract().jsonPath().getInt("version.version");
        String yaml = "knowledge/parameters/demo-2024.yaml";
        String draftYaml = As.user("policy").get("/api/rule-versions/" + v + "/files/" + yaml).asString();
        put(v, yaml, draftYaml.replace(exemption, narrowed));
        put(v, "test-cases/split-admission/SA-03-miss-5/expected.json", "{\"month\": \"2024-03\", \"description\": \"豁免限于 Z50 时，"
                + "脑梗死下转接续治疗判定分解住院\", \"findings\": [{\"ruleId\": \"SA-03\", \"caseIds\": [\"SA03-MISS5-A\", \"SA03-MISS5-B\"]}]}");
        As.user("policy").post("/api/rule-versions/" + v + "/test").then().statusCode(200);
        long backtest = As.user("policy").contentType("application/json").body("{\"months\":[\"" + MONTH + "\"]}")
                .post("/api/rule-versions/" + v + "/backtests").then().statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> "DONE".equals(
                As.user("policy").get("/api/rule-versions/" + v + "/backtests/" + backtest).jsonPath().getString("status")));
        As.user("policy").post("/api/rule-versions/" + v + "/approval-request").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/approve").then().statusCode(200);
        As.user("approver").post("/api/rule-versions/" + v + "/publish").then().statusCode(200);
        try {
            As.inspector().get("/api/knowledge/parameters").then()
                    .body("[0].splitAdmission.allianceReferralExemptions[0].principalDiagnoses", contains("Z50"));
            As.sweep(MONTH);
            As.inspector().get("/api/findings?month=" + MONTH + "&rule=SA-03&size=1000").then()
                    .body("items.find { it.caseIds.contains('SAD-DOWN-B') }.evidence.referral", equalTo("DOWN"))
                    .body("items.find { it.caseIds.contains('SAD-DOWN-B') }.explanation", containsString("下转至同一医共体"));
        } finally {
            As.user("approver").contentType("application/json").body("{\"reason\":\"测试结束\"}")
                    .post("/api/rule-versions/" + before + "/rollback").then().statusCode(200);
        }
        As.sweep(MONTH);
        org.hamcrest.MatcherAssert.assertThat(caseIdsOf("SA-03"), not(hasItem(hasItem("SAD-DOWN-B"))));
    }

    private static void put(int version, String path, String text) {
        As.user("policy").contentType("text/plain; charset=UTF-8").body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/rule-versions/" + version + "/files/" + path).then().statusCode(200);
    }
}
