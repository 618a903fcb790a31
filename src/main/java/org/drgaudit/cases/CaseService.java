package org.drgaudit.cases;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.ServerPaths;

/** Imports and reads settled cases and outpatient visits. */
@ApplicationScoped
public class CaseService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    ServerPaths paths;

    public ImportResult importCases(InputStream body, ImportOptions options) {
        var parser = new CaseRecordParser(hospitals.codes());
        return new StagedImport<>(dataSource, new CaseImportTarget(), parser, options).run(body);
    }

    public ImportResult importVisits(InputStream body, ImportOptions options) {
        var parser = new OutpatientVisitParser(hospitals.codes());
        return new StagedImport<>(dataSource, new OutpatientImportTarget(), parser, options).run(body);
    }

    /** Imports a file that an operator placed in the import folder ({@code drgaudit.import-dir}). */
    public ImportResult importCaseFile(String fileName, ImportOptions options) {
        Path file = paths.file(fileName, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return importCases(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public StoredCase getCase(String caseId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT payload::text, version, imported_at FROM settled_case WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DomainException.notFound("Case", caseId);
                }
                return new StoredCase(readable(caseId, rs.getString(1)), rs.getInt(2), rs.getObject(3, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A patient's stays discharged from {@code from} up to the end of the case's own stay, and the patient's outpatient
     * visits from {@code from} to {@code visitsTo}, in time order: what a sweep reads with a case (its look-back).
     */
    public PatientRecords patientRecords(String patientId, java.time.LocalDateTime from, java.time.LocalDateTime to,
                                         java.time.LocalDate visitsTo) {
        List<SettledCase> stays = new java.util.ArrayList<>();
        List<OutpatientVisit> visits = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT payload::text FROM settled_case WHERE patient_id = ? AND discharge_time >= ? AND admission_time <= ?
                     ORDER BY admission_time, case_id""");
             PreparedStatement pv = c.prepareStatement("""
                     SELECT payload::text FROM outpatient_visit WHERE patient_id = ? AND visit_date BETWEEN ? AND ?
                     ORDER BY visit_date, visit_id""")) {
            ps.setString(1, patientId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stays.add(CanonicalJson.read(rs.getString(1), SettledCase.class));
                }
            }
            pv.setString(1, patientId);
            pv.setObject(2, from.toLocalDate());
            pv.setObject(3, visitsTo);
            try (ResultSet rs = pv.executeQuery()) {
                while (rs.next()) {
                    visits.add(CanonicalJson.read(rs.getString(1), OutpatientVisit.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the records of a patient failed: " + e.getMessage(), e);
        }
        return new PatientRecords(stays, visits);
    }

    /** A patient's stays and outpatient visits in a window. */
    public record PatientRecords(List<SettledCase> stays, List<OutpatientVisit> visits) {
    }

    /** Summaries of the given cases by case id, read in one query; unknown ids are left out. */
    public java.util.Map<String, CaseSummary> summaries(java.util.Collection<String> caseIds) {
        java.util.Map<String, CaseSummary> out = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT payload::text, version FROM settled_case WHERE case_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", caseIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // a record stored before today's checks that no longer reads has no summary (GET /api/cases/{id}
                    // says how to mend it); it must not break the review list
                    try {
                        CaseSummary s = CaseSummary.of(CanonicalJson.read(rs.getString(1), SettledCase.class), rs.getInt(2));
                        out.put(s.caseId(), s);
                    } catch (IllegalStateException unreadable) {
                        continue;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading case summaries failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A patient's stays as summaries, by admission time (then case id); only those of {@code hospital} when it is
     * given, so that a hospital user sees none of another hospital's stays.
     */
    public List<CaseSummary> stays(String patientId, String hospital) {
        List<CaseSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload::text, version FROM settled_case WHERE patient_id = ?"
                     + (hospital == null ? "" : " AND hospital_code = ?") + " ORDER BY admission_time, case_id")) {
            ps.setString(1, patientId);
            if (hospital != null) {
                ps.setString(2, hospital);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(CaseSummary.of(CanonicalJson.read(rs.getString(1), SettledCase.class), rs.getInt(2)));
                    } catch (IllegalStateException unreadable) {
                        continue; // a record that no longer reads has no summary; GET /api/cases/{id} says how to mend it
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the patient's stays failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A stored record as a case; one that cannot be read (stored before today's checks) is a 409 that says how to
     * mend it, never a 500 on every read.
     */
    private static SettledCase readable(String caseId, String payload) {
        try {
            return CanonicalJson.read(payload, SettledCase.class);
        } catch (IllegalStateException e) {
            throw new DomainException(409, "Stored record unreadable", "Case '" + caseId + "' is stored but cannot be read ("
                    + org.drgaudit.shared.Months.shown(String.valueOf(e.getMessage()), 160) + "). Import the case again with "
                    + "replace=true to replace the stored record; sweeps skip it until then.");
        }
    }

    /** Earlier versions of a replaced case, oldest first. */
    public List<StoredCase> history(String caseId) {
        List<StoredCase> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT payload::text, version, imported_at FROM settled_case_history WHERE case_id = ? ORDER BY version")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new StoredCase(readable(caseId, rs.getString(1)), rs.getInt(2), rs.getObject(3, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }

    /** Case counts per settlement month and hospital. */
    public List<MonthCount> countsByMonth(String hospitalCode) {
        List<MonthCount> counts = new ArrayList<>();
        String sql = "SELECT to_char(settlement_month, 'YYYY-MM'), hospital_code, count(*) FROM settled_case"
                + (hospitalCode == null ? "" : " WHERE hospital_code = ?")
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (hospitalCode != null) {
                ps.setString(1, hospitalCode);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new MonthCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    public long countMonth(YearMonth month) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM settled_case WHERE settlement_month = ?")) {
            ps.setObject(1, month.atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isEmpty() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM settled_case)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored case with its version number (1, then +1 per replacement) and when it was imported. */
    public record StoredCase(SettledCase data, int version, OffsetDateTime importedAt) {
    }

    public record MonthCount(String month, String hospitalCode, long cases) {
    }
}
