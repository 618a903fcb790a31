package org.drgaudit.rules;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rule base (规则库): active rules, reload, golden-case regression. */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "规则库 Rule base")
public class RuleResource {

    @Inject
    RuleBaseService ruleBases;

    @Inject
    CurrentUser user;

    @Inject
    org.drgaudit.knowledge.KnowledgeService knowledge;

    @Inject
    AuditTrail audit;

    public record RuleBaseView(int version, int ruleCount, String contentHash, List<RuleInfo> rules) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "Metadata of every active rule")
    public List<RuleInfo> rules() {
        return ruleBases.active().compiled().rules();
    }

    @GET
    @Path("/version")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "The active rule-base version")
    public RuleBaseView version() {
        return view(ruleBases.active());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER, Roles.INSPECTOR})
    @Operation(summary = "Every rule-base version that went live")
    public List<RuleBaseVersion> versions() {
        return ruleBases.versions();
    }

    @GET
    @Path("/catalogue")
    @Produces("text/markdown; charset=UTF-8")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "The rule catalogue of the active rule base with current parameter values (Markdown)")
    public String catalogue() {
        return RuleCatalogue.markdown(ruleBases.active().compiled().rules(), knowledge.current().policies());
    }

    @POST
    @Path("/reload")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Compile rules-drl/, run the golden cases, and make a changed rule base the active version",
            description = "422 with {errors: [{file, line, message}]} when the files do not compile, or with the "
                    + "regression report when a golden case fails; the active version is then unchanged.")
    public RuleBaseView reload() {
        ActiveRuleBase active = ruleBases.reload(user.username());
        audit.record(user.username(), "rules.reload", "version " + active.version(), Map.of("rules", active.compiled().rules().size()));
        return view(active);
    }

    @POST
    @Path("/test")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "Run the golden cases of test-cases/ against the rule files on disk, activating nothing")
    public RegressionReport test() {
        return ruleBases.testDraft();
    }

    private static RuleBaseView view(ActiveRuleBase a) {
        return new RuleBaseView(a.version(), a.compiled().rules().size(), a.compiled().contentHash(), a.compiled().rules());
    }
}
