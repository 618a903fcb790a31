package org.drgaudit.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drgaudit.shared.CanonicalJson;

/**
 * Authenticates HTTP Basic requests against the {@code app_user} table. A successful check is
 * remembered for a few minutes (keyed by a SHA-256 of the credentials), so that bcrypt's deliberate
 * slowness is paid once per session rather than once per request.
 */
@ApplicationScoped
public class BuiltInIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String HOSPITAL_ATTRIBUTE = "hospitalCode";
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000;

    @Inject
    AgroalDataSource dataSource;

    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(SecurityIdentity identity, long until) {
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> authenticate(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    /** Drops remembered logins, e.g. after a password or role change. */
    public void forgetAll() {
        verified.clear();
    }

    private SecurityIdentity authenticate(String username, String password) {
        String key = CanonicalJson.sha256(username + '\u0000' + password);
        Remembered r = verified.get(key);
        if (r != null && r.until() > System.currentTimeMillis()) {
            return r.identity();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT password_hash, roles, hospital_code FROM app_user WHERE username = ? AND enabled")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !PasswordHashes.verify(password, rs.getString(1))) {
                    throw new AuthenticationFailedException("Unknown user or wrong password");
                }
                var builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username));
                Arrays.stream(rs.getString(2).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(builder::addRole);
                if (rs.getString(3) != null) {
                    builder.addAttribute(HOSPITAL_ATTRIBUTE, rs.getString(3));
                }
                SecurityIdentity identity = builder.build();
                verified.put(key, new Remembered(identity, System.currentTimeMillis() + REMEMBER_MILLIS));
                return identity;
            }
        } catch (SQLException e) {
            throw new AuthenticationFailedException("User store unavailable", e);
        }
    }
}
