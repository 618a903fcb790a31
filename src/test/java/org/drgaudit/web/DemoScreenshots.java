package org.drgaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Takes the screenshots of docs/screenshots/ from a running demo (not a test of its own; it runs only when asked):
 *
 * <pre>
 * java -jar target/quarkus-app/quarkus-app.jar &amp;      # the demo, on http://localhost:8080
 * mvn -q test -Dtest=DemoScreenshots -Dscreenshots.url=http://localhost:8080
 * </pre>
 *
 * It draws a campaign and takes a finding to 违规处理 and a clearing draft when the demo has none, as a user would; the
 * June special-case declaration of H001 is taken to 专家评审 for the expert's page; the rule-version, account and
 * clearing-input pages are shot as the demo has them.
 */
class DemoScreenshots {

    private static final Path OUT = Path.of("docs", "screenshots");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String url;

    @Test
    void screenshotsOfTheMainPages() throws Exception {
        url = System.getProperty("screenshots.url");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "Screenshots are taken only with -Dscreenshots.url=<a running demo>");
        Assumptions.assumeTrue(Browser.available(), "Screenshots need chromium and chromium-driver");
        long campaign = campaignInReview();
        long decision = itemAt(campaign, "DECISION");
        long appeal = itemAt(campaign, "APPEAL");
        String appealHospital = call("GET", "/api/reviews/" + appeal, "inspector", null).get("hospitalCode").asText().toLowerCase();
        long run = clearingRun();
        String hc01 = call("GET", "/api/findings?rule=HC-01&size=1", "inspector", null).at("/items/0/id").asText();
        String split = call("GET", "/api/findings?rule=SA-01&size=1", "inspector", null).at("/items/0/caseIds/1").asText();

