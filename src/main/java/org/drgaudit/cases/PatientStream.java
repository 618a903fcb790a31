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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PatientStream.class);

    @Inject
    AgroalDataSource dataSource;

    /**
     * What a sweep receives per patient; return false to stop (cancel). {@code unreadable}: the ids of the month's
     * cases of this patient whose stored record could not be read (a sweep reports them as skipped, and goes on).
     */
    @FunctionalInterface
    public interface PatientConsumer {
        boolean accept(String patientId, List<SettledCase> cases, List<OutpatientVisit> visits, List<String> unreadable);
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
                SELECT patient_id, payload::text, case_id, settlement_month FROM settled_case
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
                    merge(rc, rv, consumer, w.month().atDay(1));
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
    private static void merge(ResultSet rc, ResultSet rv, PatientConsumer consumer, LocalDate month) throws SQLException {
        boolean moreVisits = rv.next();
        boolean moreCases = rc.next();
        while (moreCases) {
            String patient = rc.getString(1);
            List<SettledCase> patientCases = new ArrayList<>(4);
            List<String> unreadable = List.of();
            while (moreCases && rc.getString(1).equals(patient)) {
                try {
                    patientCases.add(CanonicalJson.read(rc.getBytes(2), SettledCase.class));
                } catch (RuntimeException e) {
                    // one record that cannot be read must not stop the month: it is skipped and reported
                    LOG.warnf("Stored case %s cannot be read and is skipped: %s", rc.getString(3), e.getMessage());
                    if (month.equals(rc.getObject(4, LocalDate.class))) {
                        unreadable = unreadable.isEmpty() ? new ArrayList<>(2) : unreadable;
                        unreadable.add(rc.getString(3));
                    }
                }
                moreCases = rc.next();
            }
            List<OutpatientVisit> patientVisits = List.of();
            while (moreVisits && rv.getString(1).compareTo(patient) < 0) {
                moreVisits = rv.next();
            }
            if (moreVisits && rv.getString(1).equals(patient)) {
                patientVisits = new ArrayList<>(4);
                while (moreVisits && rv.getString(1).equals(patient)) {
                    try {
                        patientVisits.add(CanonicalJson.read(rv.getBytes(2), OutpatientVisit.class));
                    } catch (RuntimeException e) {
                        LOG.warnf("A stored outpatient visit of patient %s cannot be read and is left out: %s", patient, e.getMessage());
                    }
                    moreVisits = rv.next();
                }
            }
            if (!consumer.accept(patient, patientCases, patientVisits, unreadable)) {
                return;
            }
        }
    }
}
