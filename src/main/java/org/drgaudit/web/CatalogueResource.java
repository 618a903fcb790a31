package org.drgaudit.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.rules.RuleBaseService;
import org.drgaudit.rules.RuleCatalogue;
import org.drgaudit.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rule catalogue ({@code GET /api/rules/catalogue}, Markdown) rendered to an HTML fragment for the 规则库 page, by
 * CommonMark with GitHub tables. Raw HTML in the text is escaped, so a rule's sentence can never become markup.
 */
@Path("/api/ui/rules/catalogue")
@Tag(name = "界面 Web interface")
public class CatalogueResource {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

    @Inject
    RuleBaseService ruleBases;

    @Inject
    KnowledgeService knowledge;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @RolesAllowed({Roles.ADMIN, Roles.INSPECTOR, Roles.REVIEWER, Roles.POLICY, Roles.APPROVER, Roles.HOSPITAL})
    @Operation(summary = "The rule catalogue of the active rule base as an HTML fragment (the web interface's 规则目录)")
    public String catalogue() {
        String markdown = RuleCatalogue.markdown(ruleBases.active().compiled().rules(), knowledge.current().policies());
        return RENDERER.render(PARSER.parse(markdown));
    }
}
