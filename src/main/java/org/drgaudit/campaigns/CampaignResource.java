package org.drgaudit.campaigns;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Audit campaigns (专项抽查审核) and their reproducible samples. */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
@Tag(name = "专项抽查 Campaigns")
public class CampaignResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignResults results;

    @Inject
    CampaignExport export;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    /** The seed to re-draw with; the campaign's own seed when left out. */
    public record RedrawRequest(Long seed) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Create a campaign in draft: scope (months, hospitals, groups, families) and sampling plan")
    public Response create(CampaignRequest request) {
        CampaignView c = campaigns.createCampaign(request, user.username());
        audit.record(user.username(), "campaign.create", "campaign " + c.id(), Map.of("name", c.name()));
        return Response.status(201).entity(c).build();
    }

    @GET
    @Operation(summary = "Campaigns, newest first")
    public List<CampaignView> list() {
        return campaigns.list();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") long id) {
        return campaigns.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Change a campaign while it is in draft (409 afterwards)")
    public CampaignView update(@PathParam("id") long id, CampaignRequest request) {
        CampaignView updated = campaigns.updateCampaign(id, request);
        audit.record(user.username(), "campaign.update", "campaign " + id, null);
        return updated;
    }

    @POST
    @Path("/{id}/draw")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Draw the sample: freeze and hash the frame of ordinary cases, draw the random share per "
            + "hospital with the seed, add every VIOLATION and the SUSPICIOUS findings with the most money at stake")
    public CampaignView draw(@PathParam("id") long id) {
        CampaignView c = campaigns.drawSample(id, user.username());
        audit.record(user.username(), "campaign.draw", "campaign " + id, Map.of("frameHash", c.frameHash(), "seed", c.seed()));
        return c;
    }

    @GET
    @Path("/{id}/sample")
    @Operation(summary = "The sampled cases with the reason each was drawn")
    public List<SampledCase> sample(@PathParam("id") long id) {
        return campaigns.sample(id);
    }

    @GET
    @Path("/{id}/frame")
    @Operation(summary = "The frozen sampling frame, its SHA-256, the seed and the plan: all a hospital needs to reproduce the draw")
    public CampaignService.Frame frame(@PathParam("id") long id) {
        return campaigns.frame(id);
    }

    @POST
    @Path("/{id}/redraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draw again from the frozen frame with a seed (the campaign's own by default); changes nothing")
    public CampaignService.Redraw redraw(@PathParam("id") long id, RedrawRequest request) {
        return campaigns.redraw(id, request == null ? null : request.seed());
    }

    @GET
    @Path("/{id}/results")
    @Operation(summary = "Per hospital: random-sample error rate with its exact 95% interval, confirmed money, and "
            + "(when the campaign asks) the extrapolated overpayment's one-sided 90% lower limit; per rule: precision")
    public CampaignResults.Results results(@PathParam("id") long id, @QueryParam("hospital") String hospital) {
        return results.results(id, hospital);
    }

    @GET
    @Path("/{id}/export")
    @Produces({MediaType.APPLICATION_JSON, XLSX})
    @Operation(summary = "The sample, decisions with history, and results as JSON, or as an Excel workbook with "
            + "Accept: " + XLSX + "; ?hospital= limits it to one hospital")
    public Response export(@PathParam("id") long id, @QueryParam("hospital") String hospital,
                           @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        CampaignExport.Export e = export.export(id, hospital);
        if (accept != null && accept.contains(XLSX)) {
            String name = "campaign-" + id + (hospital == null ? "" : "-" + hospital) + ".xlsx";
            return Response.ok(export.workbook(e), XLSX).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
        }
        return Response.ok(e, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Close the campaign; nothing about it changes afterwards")
    public CampaignView close(@PathParam("id") long id) {
        CampaignView closed = campaigns.closeCampaign(id, user.username());
        audit.record(user.username(), "campaign.close", "campaign " + id, null);
        return closed;
    }
}
