package org.drgaudit.shared;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the embedded PostgreSQL (in {@code /q/health} beside Quarkus's own datasource check): DOWN while
 * the server is dead or not answering, with how often the watchdog restarted it and the last failure.
 */
@Readiness
@ApplicationScoped
public class EmbeddedDatabaseHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("embedded-database");
        Optional<EmbeddedDatabase> db = EmbeddedDatabase.current();
        if (db.isEmpty()) {
            return b.up().withData("embedded", false).build();
        }
        EmbeddedDatabase.Status s = db.get().status();
        boolean up = s.running() && db.get().answers();
        b.status(up).withData("embedded", true).withData("pid", s.pid()).withData("port", s.port())
                .withData("durable", s.durable()).withData("restarts", s.restarts());
        if (s.lastRestart() != null) {
            b.withData("lastRestart", s.lastRestart());
        }
        if (s.lastFailure() != null) {
            b.withData("lastFailure", s.lastFailure());
        }
        return b.build();
    }
}
