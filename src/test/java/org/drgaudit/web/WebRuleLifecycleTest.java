package org.drgaudit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.As;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The rule-base lifecycle in the browser: a policy officer drafts a version, edits a threshold in the parameters YAML,
 * sees the compile error of a typo in a DRL with its file, line and column, puts the rule back, switches TL-04 to shadow
 * mode, runs the golden cases and a backtest of August 2024 (WebMonth; Excel too) and asks for approval; the approver compares the
 * versions, approves, publishes and rolls back to the version that was in force (rolled back in a finally block
 * whatever happens, so no other test sees the draft in force).
 */
@QuarkusTest
class WebRuleLifecycleTest {

    static final String PARAMETERS = "knowledge/parameters/demo-2024.yaml";
    static final String DRL = "rules/too-little-service.drl";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void browserInstalled() {
        Assumptions.assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install -y chromium chromium-driver)");
    }

    @BeforeEach
    void data() {
        WebMonth.ensure(); // a month to backtest over
    }

    /** Edits the editor's text as a user would with find-and-replace (typing a whole file key by key is slow). */
    private static void replaceInEditor(Browser b, String from, String to) {
        Object found = b.js("const t = document.getElementById('file-text'); if (!t.value.includes(arguments[0])) return false;"
                + " t.value = t.value.replace(arguments[0], arguments[1]); return true;", from, to);
        assertEquals(Boolean.TRUE, found, "the editor holds " + from);
    }

    /** Opens a file of the version whose page is shown, with the page's file chooser. */
    private static void open(Browser b, String path) {
        b.choose(By.id("file-path"), path);
        b.js("document.getElementById('main').dataset.ready = 'stale'");
        b.click(By.id("file-open"));
        b.waitUntilRendered();
        b.waitFor(By.id("file-text"));
    }

    @Test
    void aPolicyOfficerChangesAThresholdTheApproverPublishesAndRollsBack() throws Exception {
        int before = As.user("policy").get("/api/rules/version").jsonPath().getInt("version");
        int version;
        try {
            try (Browser b = new Browser(base.toString(), 1000).login("policy")) {
                b.go("#/rules");
                b.click(By.cssSelector("main a[href='#/rule-versions']"));
                b.waitUntilRendered();
                b.type(By.id("draft-title"), "网页：分解住院回看天数 45 → 50");
                b.clickAndWait(By.id("draft-create"));
                b.waitForText(By.cssSelector("main h1"), "规则库 v");
                version = Integer.parseInt(b.text(By.cssSelector("main h1")).replaceAll("^规则库 v(\\d+).*$", "$1"));
                assertTrue(b.text(By.id("version-status")).contains("草稿"));

                // a threshold in the parameters: saved and validated
                open(b, PARAMETERS);
                replaceInEditor(b, "lookbackDays: 45", "lookbackDays: 50");
                b.click(By.id("file-save"));
                b.waitForText(By.id("gate-status"), "校验通过");

                // a typo in a DRL: refused at its file, line and column
                open(b, DRL);
                String drl = (String) b.js("return document.getElementById('file-text').value");
                int typoLine = drl.substring(0, drl.indexOf("\nthen") + 1).split("\n", -1).length;
                replaceInEditor(b, "\nthen", "\nthne");
                b.click(By.id("file-save"));
                b.waitForText(By.id("gate-status"), "规则无法编译");
                String refusal = b.text(By.id("gate-status"));
                Matcher at = Pattern.compile(Pattern.quote(DRL) + " · 第 (\\d+) 行 · 第 (\\d+) 列").matcher(refusal);
                assertTrue(at.find(), refusal);
                assertTrue(Math.abs(Integer.parseInt(at.group(1)) - typoLine) <= 2, "the error is at the typo (line " + typoLine + "): " + refusal);
                b.screenshot(WebInterfaceTest.SHOTS.resolve("rule-version-error.png"));
                replaceInEditor(b, "\nthne", "\nthen");
                b.click(By.id("file-save"));
                b.waitForText(By.id("gate-status"), "校验通过");

                // shadow mode without touching the DRL
                b.choose(By.id("mode-rule"), "TL-04");
                b.choose(By.id("mode-value"), "shadow");
                b.clickAndWait(By.id("mode-set"));
                b.waitForText(By.id("gate-status"), "影子模式");

                b.click(By.id("run-tests"));
                b.waitForText(By.id("gate-status"), "校验与黄金用例均通过");
                assertTrue(b.text(By.id("version-status")).contains("黄金用例通过"));

                // a one-month backtest: progress, then the differences and the workbook
                b.click(By.cssSelector("#backtest-form input[name=months][value='" + WebMonth.MONTH + "']"));
                b.click(By.id("backtest-start"));
                b.wait(Duration.ofSeconds(180)).until(d -> !d.findElements(By.id("backtest-totals")).isEmpty());
                assertTrue(b.text(By.id("by-rule")).contains("规则"));
                b.screenshot(WebInterfaceTest.SHOTS.resolve("backtest.png"));
                b.click(By.id("backtest-xlsx"));
                byte[] xlsx = Files.readAllBytes(b.downloaded(".xlsx"));
                assertEquals('P', xlsx[0]);

                b.go("#/rule-versions/" + version);
                assertTrue(b.text(By.id("version-status")).contains("已回测"));
                b.type(By.id("request-approval-text"), "请审批");
                b.clickAndWait(By.id("request-approval"));
                b.waitForText(By.id("gate-status"), "已提请审批");
                assertTrue(b.all(By.id("approve")).isEmpty() && b.all(By.id("publish")).isEmpty(), "the author neither approves nor publishes");
                b.screenshot(WebInterfaceTest.SHOTS.resolve("rule-version.png"));

                // a rule's page: its template and the values of the parameters it reads
                b.go("#/rules/SA-01");
                String parameters = b.text(By.id("rule-parameters"));
                assertTrue(parameters.contains("splitAdmission.readmissionWindowDays") && parameters.contains("demo 2024：15"), parameters);
                assertTrue(!b.text(By.id("rule-template")).isBlank());
            }

            try (Browser b = new Browser(base.toString(), 1000).login("approver")) {
                b.go("#/rule-versions/diff?from=" + before + "&to=" + version);
                String diff = b.mainText();
                assertTrue(diff.contains("lookbackDays: 50") && diff.contains("rules/rule-settings.yaml"), diff);
                b.go("#/rule-versions/" + version);
                b.type(By.id("approve-text"), "同意");
                b.clickAndWait(By.id("approve"));
                b.waitForText(By.id("version-status"), "已批准");
                b.clickAndWait(By.id("publish"));
                b.waitForText(By.id("version-status"), "生效");
                assertEquals(version, As.inspector().get("/api/rules/version").jsonPath().getInt("version"));

                b.click(By.id("version-zip"));
                byte[] zip = Files.readAllBytes(b.downloaded(".zip"));
                assertEquals('P', zip[0]);

                b.go("#/rule-versions/" + before);
                b.click(By.id("rollback"));
                b.waitForText(By.id("gate-status"), "请填写回滚理由");
                b.type(By.id("rollback-text"), "网页测试结束，恢复原版本");
                b.clickAndWait(By.id("rollback"));
                b.waitForText(By.id("version-status"), "生效");
                assertEquals(before, As.inspector().get("/api/rules/version").jsonPath().getInt("version"));
            }
        } finally {
            if (As.inspector().get("/api/rules/version").jsonPath().getInt("version") != before) {
                As.user("approver").contentType("application/json").body(Map.of("reason", "网页测试结束，恢复"))
                        .post("/api/rule-versions/" + before + "/rollback").then().statusCode(200);
            }
        }
    }
}
