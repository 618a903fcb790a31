package org.drgaudit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.drgaudit.shared.ProblemMapper;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers for access refused, as problem documents: 401 without valid credentials, 429 while a login is locked
 * out (with Retry-After), and 403 with what to do: change the initial password, or ask for the right role.
 */
public class AccessProblems {

    @Inject
    SecurityIdentity identity;

    @jakarta.ws.rs.core.Context
    UriInfo uri;

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.quarkus.security.AuthenticationFailedException failed
                    && failed.getAttribute(BuiltInIdentityProvider.RETRY_AFTER_SECONDS) instanceof Long wait) {
                Response r = ProblemMapper.problem(429, "Too many wrong passwords", "Too many wrong passwords for this account or "
                        + "from this address; logins are refused unchecked for " + wait + " s (each further wrong password "
                        + "doubles the wait). Try again after that.", path(), List.of());
                return Response.fromResponse(r).header("Retry-After", String.valueOf(wait)).build();
            }
        }
        Response r = ProblemMapper.problem(401, "Unauthorized", "Log in with HTTP Basic (user name and password) or a bearer token.",
                path(), List.of());
        return Response.fromResponse(r).header("WWW-Authenticate", "Basic realm=\"DRG Audit\"").build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e) {
        if (Boolean.TRUE.equals(identity.getAttribute(BuiltInIdentityProvider.MUST_CHANGE_PASSWORD))) {
            return ProblemMapper.problem(403, "Password change required", "Account '" + identity.getPrincipal().getName()
                    + "' still has its initial password (the user name). Change it first with POST /api/account/password "
                    + "{\"currentPassword\", \"newPassword\"}; every other call is refused until then.", path(), List.of());
        }
        return ProblemMapper.problem(403, "Forbidden", "Your role may not do this; ask an administrator for the right role.",
                path(), List.of());
    }

    private String path() {
        return uri == null ? null : uri.getPath();
    }
}