        try (Browser b = new Browser(url, 900)) {
            b.open("/#/login");
            b.waitFor(By.id("login-user"));
            b.screenshot(OUT.resolve("login.png"));
        }
        try (Browser b = new Browser(url, 1500).login("inspector")) {
            Thread.sleep(1500); // the charts draw after the page
            b.screenshot(OUT.resolve("dashboard.png"));
            shot(b, "#/findings?month=2024-03", "findings.png");
            shot(b, "#/findings/" + hc01, "finding.png");
            shot(b, "#/cases/" + split, "case.png");
            shot(b, "#/campaigns/new", "campaign-wizard.png");
            shot(b, "#/campaigns/" + campaign, "campaign.png");
            shot(b, "#/reviews?campaign=" + campaign, "reviews.png");
        }
        try (Browser b = new Browser(url, 1400).login("reviewer")) {
            b.go("#/reviews/" + decision);
            b.choose(By.cssSelector("#action-form select.severity"), "SERIOUS");
            b.screenshot(OUT.resolve("decision.png"));
        }
        try (Browser b = new Browser(url, 1100).login(appealHospital)) {
            shot(b, "#/reviews/" + appeal, "appeal.png");
        }
        try (Browser b = new Browser(url, 1000).login("approver")) {
            shot(b, "#/clearing/" + run, "clearing.png");
            shot(b, "#/clearing/" + run + "/H001", "statement.png");
        }
        try (Browser b = new Browser(url, 1200).login("policy")) {
            shot(b, "#/rules", "rules.png");
            shot(b, "#/rule-versions", "rule-versions.png");
            int active = call("GET", "/api/rules/version", "policy", null).get("version").asInt();
            shot(b, "#/rule-versions/" + active + "?file=knowledge/parameters/demo-2024.yaml", "rule-version.png");
        }
        long declaration = specialCaseUnderReview();
        String expert = call("GET", "/api/special-cases/" + declaration, "inspector", null).at("/experts/0/expert").asText();
        try (Browser b = new Browser(url, 1300)) {
            b.login(expert, expert);
            b.waitForText(By.cssSelector("main h1"), "专家评审");
            shot(b, "#/special-cases/" + declaration, "special-case-expert.png");
        }
        try (Browser b = new Browser(url, 1300).login("inspector")) {
            shot(b, "#/special-cases?period=ALL", "special-cases.png");
            shot(b, "#/clearing/inputs?hospital=H001&year=2024", "clearing-inputs.png");
            shot(b, "#/account", "account.png");
        }
        try (Browser b = new Browser(url, 1300).login("h001")) {
            shot(b, "#/special-cases?period=2024-06", "special-case-hospital.png");
        }
        try (Browser b = new Browser(url, 1200).login("h001")) {
            Thread.sleep(1500);
            b.screenshot(OUT.resolve("hospital-dashboard.png"));
        }
    }

    private static void shot(Browser b, String route, String file) {
        // timed in the page, from the route change to the page drawn (first visit: the page's module is loaded too)
        b.js("const m = document.getElementById('main'); m.dataset.ready = 'stale'; window.drawnIn = null; const t0 = performance.now();"
                + " new MutationObserver((l, o) => { if (m.dataset.ready === 'true') { window.drawnIn = performance.now() - t0; o.disconnect(); } })"
                + ".observe(m, { attributes: true, attributeFilter: ['data-ready'] }); location.hash = arguments[0];", route);
        b.waitUntilRendered();
        System.out.printf("%-70s %6.0f ms%n", route, ((Number) b.js("return window.drawnIn")).doubleValue());
        b.screenshot(OUT.resolve(file));
    }

    /** A drawn campaign over March with items at 申诉 and at 违规处理 (made so on a fresh demo). */
    private long campaignInReview() throws Exception {
        JsonNode campaigns = call("GET", "/api/campaigns", "inspector", null);
        long id;
        if (campaigns.isEmpty()) {
            id = call("POST", "/api/campaigns", "inspector", "{\"name\":\"2024年3月专项抽查\",\"months\":[\"2024-03\"],\"seed\":20240401}").get("id").asLong();
            call("POST", "/api/campaigns/" + id + "/draw", "inspector", null);
        } else {
            id = campaigns.get(0).get("id").asLong();
        }
        JsonNode items = call("GET", "/api/reviews?campaign=" + id + "&step=FIRST_REVIEW", "inspector", null);
        int moved = 0;
        for (JsonNode item : items) {
            if (moved == 2 || item.get("findings").isEmpty() || !"HC-01".equals(item.at("/findings/0/ruleId").asText())) {
                continue;
            }
            long i = item.get("id").asLong();
            call("POST", "/api/reviews/" + i + "/actions", "inspector", "{\"action\":\"CONFIRM\",\"reason\":\"初审：病组严重程度缺少支持\"}");
            call("POST", "/api/reviews/" + i + "/actions", "reviewer", "{\"action\":\"CONFIRM\",\"reason\":\"复审确认\"}");
            if (moved++ == 0) {
                String h = item.get("hospitalCode").asText().toLowerCase();
                call("POST", "/api/reviews/" + i + "/actions", h, "{\"action\":\"ACCEPT\",\"reason\":\"认可\"}");
            }
        }
        return id;
    }

    /**
     * A June special-case declaration of H001 at 专家评审 (made so on a fresh demo: the inspector grants a late window,
     * h001 declares its first SC-01 candidate, the inspector draws the experts).
     */
    private long specialCaseUnderReview() throws Exception {
        JsonNode assigned = call("GET", "/api/special-cases?status=ASSIGNED", "inspector", null);
        if (!assigned.isEmpty()) {
            return assigned.get(0).get("id").asLong();
        }
        call("POST", "/api/special-cases/windows", "inspector", "{\"period\":\"2024-06\",\"hospitalCode\":\"H001\",\"until\":\""
                + java.time.LocalDate.now().plusDays(30) + "\",\"reason\":\"系统上线前的期间，准予补报\"}");
        JsonNode candidates = call("GET", "/api/special-cases/candidates?period=2024-06", "h001", null);
        Assumptions.assumeFalse(candidates.isEmpty(), "the demo has no special-case candidate at H001 in June");
        JsonNode c = candidates.get(0);
        long id = call("POST", "/api/special-cases", "h001", "{\"caseId\":\"" + c.get("caseId").asText() + "\",\"category\":\""
                + c.get("suggestedCategory").asText() + "\",\"reason\":\"病情危重，多器官功能支持，费用远超病组标准\"}").get("id").asLong();
        call("POST", "/api/special-cases/" + id + "/assign", "inspector", "{\"seed\":20240401}");
        return id;
    }

    private long itemAt(long campaign, String step) throws Exception {
        JsonNode items = call("GET", "/api/reviews?campaign=" + campaign + "&step=" + step, "inspector", null);
        Assumptions.assumeFalse(items.isEmpty(), "the demo has no item at " + step);
        return items.get(0).get("id").asLong();
    }

    private long clearingRun() throws Exception {
        JsonNode runs = call("GET", "/api/clearing-runs", "inspector", null);
        return runs.isEmpty() ? call("POST", "/api/clearing-runs", "inspector", "{\"region\":\"demo\",\"year\":2024}").get("id").asLong()
                : runs.get(0).get("id").asLong();
    }

    private JsonNode call(String method, String path, String user, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + res.statusCode() + ": " + res.body());
        }
        return json.readTree(res.body());
    }
}
