package org.drgaudit.campaigns;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.shared.Attachments;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review workflow (初审 → 复审 → 申诉 → 调查核实 → 违规处理) over campaigns' sampled cases. */
@Path("/api/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
@Tag(name = "审核 Reviews")
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "Review items, optionally of one campaign and step, or only the overdue ones (?overdue=true, most "
            + "overdue first); each with its case summary, findings, deadline and whether it is overdue. A hospital user "
            + "sees its own hospital's only. With ?size= (and ?page=, 0-based) one page of them, the total in X-Total-Count")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The items",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ReviewView.class,
                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Response list(@QueryParam("campaign") Long campaign, @QueryParam("step") String step,
                         @QueryParam("hospital") String hospital,
                         @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                         @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") Integer size) {
        if (size == null) {
            return Response.ok(reviews.list(campaign, step, user.hospitalScope(hospital), overdue, redactFor())).build();
        }
        ReviewService.ReviewPage p = reviews.page(campaign, step, user.hospitalScope(hospital), overdue, redactFor(), page, size);
        return Response.ok(p.items()).header("X-Total-Count", p.total()).build();
    }

    @GET
    @Path("/overdue")
    @Operation(summary = "Per step (初审 … 违规处理): open items, overdue items with the most overdue first, the oldest deadline "
            + "and the most days overdue; of one campaign or hospital when given (a hospital user: its own)")
    public ReviewService.OverdueOverview overdue(@QueryParam("campaign") Long campaign, @QueryParam("hospital") String hospital) {
        return reviews.overdue(campaign, user.hospitalScope(hospital), OffsetDateTime.now());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One review item with its case summary, findings, whole history and attachments")
    public ReviewView get(@PathParam("id") long id) {
        return reviews.get(id, user);
    }

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take the item's next step: {action: CONFIRM|DISMISS|APPEAL|ACCEPT|INVESTIGATE, reason, amount, correctGroup}",
            description = "初审 by an inspector, 复审 by a reviewer, 申诉 by the hospital (APPEAL with its argument → 调查核实, or "
                    + "ACCEPT, 认可, → 违规处理 directly), 调查核实 by an inspector, 违规处理 by a reviewer (an admin may act at "
                    + "any step). Every step is recorded with who, when, the decision and why.")
    public ReviewView act(@PathParam("id") long id, ReviewAction action) {
        ReviewView v = reviews.act(id, action, user);
        audit.record(user.username(), "review." + (action == null ? "?" : action.action()), "review item " + id,
                Map.of("step", v.history().get(v.history().size() - 1).step()));
        return v;
    }

    @POST
    @Path("/{id}/attachments")
    @Consumes({"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Attach evidence to the hospital's appeal (?fileName=…; the body is the file, its Content-Type its type)",
            description = "Read as a stream: an upload over review.attachmentMaxMb is refused with 413 as soon as it passes "
                    + "the limit, without being held whole.")
    public ReviewView.Attachment attach(@PathParam("id") long id, @QueryParam("fileName") String fileName,
                                        @HeaderParam("Content-Type") String contentType,
                                        @HeaderParam("Content-Length") Long contentLength, InputStream content) {
        ReviewView.Attachment a = reviews.attach(id, fileName, contentType, contentLength, content, user);
        audit.record(user.username(), "review.attach", "review item " + id, Map.of("file", fileName, "sha256", a.sha256()));
        return a;
    }

    @GET
    @Path("/{id}/attachments")
    @Operation(summary = "The item's appeal attachments: file name, content type, size, SHA-256, who uploaded them and when")
    public List<ReviewView.Attachment> attachments(@PathParam("id") long id) {
        return reviews.attachments(id, user);
    }

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download one attachment (as stored, with its type, file name and SHA-256 in the headers); "
            + "every download is recorded in the audit trail")
    public Response download(@PathParam("id") long id, @PathParam("attachmentId") long attachmentId) {
        ReviewService.AttachmentContent a = reviews.attachment(id, attachmentId, user);
        ReviewView.Attachment meta = a.attachment();
        audit.record(user.username(), "review.attachment.download", "review item " + id,
                Map.of("attachment", attachmentId, "file", meta.fileName(), "sha256", meta.sha256()));
        return Attachments.download(a.content(), meta.contentType(), meta.fileName(), meta.sha256());
    }

    @POST
    @Path("/close-overdue")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Close appeals past their deadline as not appealed (the scheduler also does it hourly)")
    public Map<String, Integer> closeOverdue() {
        int closed = reviews.closeOverdueAppeals(OffsetDateTime.now());
        audit.record(user.username(), "review.close-overdue", "review items", Map.of("closed", closed));
        return Map.of("closed", closed);
    }

    /** A hospital user's findings hide other hospitals' cases. */
    private String redactFor() {
        return user.isHospitalUser() ? user.hospitalCode() : null;
    }
}
