package org.drgaudit.cases;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.shared.CanonicalJson;

/**
 * Streams one share of the patients of a settlement month, patient by patient: the month's cases,
 * the earlier cases discharged within the look-back window, and the patient's outpatient visits
 * around them. Only one patient is in memory at a time; the shares ({@code worker} of
 * {@code workers}) split the patients by a stable bucket so they can run in parallel anywhere.
 */
@ApplicationScoped
public class PatientStream {

    private static final int FETCH = 2000;

    @Inject
    AgroalDataSource dataSource;

    /** What a sweep receives per patient; return false to stop (cancel). */
    @FunctionalInterface
    public interface PatientConsumer {
        boolean accept(String patientId, List<SettledCase> cases, List<OutpatientVisit> visits);
    }

    /**
     * The window of a sweep: the month, the earliest admission among its cases, how far before that
     * earlier stays count, and how far around the stays outpatient visits count.
     */
    public record Window(YearMonth month, LocalDate earliestAdmission, int lookbackDays, int visitWindowDays) {

        LocalDate lookbackStart() {
            LocalDate from = earliestAdmission.isBefore(month.atDay(1)) ? earliestAdmission : month.atDay(1);
            return from.minusDays(lookbackDays);
        }
    }

    /** The earliest admission among the cases settled in a month (the month's first day when there are none). */
    public LocalDate earliestAdmission(YearMonth month) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT min(admission_time) FROM settled_case WHERE settlement_month = ?")) {
            ps.setObject(1, month.atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.sql.Timestamp t = rs.getTimestamp(1);
                return t == null ? month.atDay(1) : t.toLocalDateTime().toLocalDate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Finding the earliest admission of " + month + " failed: " + e.getMessage(), e);
        }
    }

    public void forEachPatient(Window w, int worker, int workers, PatientConsumer consumer) {
        // Earlier stays count by discharge date, whatever month they were settled in (a stay can be settled
        // after the readmission that follows it); only the month's own cases are in scope.
        String cases = """
                SELECT patient_id, payload::text FROM settled_case
                WHERE patient_bucket % ? = ? AND (settlement_month = ?
                  OR (settlement_month <> ? AND discharge_time >= ? AND discharge_time < ?))
                ORDER BY patient_id COLLATE "C", admission_time, case_id""";
        String visits = """
                SELECT patient_id, payload::text FROM outpatient_visit
                WHERE patient_bucket % ? = ? AND visit_date BETWEEN ? AND ?
                ORDER BY patient_id COLLATE "C", visit_date, visit_id""";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement pc = c.prepareStatement(cases); PreparedStatement pv = c.prepareStatement(visits)) {
                pc.setFetchSize(FETCH);
                pv.setFetchSize(FETCH);
                bindCases(pc, w, worker, workers);
                pv.setInt(1, workers);
                pv.setInt(2, worker);
                pv.setObject(3, w.lookbackStart().minusDays(w.visitWindowDays()));
                pv.setObject(4, w.month().atEndOfMonth().plusDays(w.visitWindowDays()));
                try (ResultSet rc = pc.executeQuery(); ResultSet rv = pv.executeQuery()) {
                    merge(rc, rv, consumer);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the cases of " + w.month() + " failed: " + e.getMessage(), e);
        }
    }

    private static void bindCases(PreparedStatement ps, Window w, int worker, int workers) throws SQLException {
        ps.setInt(1, workers);
        ps.setInt(2, worker);
        ps.setObject(3, w.month().atDay(1));
        ps.setObject(4, w.month().atDay(1));
        ps.setObject(5, w.lookbackStart().atStartOfDay());
        ps.setObject(6, w.month().plusMonths(1).atDay(1).atStartOfDay());
    }

    /** Both result sets are ordered by patient id in byte order, so one pass pairs them. */
    private static void merge(ResultSet rc, ResultSet rv, PatientConsumer consumer) throws SQLException {
        boolean moreVisits = rv.next();
        boolean moreCases = rc.next();
        while (moreCases) {
            String patient = rc.getString(1);
            List<SettledCase> patientCases = new ArrayList<>(4);
            while (moreCases && rc.getString(1).equals(patient)) {
                patientCases.add(CanonicalJson.read(rc.getBytes(2), SettledCase.class));
                moreCases = rc.next();
            }
            List<OutpatientVisit> patientVisits = List.of();
            while (moreVisits && rv.getString(1).compareTo(patient) < 0) {
                moreVisits = rv.next();
            }
            if (moreVisits && rv.getString(1).equals(patient)) {
                patientVisits = new ArrayList<>(4);
                while (moreVisits && rv.getString(1).equals(patient)) {
                    patientVisits.add(CanonicalJson.read(rv.getBytes(2), OutpatientVisit.class));
                    moreVisits = rv.next();
                }
            }
            if (!consumer.accept(patient, patientCases, patientVisits)) {
                return;
            }
        }
    }
}
