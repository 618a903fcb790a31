package org.drgaudit.knowledge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The knowledge base (知识库): its version, reload, group catalogue and parameters. */
@Path("/api/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
@Tag(name = "知识库 Knowledge base")
public class KnowledgeResource {

    @Inject
    KnowledgeService knowledge;

    @Inject
    KnowledgeGate gate;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    org.drgaudit.shared.DrgAuditConfig config;

    @Inject
    org.drgaudit.shared.ServerPaths paths;

    public record VersionView(int id, String label, List<String> regions, List<String> catalogues, int diagnoses,
                              int procedures) {
    }

    @GET
    @Path("/version")
    @Operation(summary = "The knowledge-base version in use")
    public VersionView version() {
        return view(knowledge.current());
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every knowledge-base version loaded so far")
    public List<KnowledgeVersion> versions() {
        return knowledge.versions();
    }

    @POST
    @Path("/reload")
    // A disk reload publishes a version; under maker-checker only the publishing roles may do it (policy staff draft).
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    @Operation(summary = "Load the knowledge-base folder again through the rule base's gate",
            description = "422 with file and line when a file does not load, or with the regression report (the golden "
                    + "cases that fail and why) when the rules give other findings with the new tables or parameters; "
                    + "the version in use is then unchanged. A passing change goes live as a new rule-base version.")
    public VersionView reload() {
        KnowledgeSnapshot s = gate.reloadFolder(user.username());
        audit.record(user.username(), "knowledge.reload", s.label(), Map.of("version", s.versionId()));
        return view(s);
    }

    /**
     * Where the official tables are, and what to call the imported grouper version and catalogue.
     * {@code icdDir}: the 医保版 dictionaries (default: the tables' sibling {@code icd/}, else
     * {@code chs-drg-opendrg/icd/} beside them); {@code ambiguousGroups}: add QY groups (the national
     * schemes have none; default false).
     */
    public record OfficialImportRequest(String tablesDir, String weightsFile, String grouperVersion, String catalogue,
                                        java.math.BigDecimal costPerWeight, String icdDir, Boolean ambiguousGroups) {
    }

    @POST
    @Path("/official-import")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.POLICY})
    @Operation(summary = "Convert official grouper tables (national CHS-DRG layout) and a weights file into a "
            + "knowledge-base folder under <data-dir>/knowledge-<catalogue>/",
            description = "Start the service with DRGAUDIT_KNOWLEDGE_DIR pointing at the folder to use it. The summary "
                    + "says how many weights and attributes had to be derived.")
    public OfficialTablesImport.Summary officialImport(OfficialImportRequest r) {
        if (r == null || r.tablesDir() == null || r.weightsFile() == null) {
            throw DomainException.badRequest("Fields 'tablesDir' (a version folder such as chs-drg-opendrg/v1.1 or chs-drg-2.0) and "
                    + "'weightsFile' (drg_code, relative_weight, drg_name) are required, both inside the import folder.");
        }
        // both are read on the server: confined to the import folder, where the request enters
        java.nio.file.Path tables = paths.folder(r.tablesDir(), "tablesDir");
        java.nio.file.Path weights = paths.file(r.weightsFile(), "weightsFile");
        // without icdDir the importer looks for the dictionaries beside the tables (icd/, or chs-drg-opendrg/icd/): the
        // tables' parent folder must then be inside the import folder too, so that no default reaches outside it
        if (r.icdDir() == null && !paths.inside(tables.getParent())) {
            throw DomainException.badRequest("Field 'tablesDir' must name a version folder inside a folder of the import folder "
                    + "(e.g. chs-drg-opendrg/v1.1 beside chs-drg-opendrg/icd), or give 'icdDir' for the code dictionaries.");
        }
        String catalogue = r.catalogue() == null ? "national" : r.catalogue();
        String version = r.grouperVersion() == null ? "CHS-DRG-1.1" : r.grouperVersion();
        for (String name : new String[] {catalogue, version}) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw DomainException.badRequest("'" + name + "' may use only letters, digits, '.', '_' and '-' (catalogue and grouperVersion).");
            }
        }
        // the dictionaries are read on the server too: confined like the tables
        java.nio.file.Path icd = r.icdDir() == null ? null : paths.folder(r.icdDir(), "icdDir");
        OfficialTablesImport.Summary summary;
        try {
            summary = OfficialTablesImport.run(new OfficialTablesImport.Request(tables, icd, weights, config.knowledgeDir(),
                    config.dataDir().resolve("knowledge-" + catalogue), version, catalogue,
                    r.costPerWeight() == null ? new java.math.BigDecimal("12000") : r.costPerWeight(),
                    Boolean.TRUE.equals(r.ambiguousGroups())));
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException missing) {
                throw DomainException.badRequest("The tables lack a file the import reads: '" + tables.getParent()
                        .relativize(java.nio.file.Path.of(missing.getFile())) + "' (docs/grouper.md describes the CHS-DRG 1.x and "
                        + "2.0 layouts: a version folder with the grouper tables, and the dictionaries in an 'icd' folder).");
            }
            throw e;
        }
        audit.record(user.username(), "knowledge.official-import", summary.folder().toString(), Map.of("groups", summary.groups()));
        return summary;
    }

    @GET
    @Path("/groups")
    @Operation(summary = "The DRG group catalogue of a region and year (default: every catalogue)")
    public Collection<GroupEntry> groups(@QueryParam("catalogue") String catalogue) {
        KnowledgeSnapshot s = knowledge.current();
        if (catalogue == null) {
            return s.catalogueNames().stream().flatMap(c -> s.catalogue(c).values().stream()).toList();
        }
        if (!s.catalogueNames().contains(catalogue)) {
            throw DomainException.notFound("Catalogue", catalogue);
        }
        return s.catalogue(catalogue).values();
    }

    @GET
    @Path("/parameters")
    @Operation(summary = "The policy parameters of every region and year")
    public List<PolicyParameters> parameters() {
        return knowledge.current().policies();
    }

    private static VersionView view(KnowledgeSnapshot s) {
        return new VersionView(s.versionId(), s.label(),
                s.policies().stream().map(p -> p.getRegion() + "/" + p.getYear()).toList(),
                List.copyOf(s.catalogueNames()), s.diagnoses().size(), s.procedures().size());
    }
}
