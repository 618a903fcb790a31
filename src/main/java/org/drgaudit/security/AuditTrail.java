package org.drgaudit.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.drgaudit.shared.CanonicalJson;

/** Append-only record of every write: who, what, on what, with which details. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    AgroalDataSource dataSource;

    public void record(String username, String action, String target, Object detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO audit_log (username, action, target, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, username);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, detail == null ? null : CanonicalJson.write(detail));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the audit trail: " + e.getMessage(), e);
        }
    }
}
