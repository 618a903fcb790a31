package org.drgaudit.web;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.drgaudit.cases.HospitalRegistry;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the web interface is talking to: the page logs in by calling this with the credentials typed into its form,
 * and shows each role only what it may do (a hospital user its own hospital, by name).
 */
@Path("/api/ui/session")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "界面 Web interface")
public class SessionResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentUser user;

    @Inject
    HospitalRegistry hospitals;

    /** The signed-in user: name, roles, and for a hospital user its hospital's code and name. */
    public record Session(String username, List<String> roles, String hospitalCode, String hospitalName) {
    }

    @GET
    @Operation(summary = "The calling user as the web interface needs it: name, roles, hospital (code and name)")
    public Session session() {
        String code = user.hospitalCode();
        String name = null;
        if (code != null) {
            try {
                name = hospitals.get(code).name();
            } catch (DomainException e) {
                // a hospital account whose hospital left the registry still signs in; the page shows the code
                name = null;
            }
        }
        return new Session(user.username(), identity.getRoles().stream().sorted().toList(), code, name);
    }
}
