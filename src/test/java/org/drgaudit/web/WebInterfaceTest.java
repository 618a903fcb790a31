package org.drgaudit.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The web interface in a real browser (Debian's headless Chromium): each role signs in through the login form and does
 * its job on the pages. An inspector finds a finding and draws a campaign with the wizard; the finding goes 初审 →
 * 复审 → 申诉 (the hospital appeals with a PDF) → 调查核实 → 违规处理, where the reviewer opens the PDF and decides with a
 * severity; a statement is downloaded as Excel; a hospital user is denied another hospital's case. Skipped, with a
 * message, where chromium and chromium-driver are not installed.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebInterfaceTest {

    /** A small but real PDF (one empty page). */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    static long campaign;
    static long item;

    @BeforeAll
    static void browserInstalled() {
        Assumptions.assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install -y chromium chromium-driver)");
    }

    @BeforeEach
    void data() {
        WebMonth.ensure();
    }

    @Test
    @Order(1)
    void wrongPasswordIsSaidInPlainWordsAndTheBrowserAsksNothing() {
        try (Browser b = new Browser(base.toString())) {
            b.login("inspector", "wrong");
            b.waitForText(By.cssSelector(".login .alert.error"), "用户名或密码不正确");
            assertTrue(b.all(By.id("logout")).isEmpty());
        }
    }

    @Test
    @Order(2)
    void inspectorFindsAFindingAndDrawsACampaignWithTheWizard() throws IOException {
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            assertTrue(b.text(By.id("kpis")).contains("多支付"));
            b.screenshot(SHOTS.resolve("dashboard.png"));

            b.go("#/findings?month=" + WebMonth.MONTH + "&rule=HC-01&hospital=H008");
            b.click(By.xpath("//main//table//a[text()='" + WebMonth.HC01_CASE + "']/ancestor::tr//a[starts-with(text(),'#')]"));
            b.waitUntilRendered();
            assertTrue(b.text(By.cssSelector("main h1")).contains("HC-01"));
            assertTrue(b.mainText().contains("多支付（基金）"), "the finding shows its money");
            assertTrue(b.mainText().contains("BR23"), "and the correct group");
            assertTrue(b.mainText().contains("分组路径"), "and the grouper's trace");

            b.go("#/campaigns");
            b.click(By.id("new-campaign"));
            b.waitUntilRendered();
            b.type(By.name("name"), "网页专项抽查");
            b.click(By.cssSelector("input[name=months][value='" + WebMonth.MONTH + "']"));
            b.click(By.cssSelector("input[name=hospitalMode][value=list]"));
            b.click(By.cssSelector("input[name=hospitalCodes][value=H008]"));
            b.click(By.cssSelector("input[name=hospitalCodes][value=H009]"));
            b.click(By.id("wizard-next"));
            b.type(By.name("seed"), "20240801");
            b.type(By.name("minPerHospital"), "2");
            b.click(By.id("wizard-next"));
            assertTrue(b.mainText().contains("H008、H009"));
            b.clickAndWait(By.id("wizard-create"));
            b.clickAndWait(By.id("draw"));
            String hash = b.text(By.id("frame-hash"));
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
            assertEquals("20240801", b.text(By.id("seed")));
            campaign = Long.parseLong(b.text(By.cssSelector("main h1")).replaceAll("^专项抽查 #(\\d+).*$", "$1"));
            assertEquals(hash, As.inspector().get("/api/campaigns/" + campaign).jsonPath().getString("frameHash"));
            assertTrue(b.text(By.id("sample")).contains("H008"));
            assertTrue(b.text(By.id("results")).contains("95% 置信区间"));
            b.screenshot(SHOTS.resolve("campaign.png"));
            b.click(By.id("export"));
            byte[] xlsx = Files.readAllBytes(b.downloaded(".xlsx"));
            assertEquals('P', xlsx[0], "an Excel workbook (zip)");
        }
        JsonPath items = As.inspector().get("/api/reviews?campaign=" + campaign).jsonPath();
        item = items.getLong("find { it.caseId == '" + WebMonth.HC01_CASE + "' }.id");
    }

    @Test
    @Order(3)
    void aFindingGoesFromFirstReviewToDecisionThroughAHospitalAppealWithAPdf() throws IOException {
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/reviews?campaign=" + campaign);
            assertTrue(b.text(By.cssSelector(".tabs a.active")).startsWith("初审"), "an inspector starts at 初审");
            b.click(By.xpath("//main//table//tr[td[3][text()='" + WebMonth.HC01_CASE + "']]//a"));
            b.waitUntilRendered();
            b.click(By.id("action-dismiss"));
            b.waitForText(By.id("action-status"), "不予认定须说明理由");
            b.type(By.id("action-reason"), "编码与病历不符，移交复审");
            b.clickAndWait(By.id("action-confirm"));
            b.waitForText(By.cssSelector("main h1"), "复审");
        }
        try (Browser b = new Browser(base.toString()).login("reviewer")) {
            b.go("#/reviews/" + item);
            b.clickAndWait(By.id("action-confirm"));
            b.waitForText(By.cssSelector("main h1"), "申诉");
        }
        Path pdf = Files.createTempFile("病程记录", ".pdf");
        Files.write(pdf, PDF);
        try (Browser b = new Browser(base.toString()).login("h008")) {
            b.go("#/reviews");
            assertTrue(b.text(By.cssSelector(".tabs a.active")).startsWith("申诉"), "a hospital starts at 申诉");
            b.click(By.xpath("//main//table//tr[td[3][text()='" + WebMonth.HC01_CASE + "']]//a"));
            b.waitUntilRendered();
            b.type(By.id("appeal-reason"), "病程记录载明脑内出血经影像确诊并治疗，见附件。");
            b.driver.findElement(By.id("appeal-files")).sendKeys(pdf.toString());
            b.screenshot(SHOTS.resolve("appeal.png"));
            b.clickAndWait(By.id("action-appeal"));
            b.waitForText(By.cssSelector("main h1"), "调查核实");
            assertTrue(b.text(By.id("attachments")).contains(pdf.getFileName().toString()));
        } finally {
            Files.deleteIfExists(pdf);
        }
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/reviews/" + item);
            b.type(By.id("action-reason"), "调阅病历：影像报告未见脑内出血，申诉理由不成立");
            b.clickAndWait(By.id("action-investigate"));
            b.waitForText(By.cssSelector("main h1"), "违规处理");
        }
        try (Browser b = new Browser(base.toString(), 1100).login("reviewer")) {
            b.go("#/reviews/" + item);
            // the bureau reads the hospital's PDF: opened in a tab, and saved byte for byte
            int windows = b.driver.getWindowHandles().size();
            b.click(By.cssSelector("#attachments .open-attachment"));
            b.wait(java.time.Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > windows);
            b.click(By.cssSelector("#attachments .download-attachment"));
            assertArrayEquals(PDF, Files.readAllBytes(b.downloaded(".pdf")));

            String severityOptions = b.text(By.cssSelector("#action-form select.severity"));
            assertTrue(severityOptions.contains("较重（1 倍，违约金"), severityOptions);
            b.choose(By.cssSelector("#action-form select.severity"), "SERIOUS");
            b.screenshot(SHOTS.resolve("decision.png"));
            // a corrected amount is flagged, refused without a reason, and its penalty follows the corrected amount
            b.type(By.cssSelector("#action-form input.overpayment"), "4000.00");
            b.waitForText(By.cssSelector("#action-form fieldset.decision"), "按认定金额计违约金：4,000.00");
            b.click(By.id("action-decide"));
            b.waitForText(By.id("action-status"), "请在理由中说明");
            b.type(By.cssSelector("#action-form textarea.finding-reason"), "病历显示部分治疗属实，按核实结果核减");
            b.clickAndWait(By.id("action-decide"));
            b.waitForText(By.cssSelector("main h1"), "已办结");
            assertTrue(b.text(By.id("decisions")).contains("认定违规"));
        }
        JsonPath finding = As.inspector().get("/api/findings?case=" + WebMonth.HC01_CASE).jsonPath();
        assertEquals("CONFIRMED", finding.getString("items[0].reviewStatus"));
        assertEquals("SERIOUS", finding.getString("items[0].decision.severity"));
        assertEquals(0, new java.math.BigDecimal("4000.00").compareTo(finding.getObject("items[0].decision.overpayment", java.math.BigDecimal.class)));
        assertEquals(0, new java.math.BigDecimal("4000.00").compareTo(finding.getObject("items[0].decision.penalty", java.math.BigDecimal.class)),
                "较重: penalty = 1 × the confirmed overpayment");
        assertEquals("病历显示部分治疗属实，按核实结果核减", finding.getString("items[0].decision.reason"));
    }

    @Test
    @Order(4)
    void aHospitalUserSeesOnlyItsOwnHospitalAndChecksItsOwnStratumOfTheDraw() {
        try (Browser b = new Browser(base.toString()).login("h008")) {
            assertTrue(b.text(By.id("who-role")).contains("演示县城关镇卫生院"));
            assertTrue(b.all(By.cssSelector("#sidenav a[href='#/campaigns']")).isEmpty(), "no campaigns for a hospital");
            b.go("#/cases/WEB-SA-A");
            assertTrue(b.text(By.cssSelector("main .alert.error")).contains("未找到"), "H009's case is not shown to H008");
            b.go("#/cases/WEB-0");
            assertTrue(b.text(By.cssSelector("main h1")).contains("WEB-0"));
            b.go("#/campaigns/" + campaign + "/verify");
            assertEquals(As.inspector().get("/api/campaigns/" + campaign).jsonPath().getString("frameHash"),
                    b.text(By.id("verify-frame-hash")));
            b.click(By.id("redraw"));
            b.waitForText(By.id("redraw-result"), "与已抽样本一致");
            b.go("#/findings?hospital=H009");
            assertTrue(b.all(By.name("hospital")).isEmpty(), "no hospital filter for a hospital user");
            assertFalse(b.mainText().contains("H009"), "and no other hospital's findings");
        }
    }

    @Test
    @Order(5)
    void splitAdmissionShowsThePatientsOtherStay() {
        try (Browser b = new Browser(base.toString()).login("reviewer")) {
            b.go("#/cases/WEB-SA-B");
            assertTrue(b.text(By.id("case-findings")).contains("SA-01"));
            assertTrue(b.text(By.id("other-stays")).contains("WEB-SA-A"));
        }
    }

    @Test
    @Order(6)
    void aStatementIsDownloadedAsExcelAndOnlyTheApproverMayFinalise() throws IOException {
        long run;
        try (Browser b = new Browser(base.toString()).login("inspector")) {
            b.go("#/clearing");
            // the web month's cases are of 2024; the form offers the latest year (2025) first
            b.choose(By.name("regionYear"), "demo/2024");
            b.clickAndWait(By.id("open-run"));
            run = Long.parseLong(b.text(By.cssSelector("main h1")).replaceAll("^清算批次 #(\\d+).*$", "$1"));
            assertTrue(b.all(By.id("finalise")).isEmpty(), "an inspector does not finalise");
            b.click(By.cssSelector("#statements a[href='#/clearing/" + run + "/H008']"));
            b.waitUntilRendered();
            assertTrue(b.text(By.id("lines")).contains("普通病例"));
            b.click(By.id("statement-xlsx"));
            byte[] xlsx = Files.readAllBytes(b.downloaded(".xlsx"));
            assertEquals('P', xlsx[0]);
            assertEquals('K', xlsx[1]);
        }
        try (Browser b = new Browser(base.toString()).login("approver")) {
            b.go("#/clearing/" + run);
            assertTrue(b.driver.findElement(By.id("finalise")).isDisplayed(), "the approver may finalise a draft");
        }
    }

    @Test
    @Order(7)
    void theRuleBaseListsEveryRuleWithItsGoldenCasesAndRunsThem() {
        try (Browser b = new Browser(base.toString()).login("policy")) {
            b.go("#/rules");
            b.click(By.id("run-golden"));
            b.waitForText(By.id("regression"), "失败 0");
            b.go("#/rules/HC-01");
            assertTrue(b.text(By.id("golden")).contains("high-coding/HC-01-hit"));
            b.go("#/rules/catalogue");
            assertTrue(b.text(By.id("catalogue")).contains("HC-01"));
        }
    }
}
