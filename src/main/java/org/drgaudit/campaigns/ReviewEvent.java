package org.drgaudit.campaigns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One step taken on a review item: who, when, at which step, what was decided and why. Never changed. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "item_id")
    public long itemId;
    public String step;
    public String action;
    public String actor;
    public OffsetDateTime at;
    public String reason;
    public BigDecimal amount;
    @Column(name = "correct_group")
    public String correctGroup;
}
