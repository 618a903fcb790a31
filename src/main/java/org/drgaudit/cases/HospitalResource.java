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
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The hospital registry (定点医疗机构). */
@Path("/api/hospitals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "医院 Hospitals")
public class HospitalResource {

    @Inject
    HospitalRegistry registry;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    org.drgaudit.knowledge.KnowledgeService knowledge;

    @POST
    @Path("/import")
    @Consumes({CaseResource.NDJSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import hospitals (NDJSON: code, name, level, type, region, allianceCode, coefficient)")
    public ImportResult importHospitals(InputStream body, @QueryParam("mode") String mode,
                                        @QueryParam("replace") @DefaultValue("false") boolean replace) {
        ImportOptions options = ImportOptions.of(mode, replace);
        Set<String> regions = knowledge.current().policies().stream().map(p -> p.getRegion()).collect(Collectors.toSet());
        ImportResult result = registry.importHospitals(body, options, regions);
        if (!options.partial() && result.rejected() > 0) {
            throw new DomainException(400, "Import rejected", "The file has " + result.rejected()
                    + " bad record(s); nothing was stored.", List.of(), result);
        }
        // recorded once it succeeded: a refused import changed nothing
        audit.record(user.username(), "import", "hospitals", Map.of("accepted", result.accepted(), "rejected", result.rejected(),
                "partial", options.partial()));
        return result;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "The registry (a hospital user sees its own hospital only)")
    public List<HospitalRecord> list() {
        String scope = user.hospitalScope(null);
        return scope == null ? registry.all() : List.of(registry.get(scope));
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    public HospitalRecord get(@PathParam("code") String code) {
        return registry.get(user.hospitalScope(code));
    }
}
