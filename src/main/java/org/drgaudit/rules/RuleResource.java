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

    @Inject
    org.drgaudit.findings.FindingService findings;

    @Inject
    org.drgaudit.shared.DrgAuditConfig config;

    public record RuleBaseView(int version, int ruleCount, String contentHash, List<RuleInfo> rules) {
    }

    /**
     * A rule's page: its metadata and explanation template, the value of each parameter it reads, its golden cases,
     * its precision from review decisions, and a proposal to switch it to shadow mode when that precision is low.
     */
    public record RulePage(RuleInfo rule, int ruleBaseVersion, Map<String, Object> parameters, List<String> goldenCases,
                           org.drgaudit.findings.FindingService.RulePrecision precision, String proposal) {
    }

    @GET
    @Path("/{id: [A-Z]{2}-[0-9]{2}}")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER})
    @Operation(summary = "One active rule: metadata, template, parameters, golden cases, precision and a shadow-mode proposal")
    public RulePage rule(@jakarta.ws.rs.PathParam("id") String id) {
        ActiveRuleBase a = ruleBases.active();
        RuleInfo rule = a.compiled().rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> org.drgaudit.shared.DomainException.notFound("Rule", id));
        Map<String, Object> parameters = new java.util.TreeMap<>();
        List<String> paths = new java.util.ArrayList<>();
        if (rule.parameters() != null) {
            for (String p : rule.parameters().split(",")) {
                if (!p.isBlank()) {
                    paths.add(p.strip());
                }
            }
        }
        for (String path : paths) {
            Map<String, Object> byRegion = new java.util.TreeMap<>();
            a.knowledge().policies().forEach(p -> byRegion.put(p.getRegion() + " " + p.getYear(), p.has(path) && p.typeOf(path) != null
                    ? p.param(path) : org.drgaudit.shared.CanonicalJson.MAPPER.valueToTree(p).at("/" + path.replace('.', '/'))));
            parameters.put(path, byRegion);
        }
        List<String> golden = new RegressionSuite(ruleBases.activeFiles().testCases()).caseNames().stream()
                .filter(n -> n.substring(n.lastIndexOf('/') + 1).startsWith(id + "-")).toList();
        var precision = findings.precision().stream().filter(p -> p.ruleId().equals(id)).findFirst()
                .orElse(new org.drgaudit.findings.FindingService.RulePrecision(id, 0, 0, null));
        String proposal = shadowProposal(rule, precision, config.rules().shadowProposalPrecision(),
                config.rules().shadowProposalMinDecided());
        return new RulePage(rule, a.version(), parameters, golden, precision, proposal);
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
    // A disk reload publishes a version; under maker-checker only the publishing roles may do it (policy staff draft).
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
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

    /**
     * The rule page's proposal: shadow mode for a live rule whose precision from review decisions is below the
     * threshold once enough of its findings were decided; null otherwise.
     */
    static String shadowProposal(RuleInfo rule, org.drgaudit.findings.FindingService.RulePrecision precision, double threshold,
                                 int minDecided) {
        if (rule.mode() != null || precision.precision() == null || precision.decided() < minDecided
                || precision.precision() >= threshold) {
            return null;
        }
        return String.format("精确率 %.1f%%（已处理 %d 条疑点，确认 %d 条）低于 %.1f%%，建议切换为影子模式（疑点仍可见，不进入抽样与清算）："
                + "新建草稿后 PUT /api/rule-versions/{草稿版本}/rules/%s/mode {\"mode\":\"shadow\"}，经审批后发布。",
                precision.precision() * 100, precision.decided(), precision.confirmed(), threshold * 100, rule.id());
    }

    private static RuleBaseView view(ActiveRuleBase a) {
        return new RuleBaseView(a.version(), a.compiled().rules().size(), a.compiled().contentHash(), a.compiled().rules());
    }
}
