package org.drgaudit.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §7: after a crash a sweep restarts cleanly with no half-written findings visible, and the
 * scheduler sweeps the previous month on its own.
 */
@QuarkusTest
class SweepRecoveryTest {

    @Inject
    SweepService sweeps;

    @Inject
    AgroalDataSource dataSource;

    private long scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSweepInterruptedByACrashIsFailedItsFindingsDroppedAndItRunsAgain() throws Exception {
        long crashed;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // what a crash leaves behind: a RUNNING sweep and invisible findings it had written
            try (ResultSet rs = s.executeQuery("""
                    INSERT INTO sweep (month, status, rule_base_version, kb_version, started_by)
                    VALUES (DATE '2023-11-01', 'RUNNING', 1, 1, 'inspector') RETURNING id""")) {
                rs.next();
                crashed = rs.getLong(1);
            }
            s.execute("""
                    INSERT INTO finding (sweep_id, month, rule_id, rule_name, family, result_type, severity, hospital_code,
                      patient_id, case_ids, finding_key, explanation, evidence, rule_base_version, kb_version)
                    VALUES (%d, DATE '2023-11-01', 'TL-01', '低倍率病例', 'too-little-service', 'SUSPICIOUS', 'MEDIUM', 'H001',
                      'P-X', ARRAY['CRASH-1'], 'TL-01:CRASH-1', '半写入的疑点', '{}', 1, 1)""".formatted(crashed));
        }
        sweeps.recoverInterrupted();

        assertEquals(0, scalar("SELECT count(*) FROM finding WHERE sweep_id = " + crashed));
        assertEquals("FAILED", sweeps.get(crashed).status());
        List<SweepView> again = sweeps.list("2023-11");
        assertTrue(again.stream().anyMatch(v -> v.id() > crashed && "system".equals(v.startedBy())),
                "the interrupted month is swept again: " + again);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                sweeps.list("2023-11").stream().noneMatch(v -> "RUNNING".equals(v.status())));
        assertEquals(0, scalar("SELECT count(*) FROM finding WHERE NOT visible AND month = DATE '2023-11-01'"));
    }

    @Test
    void theScheduledJobSweepsThePreviousMonth() {
        String previous = YearMonth.now().minusMonths(1).toString();
        sweeps.monthly();
        assertTrue(sweeps.list(previous).stream().anyMatch(v -> "scheduler".equals(v.startedBy())),
                "a sweep of " + previous + " started by the scheduler");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                sweeps.list(previous).stream().noneMatch(v -> "RUNNING".equals(v.status())));
    }
}
