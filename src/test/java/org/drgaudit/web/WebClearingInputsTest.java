package org.drgaudit.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 年终清算 inputs in the browser, at H005 in November 2024 (no other test counts H005's advances or score): a pasted
 * batch with a bad month is refused whole with the line and field; a file of advances is imported; the same month
 * pasted again with another amount becomes version 2 and the versions table shows the replaced one; an assessment
 * score with its agreed total is imported as a JSON array and answered with its grade. A reviewer sees the versions
 * but no import form.
 */
@QuarkusTest
class WebClearingInputsTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void browserInstalled() {
        Assumptions.assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install -y chromium chromium-driver)");
    }

    @Test
    void advancesAndScoresAreImportedWithLocatedErrorsAndTheAdvancesKeepTheirVersions() throws Exception {
        Path file = Files.createTempFile("预拨款", ".ndjson");
        Files.writeString(file, "{\"hospitalCode\": \"H005\", \"month\": \"2024-11\", \"advance\": 90000.00, \"depositWithheld\": 2700.00}\n",
                StandardCharsets.UTF_8);
        try (Browser b = new Browser(base.toString(), 1100).login("inspector")) {
            b.go("#/clearing");
            b.click(By.id("clearing-inputs"));
            b.waitUntilRendered();

            b.type(By.id("advances-text"), "{\"hospitalCode\": \"H005\", \"month\": \"2024-10\", \"advance\": 1000.00}\n"
                    + "{\"hospitalCode\": \"H005\", \"month\": \"2024-13\", \"advance\": 1000.00}");
            b.click(By.id("advances-submit"));
            b.waitForText(By.id("advances-result"), "整批未导入");
            String refusal = b.text(By.id("advances-result"));
            assertTrue(refusal.contains("第 2 行") && refusal.contains("month"), refusal);

            b.type(By.id("advances-text"), "");
            b.driver.findElement(By.id("advances-file")).sendKeys(file.toString());
            b.click(By.id("advances-submit"));
            b.waitForText(By.id("advances-result"), "新增 1 条");

            b.go("#/clearing/inputs?hospital=H005&year=2024");
            b.type(By.id("advances-text"), "{\"hospitalCode\": \"H005\", \"month\": \"2024-11\", \"advance\": 95000.00, \"depositWithheld\": 2850.00}");
            b.click(By.id("advances-submit"));
            b.waitForText(By.id("advances-result"), "更改 1 条");
            assertTrue(b.text(By.id("advances-result")).contains("90,000.00 → 95,000.00"));

            b.type(By.id("assessments-text"), "[{\"hospitalCode\": \"H005\", \"year\": 2024, \"score\": 82, \"agreedTotal\": 30000000.00}]");
            b.click(By.id("assessments-submit"));
            b.waitForText(By.id("assessments-result"), "已导入 1 个考核分数");
            assertTrue(b.text(By.id("assessments-result")).contains("30,000,000.00"));
            b.screenshot(WebInterfaceTest.SHOTS.resolve("clearing-inputs.png"));
        } finally {
            Files.deleteIfExists(file);
        }
        As.inspector().get("/api/clearing-runs/advances?hospital=H005&year=2024").then().statusCode(200)
                .body("findAll { it.month == '2024-11' }.size()", org.hamcrest.Matchers.equalTo(2));

        try (Browser b = new Browser(base.toString()).login("reviewer")) {
            b.go("#/clearing/inputs?hospital=H005&year=2024");
            assertTrue(b.all(By.id("advances-form")).isEmpty(), "a reviewer does not import");
            String versions = b.text(By.id("advance-versions"));
            assertTrue(versions.contains("已被替换") && versions.contains("当前版本"), versions);
        }
    }
}
