package org.drgaudit.demo;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.shared.CanonicalJson;

/** Compares what the generator planted (its label file) with the visible findings of a range of months. */
@ApplicationScoped
public class PlantedFindings {

    @Inject
    AgroalDataSource dataSource;

    public DetectionReport report(Path labelFile, YearMonth from, YearMonth to) {
        List<DemoGenerator.Label> labels = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(labelFile)) {
                if (!line.isBlank()) {
                    labels.add(CanonicalJson.read(line, DemoGenerator.Label.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the label file " + labelFile + ": " + e.getMessage(), e);
        }
        return DetectionReport.of(labels, findings(from, to));
    }

    private List<DetectionReport.Found> findings(YearMonth from, YearMonth to) {
        List<DetectionReport.Found> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT rule_id, family, case_ids[array_length(case_ids, 1)] FROM finding
                     WHERE visible AND month BETWEEN ? AND ?""")) {
            ps.setObject(1, from.atDay(1));
            ps.setObject(2, to.atDay(1));
            ps.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DetectionReport.Found(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
