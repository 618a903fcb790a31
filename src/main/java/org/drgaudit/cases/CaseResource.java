package org.drgaudit.cases;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Settled cases and outpatient visits: NDJSON import (streamed) and look-up. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "病例 Cases")
public class CaseResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    CaseService cases;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @POST
    @Path("/cases/import")
    @Consumes({NDJSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Import settled cases (NDJSON, one case per line)",
            description = "mode=all-or-nothing (default) stores nothing when any record is bad and answers 400; "
                    + "mode=partial stores the good records. replace=true replaces stored cases whose content differs.")
    public ImportResult importCases(InputStream body, @QueryParam("mode") String mode,
                                    @QueryParam("replace") @DefaultValue("false") boolean replace) {
        ImportOptions options = ImportOptions.of(mode, replace);
        return answered("cases", cases.importCases(body, options), options);
    }

    @POST
    @Path("/cases/import-file")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import an NDJSON file placed in the import folder on the server (drgaudit.import-dir, "
            + "default <data-dir>/imports); {\"file\": path relative to it}")
    public ImportResult importCaseFile(Map<String, String> request, @QueryParam("mode") String mode,
                                       @QueryParam("replace") @DefaultValue("false") boolean replace) {
        String file = request == null ? null : request.get("file");
        if (file == null || file.isBlank()) {
            throw DomainException.badRequest("Field 'file' is required: a file in the import folder (drgaudit.import-dir).");
        }
        ImportOptions options = ImportOptions.of(mode, replace);
        return answered("cases:" + file, cases.importCaseFile(file, options), options);
    }

    @POST
    @Path("/outpatient-visits/import")
    @Consumes({NDJSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Import outpatient visits (NDJSON), used by the cost-shifting rules")
    public ImportResult importVisits(InputStream body, @QueryParam("mode") String mode,
                                     @QueryParam("replace") @DefaultValue("false") boolean replace) {
        ImportOptions options = ImportOptions.of(mode, replace);
        return answered("outpatient-visits", cases.importVisits(body, options), options);
    }

    @GET
    @Path("/cases")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "One patient's stays (?patient=), by admission: each as a case summary",
            description = "A hospital user gets its own hospital's stays only. Shows the stays around a split admission.")
    public List<CaseSummary> stays(@QueryParam("patient") String patient) {
        if (patient == null || patient.isBlank()) {
            throw DomainException.badRequest("Query parameter 'patient' is required: the patient id of the stays to list.");
        }
        return cases.stays(patient, user.isHospitalUser() ? user.hospitalScope(null) : null);
    }

    @GET
    @Path("/cases/{caseId}")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "One settled case as imported (current version)")
    public SettledCase get(@PathParam("caseId") String caseId) {
        SettledCase c = cases.getCase(caseId).data();
        if (user.isHospitalUser() && !c.hospitalCode().equals(user.hospitalCode())) {
            throw DomainException.notFound("Case", caseId);
        }
        return c;
    }

    @GET
    @Path("/cases/{caseId}/versions")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Every version of a case: the replaced ones, oldest first, then the current one")
    public List<CaseService.StoredCase> versions(@PathParam("caseId") String caseId) {
        CaseService.StoredCase current = cases.getCase(caseId);
        List<CaseService.StoredCase> all = new java.util.ArrayList<>(cases.history(caseId));
        all.add(current);
        return all;
    }

    @GET
    @Path("/cases/counts")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "Case counts per settlement month and hospital")
    public List<CaseService.MonthCount> counts(@QueryParam("hospital") String hospital) {
        return cases.countsByMonth(user.hospitalScope(hospital));
    }

    private ImportResult answered(String target, ImportResult result, ImportOptions options) {
        if (!options.partial() && result.rejected() > 0) {
            throw new DomainException(400, "Import rejected", "The file has " + result.rejected()
                    + " bad record(s); nothing was stored. Fix them, or import with mode=partial to store the good ones.",
                    List.of(), result);
        }
        // recorded once it succeeded: a refused import changed nothing
        audit.record(user.username(), "import", target, Map.of("accepted", result.accepted(), "skipped", result.skipped(),
                "rejected", result.rejected(), "partial", options.partial(), "replace", options.replace()));
        return result;
    }
}
