package org.drgaudit.knowledge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One distinct content of the knowledge-base folder, numbered in the order it was first loaded. */
@Entity
@Table(name = "kb_version")
public class KnowledgeVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String label;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "file_count")
    public int fileCount;
    @Column(name = "loaded_at")
    public OffsetDateTime loadedAt;
}
