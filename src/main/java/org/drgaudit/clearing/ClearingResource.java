package org.drgaudit.clearing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Year-end clearing (年终清算): runs, statements per hospital, and the imported advances and assessment scores. */
@Path("/api/clearing-runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
@Tag(name = "年终清算 Clearing")
public class ClearingResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String NDJSON = "application/x-ndjson";

    @Inject
    ClearingService clearing;

    @Inject
    ClearingImports imports;

    @Inject
    ClearingExport export;

    @Inject
    ClearingReconciliation reconciliation;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Open a draft clearing run for a region and year: value every hospital's cases by the method of the "
            + "parameters, apply confirmed findings, extrapolations and the quality deposit; correctsRunId names a final run it corrects")
    public Response open(ClearingService.CreateRunRequest request) {
        ClearingRunView run = clearing.openRun(request, user.username());
        audit.record(user.username(), "clearing.open", "clearing-run " + run.id(),
                run.correctsRunId() == null ? Map.of("region", run.region(), "year", run.year())
                        : Map.of("region", run.region(), "year", run.year(), "corrects", run.correctsRunId()));
        return Response.status(201).entity(run).build();
    }

    @GET
    @Operation(summary = "Clearing runs, newest first; ?region= and ?year= narrow the list")
    public List<ClearingRunView> list(@QueryParam("region") String region, @QueryParam("year") Integer year) {
        return clearing.list(region, year);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One clearing run with its region totals (budget, points, point value, amounts due)")
    public ClearingRunView get(@PathParam("id") long id) {
        return clearing.get(id);
    }

    @GET
    @Path("/{id}/statements")
    @Operation(summary = "The run's statements without their lines (a hospital user gets only its own)")
    public List<ClearingService.StatementSummary> statements(@PathParam("id") long id, @QueryParam("hospital") String hospital) {
        return clearing.statements(id, user.hospitalScope(hospital));
    }

    @GET
    @Path("/{id}/statements/{hospital}")
    @Produces({MediaType.APPLICATION_JSON, XLSX})
    @Operation(summary = "One hospital's statement with every line and its source, as JSON, or as an Excel workbook with "
            + "?format=xlsx or Accept: " + XLSX)
    public Response statement(@PathParam("id") long id, @PathParam("hospital") String hospital,
                              @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        user.checkHospital(hospital);
        ClearingService.StatementView v = clearing.statement(id, hospital);
        if ("xlsx".equalsIgnoreCase(format) || accept != null && accept.contains(XLSX)) {
            String name = "clearing-" + id + "-" + hospital + ".xlsx";
            return Response.ok(export.workbook(v), XLSX).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
        }
        return Response.ok(v, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}/reconciliation")
    @Operation(summary = "Reconciliation report: each confirmed decision's finding, decision and statement amounts side by side",
            description = "Status AGREES (one number everywhere), CORRECTED_AT_DECISION (the reviewer confirmed another amount "
                    + "than the finding priced, with the reason) or STATEMENT_DIFFERS (an error: the statement does not show "
                    + "what was decided). A hospital user sees its own hospital's rows only.")
    public ClearingReconciliation.Report reconciliation(@PathParam("id") long id, @QueryParam("hospital") String hospital) {
        return reconciliation.reconcile(clearing.get(id), user.hospitalScope(hospital));
    }

    @POST
    @Path("/{id}/recompute")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Compute a draft again from the current inputs (409 once the run is final)")
    public ClearingRunView recompute(@PathParam("id") long id) {
        ClearingRunView run = clearing.recompute(id, user.username());
        audit.record(user.username(), "clearing.recompute", "clearing-run " + id, null);
        return run;
    }

    @POST
    @Path("/{id}/finalise")
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Finalise a draft (approver or admin); a final run and its statements never change (409 when already final)")
    public ClearingRunView finalise(@PathParam("id") long id) {
        ClearingRunView run = clearing.finalise(id, user.username());
        audit.record(user.username(), "clearing.finalise", "clearing-run " + id, Map.of("totalDue", run.totalDue()));
        return run;
    }

    @POST
    @Path("/advances")
    @Consumes({NDJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Import monthly advances: {hospitalCode, month: YYYY-MM, advance, depositWithheld?} per record "
            + "(NDJSON or a JSON array); depositWithheld defaults to clearing.depositShare × advance; all-or-nothing (400)",
            description = "A month already stored with other amounts becomes a new version (the earlier one is kept, see "
                    + "GET /advances); the answer and the audit trail list each change with its amounts before and after. "
                    + "A month re-imported with the same amounts is skipped.")
    public ClearingImports.AdvanceImport importAdvances(byte[] body) {
        ClearingImports.AdvanceImport result = imports.importAdvances(body, user.username());
        audit.record(user.username(), "clearing.import-advances", "clearing_advance", Map.of("accepted", result.accepted(),
                "skipped", result.skipped(), "changed", result.changed().subList(0, Math.min(result.changed().size(), 1000))));
        return result;
    }

    @GET
    @Path("/advances")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.APPROVER})
    @Operation(summary = "Every version of a hospital's monthly advances (?hospital=, optionally &year=): per month the "
            + "replaced versions with who replaced them and when, then the current one, which clearing reads")
    public List<ClearingImports.AdvanceVersion> advances(@QueryParam("hospital") String hospital, @QueryParam("year") Integer year) {
        if (hospital == null || hospital.isBlank()) {
            throw DomainException.badRequest("Query parameter 'hospital' is required (a hospital code such as H001).");
        }
        return imports.advanceVersions(hospital.strip(), year);
    }

    @POST
    @Path("/assessments")
    @Consumes({NDJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Import annual assessment scores: {hospitalCode, year, score} per record (NDJSON or a JSON array); "
            + "answers each score's grade from clearing.grades; all-or-nothing (400)")
    public ClearingImports.AssessmentImport importAssessments(byte[] body) {
        ClearingImports.AssessmentImport result = imports.importAssessments(body, user.username());
        audit.record(user.username(), "clearing.import-assessments", "clearing_assessment", Map.of("accepted", result.accepted()));
        return result;
    }
}
