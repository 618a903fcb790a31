package org.drgaudit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drgaudit.shared.DomainException;

/** The caller's own built-in account: changing its password, under a password policy. */
@ApplicationScoped
public class AccountService {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    @Inject
    BuiltInIdentityProvider identities;

    @Inject
    LoginThrottle throttle;

    /**
     * Replaces the account's password after checking the current one; remembered logins are dropped, so the old
     * password stops working at once. A wrong current password counts as a wrong login. Returns the account's roles,
     * which it has from its next login on.
     */
    @Transactional
    public List<String> changePassword(String username, String currentPassword, String newPassword) {
        AppUser u = AppUser.findById(username, LockModeType.PESSIMISTIC_WRITE);
        if (u == null) {
            throw DomainException.conflict("'" + username + "' is not a built-in account; its password is changed at the "
                    + "identity provider that issued the token.");
        }
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw invalid("currentPassword", "is required: the password the account has now");
        }
        if (!PasswordHashes.verify(currentPassword, u.passwordHash)) {
            throttle.failed(username, null);
            throw invalid("currentPassword", "is not the account's current password");
        }
        List<Map<String, Object>> faults = new ArrayList<>();
        for (String fault : policyFaults(username, currentPassword, newPassword)) {
            faults.add(Map.of("field", "newPassword", "message", fault));
        }
        if (!faults.isEmpty()) {
            throw new DomainException(400, "Password not accepted", "The new password " + faults.get(0).get("message") + ".",
                    faults, null);
        }
        u.passwordHash = PasswordHashes.hash(newPassword);
        identities.forgetAll();
        return u.roleSet().stream().sorted().toList();
    }

    /** What is wrong with a new password: empty when it is acceptable. */
    static List<String> policyFaults(String username, String current, String password) {
        List<String> faults = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            faults.add("must have at least " + MIN_LENGTH + " characters");
            return faults;
        }
        if (password.length() > MAX_LENGTH) {
            faults.add("must have at most " + MAX_LENGTH + " characters");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            faults.add("must not contain the user name");
        }
        if (password.equals(current)) {
            faults.add("must differ from the current password");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        if ((letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) < 2) {
            faults.add("must mix at least two of letters, digits and other characters");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            faults.add("must not contain control characters");
        }
        return faults;
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(400, "Password not changed", "'" + field + "' " + message + ".",
                List.of(Map.of("field", field, "message", message)), null);
    }
}
