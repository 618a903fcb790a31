package org.drgaudit.shared;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts the {@link EmbeddedDatabase} when no JDBC URL is configured, so that the service and its tests
 * always run against a real PostgreSQL. The data directory lives under {@code drgaudit.data-dir}
 * and survives restarts. A configured {@code quarkus.datasource.jdbc.url} turns this off.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        if (isBuildTime(context)) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, "drgaudit.data-dir", "./data"));
        EmbeddedDatabase db = start(dataDir.resolve("pg"), "true".equals(value(context, "drgaudit.embedded-db.fresh", "false")),
                !"false".equals(value(context, "drgaudit.embedded-db.durable", "true")));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", db.password()),
                "drgaudit-embedded-postgres", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? otherwise : v.getValue();
    }

    private static boolean isBuildTime(ConfigSourceContext context) {
        // During augmentation (mvn package) nothing connects; do not start a server for it.
        return Boolean.getBoolean("drgaudit.build-time")
                || context.getProfiles().contains("build")
                || StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().startsWith("io.quarkus.deployment.")
                        && !f.getClassName().startsWith("io.quarkus.deployment.steps.")));
    }

    /** One server per JVM: the config is read more than once (and again by each test profile). */
    private static synchronized EmbeddedDatabase start(Path pgDir, boolean fresh, boolean durable) {
        return EmbeddedDatabase.current().orElseGet(() -> EmbeddedDatabase.start(pgDir, fresh, durable));
    }
}
