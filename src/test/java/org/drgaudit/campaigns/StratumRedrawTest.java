package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * A hospital verifies the draw of its own stratum without seeing other hospitals' cases: per-stratum hashes whose
 * combination is the frame hash (recomputed here by the documented rule, not by the service's code), its own
 * stratum and a re-draw of it. The database's own hash function agrees (the migration used it on older campaigns).
 * Concurrent draws of one campaign: one draws, the others answer 409.
 */
@QuarkusTest
class StratumRedrawTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHospitalFetchesAndReDrawsItsOwnStratumAndChecksItAgainstThePublishedFrameHash() throws Exception {
        long campaign = LoopMonth.drawn("12月分层核验", "\"hospitalCodes\":[\"H006\",\"H007\"],\"randomShare\":0.3,\"minPerHospital\":1,\"seed\":41");
        String frameHash = As.inspector().get("/api/campaigns/" + campaign).jsonPath().getString("frameHash");

        JsonPath frame = As.user("h007").get("/api/campaigns/" + campaign + "/frame").then().statusCode(200)
                .body("hospitalCode", equalTo("H007"))
                .body("entries.hospitalCode", everyItem(equalTo("H007")))
                .extract().jsonPath();
        assertEquals(frameHash, frame.getString("frameHash"));
        List<Map<String, Object>> entries = frame.getList("entries");
        assertEquals(4, entries.size());
        // the stratum's hash from its own lines, then the frame hash from all strata's lines (docs/sampling.md)
        String own = sha256(entries.stream().map(e -> e.get("caseId") + "\t" + e.get("hospitalCode") + "\t" + e.get("contentHash") + "\n")
                .collect(Collectors.joining()));
        assertEquals(own, frame.getString("strata.find { it.hospitalCode == 'H007' }.hash"));
        assertEquals(4, frame.getInt("strata.find { it.hospitalCode == 'H007' }.size"));
        assertNull(frame.get("strata.find { it.hospitalCode == 'H006' }.size"), "no other hospital's size");
        List<Map<String, Object>> strata = new ArrayList<>(frame.getList("strata"));
        strata.sort(Comparator.comparing(s -> (String) s.get("hospitalCode")));
        assertEquals(frameHash, sha256(strata.stream().map(s -> s.get("hospitalCode") + "\t" + s.get("hash") + "\n")
                .collect(Collectors.joining())));

        // the re-draw by the documented rule matches the service's re-draw and the stored sample of the hospital
        int n = Math.min(4, Math.max(frame.getInt("minPerHospital"),
                new BigDecimal(frame.getString("randomShare")).multiply(BigDecimal.valueOf(4)).setScale(0, RoundingMode.CEILING).intValue()));
        long seed = frame.getLong("seed");
        List<String> mine = entries.stream().map(e -> (String) e.get("caseId"))
                .sorted(Comparator.comparing(c -> key(seed, c))).limit(n).sorted().toList();
        JsonPath redraw = As.user("h007").contentType("application/json").body("{}").post("/api/campaigns/" + campaign + "/redraw")
                .then().statusCode(200).body("hospitalCode", equalTo("H007")).body("sameAsStored", equalTo(true)).extract().jsonPath();
        assertEquals(mine, redraw.getList("caseIds", String.class).stream().sorted().toList());
        List<String> stored = As.user("h007").get("/api/campaigns/" + campaign + "/sample").then().statusCode(200)
                .body("hospitalCode", everyItem(equalTo("H007"))).extract().jsonPath()
                .getList("findAll { it.reason == 'RANDOM' }.caseId", String.class);
        assertEquals(mine, stored.stream().sorted().toList());
        As.user("h007").contentType("application/json").body("{\"seed\":42}").post("/api/campaigns/" + campaign + "/redraw")
                .then().statusCode(200).body("seed", equalTo(42));

        // never another hospital's stratum, and the campaign itself stays closed to hospital users
        As.user("h007").get("/api/campaigns/" + campaign + "/frame?hospital=H006").then().statusCode(403);
        As.user("h007").contentType("application/json").body("{}").post("/api/campaigns/" + campaign + "/redraw?hospital=H006")
                .then().statusCode(403);
        As.user("h007").get("/api/campaigns/" + campaign + "/sample?hospital=H006").then().statusCode(403);
        As.user("h007").get("/api/campaigns/" + campaign).then().statusCode(403);
        String body = As.user("h007").get("/api/campaigns/" + campaign + "/frame").asString();
        assertFalse(body.contains("LOOP-0"), "H006's cases never reach H007");
        // staff see every stratum and can ask for one
        As.inspector().get("/api/campaigns/" + campaign + "/frame").then()
                .body("strata.find { it.hospitalCode == 'H006' }.size", equalTo(8));
        As.inspector().get("/api/campaigns/" + campaign + "/frame?hospital=H006").then()
                .body("entries.hospitalCode", everyItem(equalTo("H006")));

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT campaign_frame_hash(?)")) {
            ps.setLong(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(frameHash, rs.getString(1), "the migration's SQL function computes the service's hash");
            }
        }
    }

    @Test
    void concurrentDrawsOfOneCampaignDrawOnceAndTheOthersAnswer409() {
        LoopMonth.ensure();
        long campaign = As.inspector().contentType("application/json")
                .body("{\"name\":\"12月并发抽样\",\"months\":[\"" + LoopMonth.MONTH + "\"],\"randomShare\":0.5,\"seed\":51}")
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getLong("id");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest draw = HttpRequest.newBuilder(URI.create(base + "api/campaigns/" + campaign + "/draw"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("inspector:inspector".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(client.sendAsync(draw, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 409, 409, 409, 409, 409), statuses);
        int items = LoopMonth.items(campaign).getList("id").size();
        assertTrue(items > 0);
        assertEquals(items, As.inspector().get("/api/campaigns/" + campaign + "/sample").jsonPath().getList("caseId").size(),
                "one review item per sampled case, drawn once");
    }

    private static String key(long seed, String caseId) {
        try {
            return sha256(seed + ":" + caseId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
