package org.drgaudit.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A built-in user: bcrypt password hash, comma-separated roles, for hospital users their hospital, for experts their
 * specialty and the hospital they work at.
 */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String roles;
    @Column(name = "hospital_code")
    public String hospitalCode;
    @Column(name = "display_name")
    public String displayName;
    public boolean enabled = true;
    /** An expert's specialty (专业), e.g. 呼吸内科; null for other users. */
    public String specialty;

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
    }
}
