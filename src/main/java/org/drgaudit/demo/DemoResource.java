package org.drgaudit.demo;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The demo year's detection quality: the findings against the generator's label file. */
@Path("/api/demo")
@Tag(name = "演示 Demo")
public class DemoResource {

    @Inject
    DrgAuditConfig config;

    @Inject
    AgroalDataSource dataSource;

    @GET
    @Path("/detection-report")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Recall and precision per family and rule against the demo year's planted violations",
            description = "Reads <data-dir>/demo/labels-<year>.ndjson written by the demo generator and compares it "
                    + "with the visible findings of that year. Ask for text/plain to get a table.")
    public DetectionReport report(@QueryParam("year") Integer year) {
        int y = year == null ? config.demo().year() : year;
        java.nio.file.Path file = config.dataDir().resolve("demo").resolve("labels-" + y + ".ndjson");
        if (!Files.exists(file)) {
            throw DomainException.notFound("Label file", file);
        }
        List<DemoGenerator.Label> labels = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    labels.add(CanonicalJson.read(line, DemoGenerator.Label.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DetectionReport.of(labels, findings(y));
    }

    @GET
    @Path("/detection-report")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.POLICY, Roles.APPROVER})
    public String table(@QueryParam("year") Integer year) {
        return report(year).table();
    }

    private List<DetectionReport.Found> findings(int year) {
        List<DetectionReport.Found> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT rule_id, family, case_ids[array_length(case_ids, 1)] FROM finding
                     WHERE visible AND month >= make_date(?, 1, 1) AND month < make_date(? + 1, 1, 1)""")) {
            ps.setInt(1, year);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DetectionReport.Found(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
