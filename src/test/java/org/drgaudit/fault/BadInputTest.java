package org.drgaudit.fault;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 6 and 7: numbers are bounded and never expanded, texts are valid UTF-8 without NUL or unpaired
 * surrogates, dates and ids fit their columns, and each bad record is refused with its line and field; in
 * mode=partial the good records of the same file are stored.
 */
@QuarkusTest
class BadInputTest {

    private static final String NDJSON = "application/x-ndjson";

    /** A valid case of 2023-09 with one value replaced: {@code "from"} → {@code "to"} in the line's text. */
    static String line(String id, String from, String to) {
        String line = """
                {"caseId":"%s","hospitalCode":"H003","patientId":"BAD-%s","insuranceType":"EMPLOYEE","sex":"M","ageYears":61,\
                "admissionTime":"2023-09-01T08:00:00","dischargeTime":"2023-09-06T10:00:00","losDays":5,"department":"神经内科",\
                "dischargeMethod":"ROUTINE","principalDiagnosis":{"code":"I63.900","name":"脑梗死"},"ventilatorHours":0,\
                "costs":{"westernDrug":7000.00,"lab":1000.00},"totalCost":8000.00,"settlementDate":"2023-09-07",\
                "grouping":{"scheme":"DRG","version":"CHS-DRG-1.1","code":"BR25","name":"脑缺血性疾患","weight":1.0}}"""
                .formatted(id, id);
        assertTrue(from == null || line.contains(from), from);
        return from == null ? line : line.replace(from, to);
    }

    private static JsonPath importRejected(String body) {
        return As.inspector().contentType(NDJSON).body(As.ndjson(body)).post("/api/cases/import")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
    }

