package org.drgaudit.rules;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rule-base versions (规则库版本) for policy staff: drafts of rules, parameters, tables and golden cases edited through
 * the service, validated, tested, backtested, approved by a second person, published and rolled back.
 */
@Path("/api/rule-versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "规则库版本 Rule-base versions")
public class RuleVersionResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String READ = "read";

    @Inject
    RuleLifecycleService lifecycle;

    @Inject
    BacktestService backtests;

    @Inject
    GoldenCaseFromCase goldenCases;

    @Inject
    CurrentUser user;

    /** A note or reason for a step (an optional JSON body). */
    public record StepRequest(String note, String reason) {
    }

    private static StepRequest step(String body) {
        if (body == null || body.isBlank()) {
            return new StepRequest(null, null);
        }
        try {
            return org.drgaudit.shared.CanonicalJson.MAPPER.readValue(body, StepRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DomainException.badRequest("The body is optional JSON {\"note\": …} or {\"reason\": …}: " + e.getOriginalMessage());
        }
    }

    /** A rule's mode in a draft. */
    public record ModeRequest(String mode) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "Every rule-base version, newest first, with its state, author, approver and times")
    public List<RuleBaseVersion> list() {
        return lifecycle.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "A new draft: a copy of the active version (or baseVersion), or of the folders on disk (source: disk)")
    public Response create(RuleLifecycleService.DraftRequest request) {
        return Response.status(201).entity(lifecycle.createDraft(request, user.username())).build();
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "One version: state and times, its files, the last gate report, its backtests and its history")
    public RuleLifecycleService.VersionView get(@PathParam("version") int version) {
        return lifecycle.view(version);
    }

    @GET
    @Path("/{version}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN + "; charset=UTF-8")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "The text of one file, e.g. rules/mismatch.drl or knowledge/parameters/demo-2024.yaml")
    public String file(@PathParam("version") int version, @PathParam("path") String path) {
        return lifecycle.file(version, path);
    }

    @PUT
    @Path("/{version}/files/{path: .+}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "application/x-yaml", "text/x-drl"})
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Write a file of a draft (the body is its UTF-8 text); the draft goes back to DRAFT")
    public RuleLifecycleService.VersionView write(@PathParam("version") int version, @PathParam("path") String path, byte[] body) {
        if (body == null) {
            throw DomainException.badRequest("The body is the file's text (UTF-8).");
        }
        return lifecycle.writeFile(version, path, new String(body, java.nio.charset.StandardCharsets.UTF_8), user.username());
    }

    @DELETE
    @Path("/{version}/files/{path: .+}")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Remove a file of a draft")
    public RuleLifecycleService.VersionView remove(@PathParam("version") int version, @PathParam("path") String path) {
        return lifecycle.writeFile(version, path, null, user.username());
    }

    @PUT
    @Path("/{version}/rules/{ruleId}/mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Switch a rule to shadow mode (or back to live) in a draft, as published metadata (rule-settings.yaml), without editing its DRL")
    public RuleLifecycleService.VersionView mode(@PathParam("version") int version, @PathParam("ruleId") String ruleId, ModeRequest r) {
        return lifecycle.setMode(version, ruleId, r == null ? null : r.mode(), user.username());
    }

    @GET
    @Path("/{version}/zip")
    @Produces("application/zip")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "Every file of a version as a zip of rules-drl/, knowledge-base/ and test-cases/ (to keep in git)")
    public Response zip(@PathParam("version") int version) {
        return Response.ok(lifecycle.zip(version), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"rule-base-v" + version + ".zip\"").build();
    }

    @PUT
    @Path("/{version}/zip")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Replace every file of a draft with a zip in the folders' layout (rules-drl/, knowledge-base/, test-cases/), e.g. from git")
    public RuleLifecycleService.VersionView importZip(@PathParam("version") int version, byte[] body) {
        if (body == null || body.length == 0) {
            throw DomainException.badRequest("The body is a zip of rules-drl/, knowledge-base/ and test-cases/.");
        }
        return lifecycle.importZip(version, body, user.username());
    }

    @GET
    @Path("/diff")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "What changed between two versions: per file ADDED, REMOVED or CHANGED with a unified diff")
    public RuleLifecycleService.VersionDiff diff(@QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        if (from == null || to == null) {
            throw DomainException.badRequest("Query parameters 'from' and 'to' name the two versions, e.g. ?from=1&to=3.");
        }
        return lifecycle.diff(from, to);
    }

    @POST
    @Path("/{version}/validate")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Compile the draft and check its parameters and templates; 422 with errors [{file, line, column, message}]")
    public GateReport validate(@PathParam("version") int version) {
        return lifecycle.validate(version, user.username());
    }

    @POST
    @Path("/{version}/test")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Validate and run the draft's golden cases; 422 naming each failing case and what differs")
    public GateReport test(@PathParam("version") int version) {
        return lifecycle.test(version, user.username());
    }

    @POST
    @Path("/{version}/backtests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Backtest a tested draft over up to 12 past settlement months against the active version (202; follow it with GET)")
    public Response backtest(@PathParam("version") int version, BacktestService.BacktestRequest request) {
        return Response.status(202).entity(backtests.start(version, request, user.username())).build();
    }

    @GET
    @Path("/{version}/backtests/{id}")
    @Produces({MediaType.APPLICATION_JSON, XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "A backtest and its difference per rule and hospital; Accept: " + XLSX + " for the workbook")
    public Response backtestResult(@PathParam("version") int version, @PathParam("id") long id, @HeaderParam("Accept") String accept) {
        RuleBacktest b = backtests.get(version, id);
        if (accept != null && accept.contains(XLSX)) {
            return Response.ok(backtests.workbook(b), XLSX)
                    .header("Content-Disposition", "attachment; filename=\"backtest-v" + version + "-" + id + ".xlsx\"").build();
        }
        return Response.ok(b).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{version}/golden-cases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Turn a stored case (pseudonymised, with the patient's stays and visits around it) into a golden case of the draft")
    public Response goldenCase(@PathParam("version") int version, GoldenCaseFromCase.Request request) {
        return Response.status(201).entity(goldenCases.add(version, request, user.username())).build();
    }

    @POST
    @Path("/{version}/approval-request")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Ask for approval of a backtested draft")
    public RuleLifecycleService.VersionView requestApproval(@PathParam("version") int version, String body) {
        return lifecycle.requestApproval(version, user.username(), step(body).note());
    }

    @POST
    @Path("/{version}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Approve a version; never by its author or anyone who changed its files (403)")
    public RuleLifecycleService.VersionView approve(@PathParam("version") int version, String body) {
        return lifecycle.approve(version, user.username(), step(body).note());
    }

    @POST
    @Path("/{version}/reject")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Send a version back with the reason; its approval request is withdrawn")
    public RuleLifecycleService.VersionView reject(@PathParam("version") int version, String body) {
        return lifecycle.reject(version, user.username(), step(body).reason());
    }

    @POST
    @Path("/{version}/publish")
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Publish an approved version (hot; running sweeps keep theirs); never by its author (403)")
    public RuleLifecycleService.VersionView publish(@PathParam("version") int version) {
        return lifecycle.publish(version, user.username());
    }

    @POST
    @Path("/{version}/rollback")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Bring an earlier (RETIRED) version back into force through the same gate, with the reason")
    public RuleLifecycleService.VersionView rollback(@PathParam("version") int version, String body) {
        return lifecycle.rollback(version, user.username(), step(body).reason());
    }
}
