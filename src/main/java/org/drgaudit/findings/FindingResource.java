package org.drgaudit.findings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Findings (疑点): filtered list, one finding with its cases, summary. Hospital users see their own only. */
@Path("/api/findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
@Tag(name = "疑点 Findings")
public class FindingResource {

    @Inject
    FindingService findings;

    @Inject
    FindingBreakdown breakdowns;

    @Inject
    CaseService cases;

    @Inject
    org.drgaudit.cases.HospitalRegistry hospitals;

    @Inject
    CurrentUser user;

    public record FindingWithCases(@com.fasterxml.jackson.annotation.JsonUnwrapped FindingView finding, List<SettledCase> cases) {
    }

    @GET
    @Operation(summary = "Findings filtered by month (YYYY-MM), hospital, family, rule, result type, review status and the "
            + "case they name (?case=), a page at a time")
    public FindingService.FindingPage list(@QueryParam("month") String month, @QueryParam("hospital") String hospital,
                                           @QueryParam("family") String family, @QueryParam("rule") String rule,
                                           @QueryParam("resultType") String resultType,
                                           @QueryParam("reviewStatus") String reviewStatus,
                                           @QueryParam("case") String caseId,
                                           @QueryParam("page") @DefaultValue("0") int page,
                                           @QueryParam("size") @DefaultValue("50") int size) {
        return findings.list(new FindingQuery(month, user.hospitalScope(hospital), family, rule, resultType, reviewStatus, caseId,
                page, size));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Counts and money at stake by family, rule and hospital")
    public FindingService.Summary summary(@QueryParam("month") String month, @QueryParam("hospital") String hospital) {
        return findings.summary(month, user.hospitalScope(hospital));
    }

    @GET
    @Path("/breakdown")
    @Operation(summary = "Findings and money grouped by month, family, rule or hospital (?by=), as priced and as decided at "
            + "违规处理: overpayment, patient refund, unpriced, confirmed and dismissed, confirmed money and penalties",
            description = "?month=, ?hospital= and ?family= narrow it; a hospital user gets its own hospital's only.")
    public FindingBreakdown.Breakdown breakdown(@QueryParam("by") @DefaultValue("family") String by,
                                                @QueryParam("month") String month, @QueryParam("hospital") String hospital,
                                                @QueryParam("family") String family) {
        return breakdowns.breakdown(by, month, user.hospitalScope(hospital), family);
    }

    @GET
    @Path("/precision")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Each rule's precision from review outcomes: confirmed ÷ decided findings")
    public List<FindingService.RulePrecision> precision() {
        return findings.precision();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One finding with the cases it names",
            description = "A hospital user gets only its own hospital's cases; a case of another hospital of the "
                    + "alliance is replaced by 「医共体内其他机构病例」 in the case ids, explanation and evidence.")
    public FindingWithCases get(@PathParam("id") long id) {
        FindingView f = findings.get(id);
        if (user.isHospitalUser() && !f.hospitalCode().equals(user.hospitalCode())) {
            throw DomainException.notFound("Finding", id);
        }
        List<SettledCase> named = f.caseIds().stream().map(c -> cases.getCase(c).data()).toList();
        if (!user.isHospitalUser()) {
            return new FindingWithCases(f, named);
        }
        java.util.Map<String, String[]> others = new java.util.LinkedHashMap<>();
        named.stream().filter(c -> !c.hospitalCode().equals(user.hospitalCode())).forEach(c -> {
            var h = hospitals.get(c.hospitalCode());
            others.put(c.caseId(), new String[] {c.hospitalCode(), h == null ? null : h.name()});
        });
        return new FindingWithCases(FindingRedaction.withoutCases(f, FindingRedaction.masks(others)),
                named.stream().filter(c -> c.hospitalCode().equals(user.hospitalCode())).toList());
    }
}
