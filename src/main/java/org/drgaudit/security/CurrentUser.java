package org.drgaudit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.drgaudit.shared.DomainException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and which hospital they are confined to. Hospital users (role {@code hospital})
 * only ever see their own hospital; with OIDC the hospital comes from the {@code hospital_code} claim.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public String username() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isHospitalUser() {
        return identity.hasRole(Roles.HOSPITAL);
    }

    public String hospitalCode() {
        String code = identity.getAttribute(BuiltInIdentityProvider.HOSPITAL_ATTRIBUTE);
        if (code == null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            code = jwt.getClaim("hospital_code");
        }
        return code;
    }

    /**
     * The hospital a query may cover: a hospital user always gets their own (asking for another is
     * refused); everyone else gets what they asked for, null meaning all.
     */
    public String hospitalScope(String requested) {
        if (!isHospitalUser()) {
            return requested;
        }
        String own = hospitalCode();
        if (own == null) {
            throw DomainException.forbidden("Hospital user '" + username() + "' has no hospital assigned.");
        }
        if (requested != null && !requested.equals(own)) {
            throw DomainException.forbidden("Hospital users may only see their own hospital (" + own + ").");
        }
        return own;
    }

    /** Refuses a hospital user access to another hospital's record. */
    public void checkHospital(String hospitalCode) {
        if (isHospitalUser() && !hospitalCode.equals(hospitalCode())) {
            throw DomainException.forbidden("Hospital users may only see their own hospital (" + hospitalCode() + ").");
        }
    }
}
