package org.drgaudit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The documented accounts (DESIGN §11): admin, inspector, reviewer, policy, approver, the special-case experts
 * (expert, expert2, expert3, each with a specialty and the hospital they work at), and one hospital user per registry
 * hospital named after its code in lower case; each password equals the user name until changed. Only missing
 * accounts are created; existing ones are never reset.
 */
@ApplicationScoped
public class BuiltInUsers {

    private static final Logger LOG = Logger.getLogger(BuiltInUsers.class);

    private record Account(String username, String roles, String displayName) {
    }

    private static final List<Account> STAFF = List.of(
            new Account("admin", Roles.ADMIN, "系统管理员"),
            new Account("inspector", Roles.INSPECTOR, "稽核人员"),
            new Account("reviewer", Roles.REVIEWER, "复审人员"),
            new Account("policy", Roles.POLICY, "规则管理人员"),
            new Account("approver", Roles.APPROVER, "规则审批人员"));

    /** A special-case expert: specialty and the hospital they work at (never assigned that hospital's declarations). */
    private record Expert(String username, String displayName, String specialty, String hospitalCode) {
    }

    private static final List<Expert> EXPERTS = List.of(
            new Expert("expert", "特例单议专家（呼吸内科）", "呼吸内科", "H001"),
            new Expert("expert2", "特例单议专家（心血管内科）", "心血管内科", "H002"),
            new Expert("expert3", "特例单议专家（骨科）", "骨科", "H004"));

    @Inject
    BuiltInIdentityProvider identities;

    @Transactional
    public void ensure(Collection<String> hospitalCodes) {
        int created = 0;
        for (Account a : STAFF) {
            created += create(a.username(), a.roles(), null, a.displayName());
        }
        for (Expert e : EXPERTS) {
            // an expert's hospital must be in the registry (a knowledge base without the demo hospitals leaves it empty)
            String hospital = hospitalCodes.contains(e.hospitalCode()) ? e.hospitalCode() : null;
            if (create(e.username(), Roles.EXPERT, hospital, e.displayName()) > 0) {
                AppUser.<AppUser>findById(e.username()).specialty = e.specialty();
                created++;
            }
        }
        for (String code : hospitalCodes) {
            created += create(code.toLowerCase(), Roles.HOSPITAL, code, code + " 医院医保办");
        }
        if (created > 0) {
            identities.forgetAll();
            LOG.infof("Created %d built-in accounts (password = user name; change them for production)", created);
        }
    }

    private static int create(String username, String roles, String hospital, String displayName) {
        if (AppUser.findById(username) != null) {
            return 0;
        }
        AppUser u = new AppUser();
        u.username = username;
        u.passwordHash = PasswordHashes.hash(username);
        u.roles = roles;
        u.hospitalCode = hospital;
        u.displayName = displayName;
        u.persist();
        return 1;
    }
}
