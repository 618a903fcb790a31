package org.drgaudit.knowledge;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DrgAuditConfig;
import org.jboss.logging.Logger;

/**
 * Loads the knowledge-base folder, checks it whole, and keeps every distinct content as a numbered
 * version with its files, groups and parameters in the database. A folder that does not load never
 * replaces the version in use.
 */
@ApplicationScoped
public class KnowledgeService {

    private static final Logger LOG = Logger.getLogger(KnowledgeService.class);

    @Inject
    DrgAuditConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    jakarta.enterprise.event.Event<KnowledgeLoaded> loaded;

    private final AtomicReference<KnowledgeSnapshot> current = new AtomicReference<>();

    /** The version in use; loads the folder on first use. */
    public KnowledgeSnapshot current() {
        KnowledgeSnapshot s = current.get();
        return s != null ? s : reload();
    }

    /**
     * Reads and checks the folder and puts it in use at once, without the rule base's gate. Only the first use
     * before start-up has chosen the published version goes this way; the API's reload goes through
     * {@link KnowledgeGate}, which runs the golden cases first.
     */
    public synchronized KnowledgeSnapshot reload() {
        return use(readFolder(config.knowledgeDir()));
    }

    /** Parses and checks files without storing or using them (a draft's knowledge base); throws with file and line. */
    public static KnowledgeSnapshot parse(SortedMap<String, String> files) {
        return KnowledgeSnapshot.parse(0, "(draft)", files);
    }

    /**
     * Puts a checked content in use: a new content becomes a new version, the same content reuses its version; the
     * hospitals of the registry file join the registry (KnowledgeLoaded). Running sweeps keep the snapshot they hold.
     */
    public synchronized KnowledgeSnapshot use(SortedMap<String, String> files) {
        String hash = contentHash(files);
        KnowledgeSnapshot probe = KnowledgeSnapshot.parse(0, "(checking)", files); // throws with file and line
        KnowledgeVersion version = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeVersion existing = KnowledgeVersion.find("contentHash", hash).firstResult();
            return existing != null ? existing : store(files, hash, probe);
        });
        KnowledgeSnapshot snapshot = probe.as(version.id, version.label);
        KnowledgeSnapshot previous = current.getAndSet(snapshot);
        loaded.fire(new KnowledgeLoaded(snapshot));
        if (previous != null && previous.versionId() != snapshot.versionId()) {
            LOG.infof("Knowledge base %s replaces %s", snapshot.label(), previous.label());
        }
        return snapshot;
    }

    /** The files of a stored knowledge-base version, as loaded. */
    public SortedMap<String, String> files(int versionId) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT path, content FROM kb_file WHERE version_id = ?")) {
            ps.setInt(1, versionId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading knowledge-base version " + versionId + " failed: " + e.getMessage(), e);
        }
        return files;
    }

    public List<KnowledgeVersion> versions() {
        return KnowledgeVersion.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    private KnowledgeVersion store(SortedMap<String, String> files, String hash, KnowledgeSnapshot parsed) {
        KnowledgeVersion v = new KnowledgeVersion();
        v.label = "KB-" + (KnowledgeVersion.count() + 1);
        v.contentHash = hash;
        v.fileCount = files.size();
        v.loadedAt = OffsetDateTime.now();
        v.persist();
        KnowledgeVersion.flush();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_file (version_id, path, sha256, content) VALUES (?, ?, ?, ?)")) {
                for (var f : files.entrySet()) {
                    ps.setInt(1, v.id);
                    ps.setString(2, f.getKey());
                    ps.setString(3, CanonicalJson.sha256(f.getValue()));
                    ps.setString(4, f.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_drg_group (version_id, catalogue, code, name, weight, standard_cost, avg_los) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (String catalogue : parsed.catalogueNames()) {
                    for (GroupEntry g : parsed.catalogue(catalogue).values()) {
                        ps.setInt(1, v.id);
                        ps.setString(2, catalogue);
                        ps.setString(3, g.code());
                        ps.setString(4, g.name());
                        ps.setBigDecimal(5, g.weight());
                        ps.setBigDecimal(6, g.standardCost());
                        ps.setBigDecimal(7, g.avgLos());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_parameter_set (version_id, region, year, effective_from, effective_to, parameters) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                for (PolicyParameters p : parsed.policies()) {
                    ps.setInt(1, v.id);
                    ps.setString(2, p.getRegion());
                    ps.setInt(3, p.getYear());
                    ps.setObject(4, p.getEffectiveFrom());
                    ps.setObject(5, p.getEffectiveTo());
                    ps.setString(6, CanonicalJson.write(p));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing knowledge-base version " + v.label + " failed: " + e.getMessage(), e);
        }
        LOG.infof("Knowledge base %s stored (%d files)", v.label, files.size());
        return v;
    }

    public static SortedMap<String, String> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeBaseInvalidException(List.of(new KnowledgeError(dir.toString(), null,
                    "knowledge-base folder not found; set drgaudit.knowledge-dir")));
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".tsv") || rel.endsWith(".yaml") || rel.endsWith(".yml")) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the knowledge base at " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    public static String contentHash(SortedMap<String, String> files) {
        StringBuilder sb = new StringBuilder();
        files.forEach((path, text) -> sb.append(path).append('\u0000').append(CanonicalJson.sha256(text)).append('\n'));
        return CanonicalJson.sha256(sb.toString());
    }
}
