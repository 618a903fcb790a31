package org.drgaudit.fault;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: a second import of a hospital-month's advance keeps the first as history, like cases; the
 * answer and the audit trail say what changed; clearing's table holds the current version.
 */
@QuarkusTest
class AdvanceHistoryTest {

    @Inject
    AgroalDataSource dataSource;

    private static void importAdvance(String advance, String withheld) {
        As.inspector().contentType("application/x-ndjson")
                .body(As.ndjson("{\"hospitalCode\":\"H009\",\"month\":\"2022-03\",\"advance\":" + advance
                        + ",\"depositWithheld\":" + withheld + "}"))
                .post("/api/clearing-runs/advances").then().statusCode(200);
    }

    @Test
    void aReImportWithOtherAmountsKeepsTheFirstVersionAndSaysWhatChanged() throws Exception {
        importAdvance("100000.00", "3000.00");
        As.inspector().contentType("application/x-ndjson")
                .body(As.ndjson("{\"hospitalCode\":\"H009\",\"month\":\"2022-03\",\"advance\":120000.00,\"depositWithheld\":3600.00}"))
                .post("/api/clearing-runs/advances").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("changed[0].version", equalTo(2))
                .body("changed[0].before.advance", equalTo(100000.00f))
                .body("changed[0].after.advance", equalTo(120000.00f))
                .body("changed[0].after.amountPaid", equalTo(116400.00f));
        // the same amounts again change nothing
        As.inspector().contentType("application/x-ndjson")
                .body(As.ndjson("{\"hospitalCode\":\"H009\",\"month\":\"2022-03\",\"advance\":120000,\"depositWithheld\":3600}"))
                .post("/api/clearing-runs/advances").then().statusCode(200).body("accepted", equalTo(0)).body("skipped", equalTo(1));

        As.inspector().get("/api/clearing-runs/advances?hospital=H009&year=2022").then().statusCode(200)
                .body("version", contains(1, 2))
                .body("advance", contains(100000.00f, 120000.00f))
                .body("[0].replacedBy", equalTo("inspector"))
                .body("[1].replacedAt", nullValue());

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT advance, version FROM clearing_advance WHERE hospital_code = 'H009' AND month = DATE '2022-03-01'")) {
                assertTrue(rs.next());
                assertTrue(rs.getBigDecimal(1).compareTo(new java.math.BigDecimal("120000")) == 0, "clearing reads the current version");
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT detail::text FROM audit_log WHERE action = 'clearing.import-advances' AND detail::text LIKE '%H009%'
                    ORDER BY id DESC LIMIT 1""")) {
                assertTrue(rs.next(), "the audit trail has the change");
                String detail = rs.getString(1);
                assertTrue(detail.contains("\"before\"") && detail.contains("100000.00") && detail.contains("120000.00"), detail);
            }
        }
    }
}
