package org.drgaudit.sweeps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** Sweeps (月度筛查): start one for a settlement month, follow it, cancel it. */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "筛查 Sweeps")
public class SweepResource {

    @Inject
    SweepService sweeps;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    public record StartSweep(String month) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Start a sweep of a settlement month: {\"month\": \"2024-03\"} → 202 with its id")
    public Response start(StartSweep request) {
        if (request == null) {
            throw DomainException.badRequest("Body {\"month\": \"YYYY-MM\"} is required.");
        }
        SweepView started = sweeps.runSweep(request.month(), user.username());
        audit.record(user.username(), "sweep.start", "sweep " + started.id(), Map.of("month", started.month()));
        return Response.accepted(started).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Status and progress of a sweep")
    public SweepView get(@PathParam("id") long id) {
        return sweeps.get(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Sweeps, newest first, optionally of one month")
    public List<SweepView> list(@QueryParam("month") String month) {
        return sweeps.list(month);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR})
    @Operation(summary = "Cancel a running sweep; it keeps none of its findings")
    public SweepView cancel(@PathParam("id") long id) {
        SweepView cancelled = sweeps.cancel(id);
        audit.record(user.username(), "sweep.cancel", "sweep " + id, null);
        return cancelled;
    }
}
