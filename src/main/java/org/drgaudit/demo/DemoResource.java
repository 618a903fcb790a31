package org.drgaudit.demo;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import org.drgaudit.security.Roles;
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
    PlantedFindings planted;

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
        return planted.report(file, java.time.YearMonth.of(y, 1), java.time.YearMonth.of(y, 12));
    }

    @GET
    @Path("/detection-report")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.POLICY, Roles.APPROVER})
    public String table(@QueryParam("year") Integer year) {
        return report(year).table();
    }
}
