package org.drgaudit.shared;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts an embedded PostgreSQL when no JDBC URL is configured, so that the service and its tests
 * always run against a real PostgreSQL. The data directory lives under {@code drgaudit.data-dir}
 * and survives restarts. A configured {@code quarkus.datasource.jdbc.url} turns this off.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 50;
    private static EmbeddedPostgres running;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        if (isBuildTime(context)) {
            return List.of();
        }
        ConfigValue dir = context.getValue("drgaudit.data-dir");
        Path dataDir = Path.of(dir != null && dir.getValue() != null ? dir.getValue() : "./data");
        ConfigValue fresh = context.getValue("drgaudit.embedded-db.fresh");
        EmbeddedPostgres pg = start(dataDir.resolve("pg"), fresh != null && "true".equals(fresh.getValue()));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"),
                "drgaudit-embedded-postgres", ORDINAL));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static boolean isBuildTime(ConfigSourceContext context) {
        // During augmentation (mvn package) nothing connects; do not start a server for it.
        return Boolean.getBoolean("drgaudit.build-time")
                || context.getProfiles().contains("build")
                || StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().startsWith("io.quarkus.deployment.")
                        && !f.getClassName().startsWith("io.quarkus.deployment.steps.")));
    }

    private static synchronized EmbeddedPostgres start(Path pgDir, boolean fresh) {
        if (running != null) {
            return running;
        }
        try {
            if (fresh) {
                deleteRecursively(pgDir);
            }
            Files.createDirectories(pgDir);
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(fresh)
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "64MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            EmbeddedPostgres pg = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server stops with it
                }
            }, "embedded-postgres-stop"));
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir
                    + ". Set QUARKUS_DATASOURCE_JDBC_URL to use an external server.", e);
        }
    }
}
