package org.drgaudit.specialcases;

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
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.shared.Attachments;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.ExpertPool;
import org.drgaudit.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Special cases (特例单议): a hospital declares cases of its own (from the SC-01 candidates or any other) within the
 * window and quota; the bureau draws experts of other hospitals; each expert, blind to the hospital, approves or
 * rejects with a reason; the bureau decides by the region's rule; clearing pays an approved case more. docs/special-cases.md.
 */
@Path("/api/special-cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL, Roles.EXPERT})
@Tag(name = "特例单议 Special cases")
public class SpecialCaseResource {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    SpecialCaseService declarations;

    @Inject
    ExpertReviewService review;

    @Inject
    SpecialCaseQueries queries;

    @Inject
    SpecialCaseExport export;

    @Inject
    ExpertPool experts;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "Declarations, filtered by period (YYYY-MM or YYYY-Qn), hospital, status and category",
            description = "Staff see every declaration whole; a hospital user its own (experts anonymous); an expert only the "
                    + "declarations assigned to them, blind: no hospital, case id, patient or declaring user.")
    public List<?> list(@QueryParam("period") String period, @QueryParam("hospital") String hospital,
                        @QueryParam("status") String status, @QueryParam("category") String category) {
        return queries.list(period, SpecialCaseQueries.isExpert(user) ? null : user.hospitalScope(hospital), status, category, user);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.HOSPITAL})
    @Operation(summary = "Declare a case of the hospital's own: {caseId, category, reason} → 201",
            description = "Categories: HIGH_COST 极高费用, LOW_COST 极低费用 and SHORT_STAY 极短住院 (where specialCase.lowOutliers is "
                    + "SPECIAL_CASE), LONG_STAY 超长住院, UNGROUPED 未入组, NEW_TECHNOLOGY 新药品/新耗材/新技术, OTHER 其他; each checked "
                    + "against the case. The period is the case's settlement month's; refused past the window (409) and past the "
                    + "quota (409 with discharges, cap, used and remaining).")
    public Response declare(SpecialCaseService.DeclareRequest request) {
        SpecialCaseViews.Full d = declarations.declare(request, user);
        audit.record(user.username(), "special-case.declare", "declaration " + d.id(), Map.of("case", d.caseId(), "category", d.category()));
        return Response.status(201).entity(d).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One declaration with its experts, opinions, payment, attachments and history (an expert: blind, if assigned)")
    public Object get(@PathParam("id") long id) {
        return queries.get(id, user);
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.HOSPITAL})
    @Operation(summary = "Withdraw a declaration not yet assigned to experts ({reason}); it no longer counts against the quota")
    public SpecialCaseViews.Full withdraw(@PathParam("id") long id, SpecialCaseService.WithdrawRequest request) {
        SpecialCaseViews.Full d = declarations.withdraw(id, request, user);
        audit.record(user.username(), "special-case.withdraw", "declaration " + id, null);
        return d;
    }

    @POST
    @Path("/{id}/attachments")
    @Consumes({"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.ADMIN, Roles.HOSPITAL})
    @Operation(summary = "Attach evidence to a declaration before experts are assigned (?fileName=…; the body is the file)",
            description = "Read as a stream: an upload over review.attachmentMaxMb is refused with 413 as soon as it passes the "
                    + "limit, without being held whole; the SHA-256 is taken on the way.")
    public SpecialCaseViews.Attachment attach(@PathParam("id") long id, @QueryParam("fileName") String fileName,
                                              @HeaderParam("Content-Type") String contentType,
                                              @HeaderParam("Content-Length") Long contentLength, InputStream content) {
        SpecialCaseViews.Attachment a = declarations.attach(id, fileName, contentType, contentLength, content, user);
        audit.record(user.username(), "special-case.attach", "declaration " + id, Map.of("file", fileName, "sha256", a.sha256()));
        return a;
    }

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download one attachment (an expert: of a declaration assigned to them); every download is audited")
    public Response download(@PathParam("id") long id, @PathParam("attachmentId") long attachmentId) {
        SpecialCaseQueries.AttachmentContent a = queries.attachment(id, attachmentId, user);
        audit.record(user.username(), "special-case.attachment.download", "declaration " + id,
                Map.of("attachment", attachmentId, "sha256", a.sha256()));
        return Attachments.download(a.content(), a.contentType(), a.fileName(), a.sha256());
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Draw the parameters' number of experts at random ({seed} optional; recorded), never one of the declaring hospital",
            description = "Each eligible expert is ranked by SHA-256(seed:declarationId:username); the lowest keys are drawn. The "
                    + "opinions are due within specialCase.reviewDays.")
    public SpecialCaseViews.Full assign(@PathParam("id") long id, ExpertReviewService.AssignRequest request) {
        SpecialCaseViews.Full d = review.assign(id, request, user);
        audit.record(user.username(), "special-case.assign", "declaration " + id, Map.of("seed", d.seed()));
        return d;
    }

    @POST
    @Path("/{id}/opinions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EXPERT)
    @Operation(summary = "An assigned expert's opinion: {opinion: APPROVE|REJECT, reason}; once given it does not change")
    public SpecialCaseViews.Blind opine(@PathParam("id") long id, ExpertReviewService.OpinionRequest request) {
        SpecialCaseViews.Blind d = review.opine(id, request, user);
        audit.record(user.username(), "special-case.opinion", "declaration " + id, Map.of("opinion", d.myOpinion()));
        return d;
    }

    @POST
    @Path("/{id}/decide")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Decide by the region's rule (specialCase.decisionRule) from the opinions ({note} optional)",
            description = "409 while the rule does not settle it and the review deadline has not passed. An approved case gets "
                    + "its extra payment by the category's method (specialCase.payment), which the next clearing run pays on a "
                    + "SPECIAL_CASE line.")
    public SpecialCaseViews.Full decide(@PathParam("id") long id, ExpertReviewService.DecideRequest request) {
        SpecialCaseViews.Full d = review.decide(id, request, user);
        audit.record(user.username(), "special-case.decide", "declaration " + id, Map.of("status", d.status()));
        return d;
    }

    @GET
    @Path("/candidates")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "A hospital's special-case candidates (SC-01 findings) of a period, with the suggested category and any declaration")
    public List<SpecialCaseViews.Candidate> candidates(@QueryParam("period") String period, @QueryParam("hospital") String hospital) {
        return declarations.candidates(period, user.hospitalScope(hospital));
    }

    @GET
    @Path("/quota")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "A hospital's quota of a period: discharges, share, cap, used, remaining, and the declaration window")
    public SpecialCaseViews.Quota quota(@QueryParam("period") String period, @QueryParam("hospital") String hospital) {
        return declarations.quota(period, user.hospitalScope(hospital));
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "Declared, pending, approved, rejected and withdrawn declarations and the extra payment, per hospital, "
            + "per category and per both, of a period (with each hospital's quota) or a year")
    public SpecialCaseViews.Statistics statistics(@QueryParam("period") String period, @QueryParam("year") Integer year,
                                                  @QueryParam("hospital") String hospital) {
        return queries.statistics(period, year, user.hospitalScope(hospital));
    }

    @POST
    @Path("/windows")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Keep a period's declaration window open until a date (补报): {period, until, reason, hospitalCode?}")
    public Response openWindow(SpecialCaseService.WindowRequest request) {
        SpecialCaseViews.Window w = declarations.openWindow(request, user.username());
        audit.record(user.username(), "special-case.window", "period " + w.period(), Map.of("until", w.openUntil().toString()));
        return Response.status(201).entity(w).build();
    }

    @GET
    @Path("/windows")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "Declaration windows kept open past their deadline, of a period and hospital when given")
    public List<SpecialCaseViews.Window> windows(@QueryParam("period") String period, @QueryParam("hospital") String hospital) {
        return declarations.windows(period, user.hospitalScope(hospital));
    }

    @GET
    @Path("/experts")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "The expert pool: user name, name, specialty and hospital")
    public List<ExpertPool.Expert> experts() {
        return experts.experts();
    }

    @GET
    @Path("/export")
    @Produces(XLSX)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.EXPERT})
    @Operation(summary = "The period's declarations for the expert meeting as an Excel workbook, blind (an expert: those assigned to them)")
    public Response export(@QueryParam("period") String period) {
        byte[] xlsx = export.meetingList(period, user);
        audit.record(user.username(), "special-case.export", "period " + period, null);
        return Response.ok(xlsx, XLSX).header("Content-Disposition", "attachment; filename=\"special-cases-" + period + ".xlsx\"").build();
    }
}
