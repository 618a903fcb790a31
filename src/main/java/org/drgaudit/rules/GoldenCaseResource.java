package org.drgaudit.rules;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.drgaudit.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The golden cases of the rule-base version in force, listed with what each expects. */
@Path("/api/rules/golden-cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "规则库 Rule base")
public class GoldenCaseResource {

    @Inject
    RuleBaseService rules;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "Every golden case: folder, family, rule, hit or miss, month, description and the findings it expects")
    public List<GoldenCaseView> list() {
        return new RegressionSuite(rules.activeFiles().testCases()).describe();
    }
}
