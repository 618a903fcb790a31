package org.drgaudit.campaigns;

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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
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
    @Operation(summary = "Review items, optionally of one campaign and step; a hospital user sees its own hospital's only")
    public List<ReviewView> list(@QueryParam("campaign") Long campaign, @QueryParam("step") String step,
                                 @QueryParam("hospital") String hospital) {
        return reviews.list(campaign, step, user.hospitalScope(hospital));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One review item with its whole history and attachments")
    public ReviewView get(@PathParam("id") long id) {
        return reviews.get(id, user);
    }

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take the item's next step: {action: CONFIRM|DISMISS|APPEAL|INVESTIGATE, reason, amount, correctGroup}",
            description = "初审 by an inspector, 复审 by a reviewer, 申诉 by the hospital, 调查核实 by an inspector, 违规处理 by a "
                    + "reviewer (an admin may act at any step). Every step is recorded with who, when, the decision and why.")
    public ReviewView act(@PathParam("id") long id, ReviewAction action) {
        ReviewView v = reviews.act(id, action, user);
        audit.record(user.username(), "review." + (action == null ? "?" : action.action()), "review item " + id,
                Map.of("step", v.history().get(v.history().size() - 1).step()));
        return v;
    }

    @POST
    @Path("/{id}/attachments")
    @Consumes({"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Attach evidence to the hospital's appeal (?fileName=…; the body is the file, its Content-Type its type)")
    public ReviewView.Attachment attach(@PathParam("id") long id, @QueryParam("fileName") String fileName,
                                        @HeaderParam("Content-Type") String contentType, byte[] content) {
        ReviewView.Attachment a = reviews.attach(id, fileName, contentType, content, user);
        audit.record(user.username(), "review.attach", "review item " + id, Map.of("file", fileName, "sha256", a.sha256()));
        return a;
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
}
