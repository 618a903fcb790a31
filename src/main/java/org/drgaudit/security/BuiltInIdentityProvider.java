package org.drgaudit.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
import org.drgaudit.shared.DatabaseUnavailable;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * Authenticates HTTP Basic requests against the {@code app_user} table. A successful check is
 * remembered for a few minutes (keyed by a SHA-256 of the credentials), so that bcrypt's deliberate
 * slowness is paid once per session rather than once per request. Wrong passwords are throttled per account
 * and per source address ({@link LoginThrottle}); an unknown user name costs the same bcrypt check as a known
 * one, so the answer time does not tell them apart. An account still on its initial password (the user name)
 * gets no role outside the demo: it may only change its password.
 */
@ApplicationScoped
public class BuiltInIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String HOSPITAL_ATTRIBUTE = "hospitalCode";
    /** On a refused login: the lock-out's seconds left (a throttled login, answered 429). */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";
    /** Set on an identity that must change its initial password before anything else. */
    public static final String MUST_CHANGE_PASSWORD = "mustChangePassword";
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000;
    /** Checked when the user name is unknown, so that an unknown user costs what a known one costs. */
    private static final String DUMMY_HASH = PasswordHashes.hash("no such user " + System.nanoTime());

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoginThrottle throttle;

    @Inject
    DrgAuditConfig config;

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
        String source = source(request);
        return context.runBlocking(() -> authenticate(request.getUsername(), new String(request.getPassword().getPassword()), source));
    }

    /** Drops remembered logins, e.g. after a password or role change. */
    public void forgetAll() {
        verified.clear();
    }

    private static String source(UsernamePasswordAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
    }

    private SecurityIdentity authenticate(String username, String password, String source) {
        long wait = throttle.retryAfterSeconds(username, source);
        if (wait > 0) {
            throw new AuthenticationFailedException("Too many wrong passwords; try again in " + wait + " s",
                    Map.of(RETRY_AFTER_SECONDS, wait));
        }
        String key = CanonicalJson.sha256(username + '\u0000' + password);
        Remembered r = verified.get(key);
        if (r != null && r.until() > System.currentTimeMillis()) {
            return r.identity();
        }
        String[] account = account(username);
        // an unknown user pays the same bcrypt check as a known one
        boolean right = PasswordHashes.verify(password, account == null ? DUMMY_HASH : account[0]) && account != null;
        if (!right) {
            throttle.failed(username, source);
            throw new AuthenticationFailedException("Unknown user or wrong password");
        }
        throttle.succeeded(username);
        var builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username));
        if (password.equals(username) && !config.login().allowDefaultPasswords()) {
            builder.addAttribute(MUST_CHANGE_PASSWORD, true);
        } else {
            Arrays.stream(account[1].split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(builder::addRole);
        }
        if (account[2] != null) {
            builder.addAttribute(HOSPITAL_ATTRIBUTE, account[2]);
        }
        SecurityIdentity identity = builder.build();
        verified.put(key, new Remembered(identity, System.currentTimeMillis() + REMEMBER_MILLIS));
        return identity;
    }

    /** Password hash, roles and hospital of an enabled account, or null. */
    private String[] account(String username) {
        if (username.length() > 256 || username.chars().anyMatch(ch -> ch < 0x20)) {
            return null;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT password_hash, roles, hospital_code FROM app_user WHERE username = ? AND enabled")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        } catch (SQLException e) {
            if (DatabaseUnavailable.isCause(e)) {
                // not the caller's fault: a 503 to retry, never a 401 that says the password was wrong
                throw new DomainException(503, "Database unavailable", "Logins cannot be checked just now (the database is "
                        + "not reachable); try again in a few seconds.");
            }
            throw new IllegalStateException("Reading account " + username + " failed: " + e.getMessage(), e);
        }
    }
}
