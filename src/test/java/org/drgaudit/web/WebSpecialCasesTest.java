package org.drgaudit.web;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 特例单议 in the browser, on November 2024 at H005 (no other test counts that month there; H005 has no expert): 20
 * discharges give a quota of one. The inspector grants a late-declaration window, the hospital declares its SC-01
 * candidate with a PDF, the inspector draws two experts (both of other hospitals), each approves blind (no hospital,
 * no case id), the inspector decides by the parameters' rule, the hospital reads the opinions without the experts'
 * names, and the next clearing run's H005 statement carries the SPECIAL_CASE line.
 */
@QuarkusTest
class WebSpecialCasesTest {

    static final String MONTH = "2024-11";
    static final String CASE = "WSC-HIGH";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void browserInstalled() {
        Assumptions.assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install -y chromium chromium-driver)");
    }

    @BeforeEach
    void monthImported() {
        String ordinary = As.golden("split-admission/SA-01-hit/cases.ndjson").lines().findFirst().orElseThrow().replace("2024-03-", "2024-11-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add(ordinary.replace("SA01-HIT-A", "WSC-" + i).replace("P-SA01-HIT", "P-WSC-" + i).replace("\"H001\"", "\"H005\""));
        }
        // November has no 31st: the golden case settles on 31 March
        lines.add(As.golden("special-case/SC-01-hit/cases.ndjson").strip().replace("2024-03-31", "2024-11-30").replace("2024-03-", "2024-11-").replace("SC01-HIT-A", CASE)
                .replace("P-SC01-HIT", "P-" + CASE).replace("\"H001\"", "\"H005\""));
        As.inspector().contentType("application/x-ndjson").body(As.ndjson(String.join("\n", lines)))
                .post("/api/cases/import").then().statusCode(200).body("accepted", equalTo(lines.size()));
        As.sweep(MONTH);
    }

    @Test
    void aHospitalDeclaresTwoExpertsOfOtherHospitalsApproveBlindAndTheClearingStatementPaysTheExtra() throws Exception {
        // the month is long past its window: the inspector grants a late declaration on the page
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/special-cases?period=" + MONTH);
            b.choose(By.id("window-period"), MONTH);
            b.choose(By.id("window-hospital"), "H005");
            b.js("arguments[0].value = arguments[1]", b.waitFor(By.id("window-until")),
                    LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString());
            b.type(By.id("window-reason"), "系统上线前的期间，准予补报");
            b.clickAndWait(By.id("window-submit"));
            b.waitForText(By.id("windows"), "系统上线前的期间，准予补报");
        }

        long id;
        Path pdf = Files.createTempFile("特例病程记录", ".pdf");
        Files.write(pdf, WebInterfaceTest.PDF);
        try (Browser b = new Browser(base.toString(), 1100).login("h005")) {
            b.go("#/special-cases?period=" + MONTH);
            assertTrue(b.text(By.id("quota-remaining")).contains("1 例"), "20 discharges × 5% = one place");
            b.click(By.cssSelector("#candidates button.choose-candidate[data-case='" + CASE + "']"));
            assertEquals(CASE, b.driver.findElement(By.id("declare-case")).getAttribute("value"));
            assertEquals("HIGH_COST", b.driver.findElement(By.id("declare-category")).getAttribute("value"), "the suggested category");
            b.type(By.id("declare-reason"), "重症肺炎合并脓毒症、呼吸衰竭，救治费用远超病组标准");
            b.driver.findElement(By.id("declare-files")).sendKeys(pdf.toString());
            b.screenshot(WebInterfaceTest.SHOTS.resolve("special-case-declare.png"));
            b.clickAndWait(By.id("declare-submit"));
            b.waitForText(By.cssSelector("main h1"), "特例单议申报 #");
            id = Long.parseLong(b.text(By.cssSelector("main h1")).replaceAll("^特例单议申报 #(\\d+).*$", "$1"));
            assertTrue(b.text(By.id("attachments")).contains(pdf.getFileName().toString()));
            assertTrue(b.text(By.id("declaration-status")).contains("待指派专家"));
            b.go("#/special-cases?period=" + MONTH);
            assertTrue(b.text(By.id("quota-remaining")).contains("0 例"), "the place is used");
        } finally {
            Files.deleteIfExists(pdf);
        }

        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/special-cases/" + id);
            b.type(By.id("assign-seed"), "20241101");
            b.clickAndWait(By.id("assign"));
            b.waitForText(By.id("declaration-status"), "专家评审中");
            assertEquals(2, b.all(By.cssSelector("#experts tbody tr")).size());
            assertFalse(b.text(By.id("experts")).contains("H005"), "no expert of the declaring hospital");
        }
        List<String> experts = As.inspector().get("/api/special-cases/" + id).jsonPath().getList("experts.expert");
        assertEquals(2, experts.size());
        for (String expert : experts) {
            try (Browser b = new Browser(base.toString()).login(expert, expert)) {
                b.waitForText(By.cssSelector("main h1"), "特例单议专家评审");
                assertTrue(b.all(By.cssSelector("#sidenav a[href='#/findings']")).isEmpty(), "an expert sees only the special cases");
                b.click(By.cssSelector("#assigned a[href='#/special-cases/" + id + "']"));
                b.waitUntilRendered();
                String page = b.mainText();
                assertFalse(page.contains("H005") || page.contains("演示县人民医院") || page.contains(CASE), "blind to the hospital and case");
                assertTrue(b.text(By.id("blind-case")).contains("J18.900"), "the clinical facts are there");
                if (expert.equals(experts.get(0))) {
                    b.screenshot(WebInterfaceTest.SHOTS.resolve("special-case-expert.png"));
                }
                b.click(By.id("opinion-approve"));
                b.waitForText(By.id("opinion-status"), "请说明理由");
                b.type(By.id("opinion-reason"), "病情危重，费用合理，同意按特例单议支付");
                b.clickAndWait(By.id("opinion-approve"));
                b.waitForText(By.id("my-opinion"), "同意");
            }
        }

        long run;
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/special-cases/" + id);
            assertTrue(b.text(By.id("action-panel")).contains("MAJORITY"), "the decision follows the rule the parameters name");
            b.clickAndWait(By.id("decide"));
            b.waitForText(By.id("declaration-status"), "认定");
            assertTrue(b.text(By.id("payment")).contains("追加金额"));
            b.go("#/special-cases?period=" + MONTH + "&hospital=H005");
            assertTrue(b.text(By.id("statistics")).contains("H005"));
            b.screenshot(WebInterfaceTest.SHOTS.resolve("special-cases.png"));

            b.go("#/clearing");
            // the declaration is of 2024; the form offers the latest year (2025) first
            b.choose(By.name("regionYear"), "demo/2024");
            b.clickAndWait(By.id("open-run"));
            run = Long.parseLong(b.text(By.cssSelector("main h1")).replaceAll("^清算批次 #(\\d+).*$", "$1"));
            b.go("#/clearing/" + run + "/H005");
            assertFalse(b.all(By.cssSelector("#lines tr.line-SPECIAL_CASE a[href='#/special-cases/" + id + "']")).isEmpty(),
                    "the statement has the declaration's SPECIAL_CASE line, linked to it");
            assertTrue(b.text(By.cssSelector("#lines tr.line-SPECIAL_CASE")).contains("特例单议"));
        }
        As.inspector().get("/api/clearing-runs/" + run + "/statements/H005").then().statusCode(200)
                .body("lines.find { it.kind == 'SPECIAL_CASE' && it.sourceId == '" + id + "' }.caseId", equalTo(CASE));

        try (Browser b = new Browser(base.toString()).login("h005")) {
            b.go("#/special-cases/" + id);
            String opinions = b.text(By.id("opinions"));
            assertTrue(opinions.contains("病情危重，费用合理"), opinions);
            for (String expert : experts) {
                assertFalse(b.mainText().contains(expert), "no expert's name for the hospital");
            }
        }
    }
}
