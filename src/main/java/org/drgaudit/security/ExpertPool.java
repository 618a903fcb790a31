package org.drgaudit.security;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The special-case experts (专家): enabled users with the role {@code expert}, with their specialty and hospital. */
@ApplicationScoped
public class ExpertPool {

    /** One expert as other contexts see them: no credentials. */
    public record Expert(String username, String displayName, String specialty, String hospitalCode) {
    }

    /** Every enabled expert, by user name. */
    @Transactional
    public List<Expert> experts() {
        return AppUser.<AppUser>list("enabled", Sort.by("username"), true).stream()
                .filter(u -> u.roleSet().contains(Roles.EXPERT))
                .map(u -> new Expert(u.username, u.displayName, u.specialty, u.hospitalCode))
                .toList();
    }
}
