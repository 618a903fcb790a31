package org.drgaudit.knowledge;

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
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.HospitalRecord;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The knowledge base's grouper (分组器) over REST: group a posted case, regroup a stored one. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
@Tag(name = "分组 Grouping")
public class GroupingResource {

    @Inject
    GroupingService grouping;

    @Inject
    CaseService cases;

    @Inject
    HospitalRegistry hospitals;

    @Inject
    CurrentUser user;

    @POST
    @Path("/grouping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Group one settlement list posted as JSON (the case fields of the data contract) and return "
            + "the DRG, QY or 0000 with the path taken. The grouper version is the one of the knowledge set in force on the "
            + "case's dischargeTime (or settlementDate), or the one version= names; priced with that set when hospitalCode "
            + "names a known hospital. Without a date and without version= it is a 400 saying so; a date no set covers a 422.")
    public GroupingService.Priced group(SettledCase body, @QueryParam("version") String version) {
        if (body == null) {
            throw DomainException.badRequest("The body must be one case as a JSON object, e.g. {\"principalDiagnosis\": {\"code\": \"I63.900\"}, "
                    + "\"secondaryDiagnoses\": [...], \"procedures\": [...], \"sex\": \"M\", \"ageYears\": 60}.");
        }
        if (body.hospitalCode() != null) {
            user.checkHospital(body.hospitalCode());
            if (!hospitals.codes().contains(body.hospitalCode())) {
                throw DomainException.badRequest("hospitalCode: '" + body.hospitalCode() + "' is not a known hospital; "
                        + "leave it out to group without pricing.");
            }
        }
        return grouping.group(body, version, pricing(body.hospitalCode()));
    }

    @GET
    @Path("/cases/{caseId}/grouping")
    @Operation(summary = "Regroup a stored case with the grouper version of the knowledge set in force on its discharge "
            + "date: the claimed group, the regrouped one with its path, the payment difference and the set used; a "
            + "claim under another version is not compared code for code. A date no set covers is a 422.")
    public GroupingService.Regrouping regroup(@PathParam("caseId") String caseId) {
        SettledCase c = cases.getCase(caseId).data();
        if (user.isHospitalUser() && !c.hospitalCode().equals(user.hospitalCode())) {
            throw DomainException.notFound("Case", caseId);
        }
        return grouping.regroup(c, pricing(c.hospitalCode()));
    }

    private GroupingService.Pricing pricing(String hospitalCode) {
        HospitalRecord h = hospitalCode == null ? null : hospitals.get(hospitalCode);
        return h == null ? null : new GroupingService.Pricing(h.region(), h.coefficient());
    }
}
