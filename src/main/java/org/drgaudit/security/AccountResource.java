package org.drgaudit.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own account: who they are, and the password change (the only call open to an account on its initial password). */
@Path("/api/account")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "账户 Account")
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    /** A password change: the current password and the new one. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** The caller: roles, hospital, and whether the initial password must be changed before anything else. */
    public record AccountView(String username, List<String> roles, String hospitalCode, boolean mustChangePassword) {
    }

    @GET
    @Operation(summary = "The calling account: roles, hospital, and whether it must change its initial password first")
    public AccountView me() {
        return new AccountView(user.username(), identity.getRoles().stream().sorted().toList(), user.hospitalCode(),
                Boolean.TRUE.equals(identity.getAttribute(BuiltInIdentityProvider.MUST_CHANGE_PASSWORD)));
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the calling account's password: {currentPassword, newPassword}",
            description = "The new password has at least 10 characters, mixes two of letters, digits and other characters, "
                    + "does not contain the user name and differs from the current one. Log in with it from the next call on.")
    public AccountView changePassword(PasswordChange request) {
        if (request == null) {
            throw org.drgaudit.shared.DomainException.badRequest("Body {\"currentPassword\": …, \"newPassword\": …} is required.");
        }
        List<String> roles = accounts.changePassword(user.username(), request.currentPassword(), request.newPassword());
        audit.record(user.username(), "account.password-change", "account " + user.username(), null);
        return new AccountView(user.username(), roles, user.hospitalCode(), false);
    }
}
