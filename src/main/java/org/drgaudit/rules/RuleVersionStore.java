package org.drgaudit.rules;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.drgaudit.security.AuditTrail;
import org.drgaudit.shared.CanonicalJson;

/** The files and the history of rule-base versions (rule_version_file, rule_version_event). */
@ApplicationScoped
public class RuleVersionStore {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail audit;

    /** One step of a version's life: who did what, when, with which detail. */
    public record Event(String action, String username, OffsetDateTime at, Object detail) {
    }

    public VersionFiles files(int versionId) {
        Map<String, SortedMap<String, String>> areas = Map.of(VersionFiles.RULES, new TreeMap<>(), VersionFiles.KNOWLEDGE,
                new TreeMap<>(), VersionFiles.TEST_CASES, new TreeMap<>());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT area, path, content FROM rule_version_file WHERE version_id = ?")) {
            ps.setInt(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    areas.get(rs.getString(1)).put(rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the files of rule-base version " + versionId + " failed: " + e.getMessage(), e);
        }
        return new VersionFiles(areas.get(VersionFiles.RULES), areas.get(VersionFiles.KNOWLEDGE), areas.get(VersionFiles.TEST_CASES));
    }

    /** Replaces every file of a version (in the caller's transaction when there is one). */
    public void writeFiles(int versionId, VersionFiles files) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rule_version_file WHERE version_id = ?")) {
                ps.setInt(1, versionId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rule_version_file (version_id, area, path, sha256, content) VALUES (?, ?, ?, ?, ?)")) {
                for (String area : VersionFiles.AREAS) {
                    for (var f : files.area(area).entrySet()) {
                        ps.setInt(1, versionId);
                        ps.setString(2, area);
                        ps.setString(3, f.getKey());
                        ps.setString(4, CanonicalJson.sha256(f.getValue()));
                        ps.setString(5, f.getValue());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the files of rule-base version " + versionId + " failed: " + e.getMessage(), e);
        }
    }

    /** Records a step in the version's history and in the service's audit trail. */
    public void event(RuleBaseVersion v, String action, String user, Object detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO rule_version_event (version_id, action, username, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setInt(1, v.id);
            ps.setString(2, action);
            ps.setString(3, user);
            ps.setString(4, detail == null ? null : CanonicalJson.write(detail));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording " + action + " of rule-base version " + v.version + " failed: " + e.getMessage(), e);
        }
        audit.record(user, "rules." + action, "rule-base version " + v.version, detail);
    }

    public List<Event> events(int versionId) {
        List<Event> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT action, username, at, detail::text FROM rule_version_event WHERE version_id = ? ORDER BY id")) {
            ps.setInt(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String detail = rs.getString(4);
                    out.add(new Event(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                            detail == null ? null : CanonicalJson.read(detail, Object.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the history of rule-base version " + versionId + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
