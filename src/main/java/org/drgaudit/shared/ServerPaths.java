package org.drgaudit.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a request may point the server at its own files: only inside the import folder ({@code drgaudit.import-dir}),
 * never into the embedded database's directory, links followed before the check. Anything else, existing or not,
 * gets one and the same answer, so requests cannot map the server's file system.
 */
@ApplicationScoped
public class ServerPaths {

    @Inject
    DrgAuditConfig config;

    /** A regular file inside the import folder, named by request field {@code field}. */
    public Path file(String requested, String field) {
        return resolve(requested, field, false);
    }

    /** A folder inside the import folder, named by request field {@code field}. */
    public Path folder(String requested, String field) {
        return resolve(requested, field, true);
    }

    /** Whether a path (already resolved) lies inside the import folder, e.g. a sibling folder an importer also reads. */
    public boolean inside(Path path) {
        Optional<Path> root = root();
        try {
            return root.isPresent() && allowed(path.toRealPath(), root.get());
        } catch (IOException e) {
            return false;
        }
    }

    private Path resolve(String requested, String field, boolean folder) {
        if (requested == null || requested.isBlank()) {
            throw DomainException.badRequest("Field '" + field + "' is required: a path inside the import folder "
                    + "(drgaudit.import-dir), relative to it.");
        }
        Optional<Path> root = root();
        try {
            if (root.isPresent() && requested.indexOf('\u0000') < 0) {
                Path real = root.get().resolve(requested).normalize().toRealPath();
                if (allowed(real, root.get()) && (folder ? Files.isDirectory(real) : Files.isRegularFile(real))) {
                    return real;
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            // refused below, with the same words as a path outside the folder
        }
        throw new DomainException(400, "Path not allowed", "Field '" + field + "' must name " + (folder ? "a folder" : "a file")
                + " inside the import folder (drgaudit.import-dir), relative to it; '" + Months.shown(requested, 80)
                + "' is not one. Place the data there, or set drgaudit.import-dir.",
                java.util.List.of(java.util.Map.of("field", field, "message", "not " + (folder ? "a folder" : "a file")
                        + " inside the import folder")), null);
    }

    private boolean allowed(Path real, Path root) {
        if (!real.startsWith(root)) {
            return false;
        }
        try {
            Path database = config.dataDir().resolve("pg");
            return !(Files.exists(database) && real.startsWith(database.toRealPath()));
        } catch (IOException e) {
            return true;
        }
    }

    private Optional<Path> root() {
        try {
            return Optional.of(config.importDir().toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