    @Test
    void exponentsThatWouldExpandAreRefusedAtOnceWithoutBeingExpanded() {
        String file = String.join("\n",
                line("NUM-1", "\"weight\":1.0", "\"weight\":1e5000"),
                line("NUM-2", "\"ventilatorHours\":0", "\"ventilatorHours\":1e10000000"),
                line("NUM-3", "\"totalCost\":8000.00", "\"totalCost\":1e-5000"),
                line("NUM-4", "\"lab\":1000.00", "\"lab\":-1e400"),
                line("NUM-5", "\"ageYears\":61", "\"ageYears\":6.1e1"));
        long started = System.nanoTime();
        JsonPath r = importRejected(file);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 5, "refused in " + seconds + " s (expanding 1e10000000 costs about 10 s)");
        assertEquals(List.of(1, 2, 3, 4, 5), r.getList("errors.line", Integer.class).stream().distinct().toList());
        assertEquals(List.of("grouping.weight", "ventilatorHours", "totalCost", "costs.lab", "ageYears"),
                r.getList("errors.field", String.class).stream().distinct().toList());
        assertTrue(r.getString("errors[0].message").startsWith("must be at most 100.0000, got 1E+5000"), r.getString("errors[0].message"));
        assertTrue(r.getString("errors[2].message").startsWith("has more than 2 decimal places"), r.getString("errors[2].message"));
        As.inspector().get("/api/cases/NUM-1").then().statusCode(404);
    }

    @Test
    void everyAmountWeightHourCountAndAgeHasAPlausibleRange() {
        String diagnoses = "\"secondaryDiagnoses\":[" + String.join(",", java.util.Collections.nCopies(101,
                "{\"code\":\"I10.x00\"}")) + "],";
        JsonPath r = importRejected(String.join("\n",
                line("RNG-1", "\"ageYears\":61", "\"ageYears\":151"),
                line("RNG-2", "\"ventilatorHours\":0", "\"ventilatorHours\":87841"),
                line("RNG-3", "\"weight\":1.0", "\"weight\":100.5"),
                line("RNG-4", "\"westernDrug\":7000.00,\"lab\":1000.00},\"totalCost\":8000.00",
                        "\"westernDrug\":100000001.00},\"totalCost\":100000001.00"),
                line("RNG-5", "\"department\"", diagnoses + "\"department\""),
                line("RNG-6", "\"losDays\":5", "\"losDays\":99999")));
        assertEquals(List.of("ageYears", "ventilatorHours", "grouping.weight", "costs.westernDrug", "secondaryDiagnoses", "losDays"),
                r.getList("errors.findAll { it.field != 'totalCost' }.field", String.class));
    }

    @Test
    void invalidUtf8LoneSurrogatesNulOutOfRangeDatesAndOverlongIdsAreLocatedAndPartialModeKeepsTheGoodRecords() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> lines = List.of(
                line("ENC-GOOD-1", null, null).getBytes(StandardCharsets.UTF_8),
                // an invalid byte (0xC3 followed by '(') inside the department's name
                line("ENC-2", "神经内科", "神经XX").getBytes(StandardCharsets.UTF_8),
                // a surrogate encoded as three UTF-8 bytes (CESU), not a character in UTF-8
                line("ENC-3", "脑梗死", "YYY").getBytes(StandardCharsets.UTF_8),
                line("ENC-4", "神经内科", "\\ud800内科").getBytes(StandardCharsets.UTF_8),
                line("ENC-5", "\"patientId\":\"BAD-ENC-5\"", "\"patientId\":\"BAD\\u0000ENC-5\"").getBytes(StandardCharsets.UTF_8),
                line("ENC-6", "2023-09-01T08:00:00", "0000-09-01T08:00:00").getBytes(StandardCharsets.UTF_8),
                line("ENC-7", "\"caseId\":\"ENC-7\"", "\"caseId\":\"" + "X".repeat(10_000) + "\"").getBytes(StandardCharsets.UTF_8),
                line("ENC-8", "\"settlementDate\":\"2023-09-07\"", "\"settlementDate\":\"+10000-09-07\"").getBytes(StandardCharsets.UTF_8),
                line("ENC-GOOD-9", "\"name\":\"脑梗死\"", "\"name\":\"脑梗死（😀 supplementary plane）\"").getBytes(StandardCharsets.UTF_8));
        for (byte[] l : lines) {
            String text = new String(l, StandardCharsets.UTF_8);
            if (text.contains("神经XX")) {
                l = replace(l, "XX".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, '('});
            } else if (text.contains("\"YYY\"")) {
                l = replace(l, "YYY".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            }
            file.write(l);
            file.write('\n');
        }
        JsonPath r = As.inspector().contentType(NDJSON).body(file.toByteArray()).post("/api/cases/import?mode=partial")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, r.getInt("accepted"), r.prettify());
        assertEquals(7, r.getInt("rejected"), r.prettify());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), r.getList("errors.line", Integer.class));
        assertEquals(List.of("department", "principalDiagnosis.name", "department", "patientId", "admissionTime", "caseId",
                "settlementDate"), r.getList("errors.field", String.class));
        assertTrue(r.getString("errors[0].message").startsWith("is not valid UTF-8"), r.getString("errors[0].message"));
        assertTrue(r.getString("errors[2].message").contains("unpaired UTF-16 surrogate"), r.getString("errors[2].message"));
        assertTrue(r.getString("errors[3].message").contains("NUL"), r.getString("errors[3].message"));
        assertTrue(r.getString("errors[5].message").startsWith("is 10000 characters long"), r.getString("errors[5].message"));

        As.inspector().get("/api/cases/ENC-GOOD-1").then().statusCode(200).body("department", equalTo("神经内科"));
        As.inspector().get("/api/cases/ENC-GOOD-9").then().statusCode(200)
                .body("principalDiagnosis.name", equalTo("脑梗死（😀 supplementary plane）"));
        As.inspector().get("/api/cases/ENC-2").then().statusCode(404);
    }

    @Test
    void aKeyGivenTwiceIsRefusedOnThatKey() {
        JsonPath r = importRejected(line("DUP-1", "\"totalCost\":8000.00", "\"totalCost\":8000.00,\"totalCost\":80.00"));
        assertEquals("totalCost", r.getString("errors[0].field"));
        assertTrue(r.getString("errors[0].message").startsWith("appears twice"), r.getString("errors[0].message"));
    }

    @Test
    void aStaySettledBeforeItsDischargeIsRefused() {
        As.inspector().contentType(NDJSON)
                .body(As.ndjson(line("SET-1", "\"settlementDate\":\"2023-09-07\"", "\"settlementDate\":\"2023-09-05\"")))
                .post("/api/cases/import").then().statusCode(400)
                .body("errors[0].field", equalTo("settlementDate"))
                .body("errors[0].message", startsWith("settlement 2023-09-05 is before the discharge on 2023-09-06"));
    }

    @Test
    void visitCostsThatDoNotAddUpAreRefused() {
        As.inspector().contentType(NDJSON)
                .body(As.ndjson("{\"visitId\":\"V-SUM-1\",\"hospitalCode\":\"H003\",\"patientId\":\"BAD-V1\",\"visitDate\":\"2023-09-10\","
                        + "\"costs\":{\"lab\":100.00,\"westernDrug\":50.00},\"totalCost\":500.00}"))
                .post("/api/outpatient-visits/import").then().statusCode(400)
                .body("errors[0].field", equalTo("totalCost"))
                .body("errors[0].message", equalTo("is 500.00 but the costs add up to 150.00"));
    }

    @Test
    void theClearingImportsAreAsStrict() {
        byte[] invalid = "{\"hospitalCode\":\"H004\",\"month\":\"2022-04\",\"advance\":100.00,\"depositWithheld\":3.00,\"note\":\"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        As.inspector().contentType(NDJSON).body(invalid).post("/api/clearing-runs/advances").then().statusCode(400)
                .body("errors[0].line", equalTo(1)).body("errors[0].message", startsWith("is not valid UTF-8"));
        As.inspector().contentType(NDJSON)
                .body(As.ndjson("{\"hospitalCode\":\"H004\",\"month\":\"-999999999-01\",\"advance\":1e5000}"))
                .post("/api/clearing-runs/advances").then().statusCode(400)
                .body("errors.field", contains("month", "advance"));
        As.inspector().contentType(NDJSON)
                .body(As.ndjson("{\"hospitalCode\":\"H004\",\"month\":\"2022-04\",\"advance\":100.00,\"advance\":200.00,\"depositWithheld\":3}"))
                .post("/api/clearing-runs/advances").then().statusCode(400)
                .body("errors[0].field", equalTo("advance")).body("errors[0].message", containsString("twice"));
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String w = new String(what, StandardCharsets.ISO_8859_1);
        int i = s.indexOf(w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, i);
        out.writeBytes(with);
        out.write(in, i + what.length, in.length - i - what.length);
        return out.toByteArray();
    }
}
