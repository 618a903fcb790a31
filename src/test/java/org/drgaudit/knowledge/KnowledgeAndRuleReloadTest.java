package org.drgaudit.knowledge;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * A broken rule file or knowledge-base file is refused with its file and line, and what was
 * running keeps running. Works on the test copies of the folders (target/test-*).
 */
@QuarkusTest
class KnowledgeAndRuleReloadTest {

    private static final Path RULES = Path.of("target/test-rules-drl");
    private static final Path KB = Path.of("target/test-knowledge-base");

    @Test
    void aRuleFileWithASyntaxErrorIsRefusedWithFileAndLineAndTheRunningRulesStay() throws IOException {
        int before = As.user("policy").get("/api/rules/version").jsonPath().getInt("version");
        Path broken = RULES.resolve("zz-broken.drl");
        Files.writeString(broken, "package rules;\n\nrule \"ZZ-01 坏规则\"\nwhen\n    eval(\nthen\nend\n");
        try {
            As.user("approver").post("/api/rules/reload").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.file", hasItem("zz-broken.drl"))
                    .body("errors.find { it.file == 'zz-broken.drl' }.line", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        } finally {
            Files.delete(broken);
        }
        As.user("policy").get("/api/rules/version").then().body("version", equalTo(before));
        As.user("policy").get("/api/rules").then().statusCode(200).body("id", hasItem("SA-01"));
    }

    @Test
    void aRuleChangeThatBreaksAGoldenCaseIsRefused() throws IOException {
        Path file = RULES.resolve("too-little-service.drl");
        String original = Files.readString(file);
        Files.writeString(file, original.replace("costRatio < policy.tooLittleService.lowCostRatio",
                "costRatio <= policy.tooLittleService.lowCostRatio"));
        try {
            As.user("approver").post("/api/rules/reload").then().statusCode(422)
                    .body("title", equalTo("Rule base fails its golden cases"))
                    .body("regression.failures.testCase", hasItem("too-little-service/TL-01-miss"));
        } finally {
            Files.writeString(file, original);
        }
        As.user("policy").post("/api/rules/test").then().statusCode(200).body("failed", equalTo(0));
    }

    @Test
    void aBrokenKnowledgeBaseFileIsRefusedWithFileAndLineAndTheVersionStays() throws IOException {
        String label = As.inspector().get("/api/knowledge/version").jsonPath().getString("label");
        Path file = KB.resolve("catalogue/demo-2024.tsv");
        String original = Files.readString(file);
        Files.writeString(file, original.replaceFirst("(\\nBR21\\t[^\\t]+\\t)[0-9.]+", "$1heavy"));
        try {
            As.user("approver").post("/api/knowledge/reload").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].file", equalTo("catalogue/demo-2024.tsv"))
                    .body("errors[0].line", org.hamcrest.Matchers.greaterThan(1))
                    .body("errors[0].message", startsWith("column 'weight' is not a number"));
        } finally {
            Files.writeString(file, original);
        }
        As.inspector().get("/api/knowledge/version").then().body("label", equalTo(label));
        As.user("approver").post("/api/knowledge/reload").then().statusCode(200).body("label", equalTo(label));
    }
}
