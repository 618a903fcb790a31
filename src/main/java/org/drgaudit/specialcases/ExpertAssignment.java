package org.drgaudit.specialcases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An expert drawn for a declaration: the key that ranked them, their specialty and hospital then, their deadline. */
@Entity
@Immutable
@Table(name = "special_case_assignment")
@IdClass(ExpertAssignment.Key.class)
public class ExpertAssignment extends PanacheEntityBase {

    @Id
    @Column(name = "declaration_id")
    public Long declarationId;
    @Id
    public String expert;
    public String specialty;
    @Column(name = "expert_hospital")
    public String expertHospital;
    @Column(name = "draw_key")
    public String drawKey;
    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;
    public OffsetDateTime deadline;

    /** The composite key: declaration and expert. */
    public static class Key implements Serializable {
        public Long declarationId;
        public String expert;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(declarationId, k.declarationId) && Objects.equals(expert, k.expert);
        }

        @Override
        public int hashCode() {
            return Objects.hash(declarationId, expert);
        }
    }
}
