package org.drgaudit.rules;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;
import org.jboss.logging.Logger;

/**
 * Keeps the rule base: compiles the DRL files, runs the golden cases, and only then makes a new
 * content the active version. Swapping is atomic; sweeps keep the version they started with.
 */
@ApplicationScoped
public class RuleBaseService {

    private static final Logger LOG = Logger.getLogger(RuleBaseService.class);

    @Inject
    DrgAuditConfig config;

    @Inject
    KnowledgeService knowledge;

    @Inject
    AgroalDataSource dataSource;

    private final AtomicReference<ActiveRuleBase> active = new AtomicReference<>();

    /** The rule base in force; compiled from the files on first use. */
    public ActiveRuleBase active() {
        ActiveRuleBase a = active.get();
        return a != null ? a : startup();
    }

    /**
     * At start-up the files on disk become active when they compile and pass their golden cases;
     * otherwise the last published version stays in force, so a bad edit never stops the service.
     */
    public synchronized ActiveRuleBase startup() {
        try {
            return reload("system");
        } catch (RuleBaseInvalidException e) {
            RuleBaseVersion last = QuarkusTransaction.requiringNew().call(() ->
                    RuleBaseVersion.<RuleBaseVersion>find("status", io.quarkus.panache.common.Sort.descending("version"), "ACTIVE").firstResult());
            if (last == null) {
                throw e;
            }
            LOG.errorf("The rule files do not go live (%s); version %d stays active", e.getMessage(), last.version);
            ActiveRuleBase previous = new ActiveRuleBase(last.version, RuleCompiler.compile(files(last.version)));
            active.set(previous);
            return previous;
        }
    }

    /**
     * Compiles and tests the files; a new content becomes the next active version. A compile error or
     * a failing golden case throws and leaves the active version as it was.
     */
    public synchronized ActiveRuleBase reload(String user) {
        CompiledRuleBase compiled = RuleCompiler.compile(readFolder(config.rulesDir()));
        RegressionReport report = new RegressionSuite(config.testCasesDir()).run(compiled, knowledge.current());
        if (report.failed() > 0) {
            throw new RuleBaseInvalidException(report);
        }
        if (report.passed() == 0 && config.rules().requireGoldenCases()) {
            throw new RuleBaseInvalidException(List.of(new CompileError(config.testCasesDir().toString(), null,
                    "no golden case found; a rule base goes live only after its golden cases pass "
                            + "(set drgaudit.rules.require-golden-cases=false to allow an untested rule base)")));
        }
        ActiveRuleBase current = active.get();
        if (current != null && current.compiled().contentHash().equals(compiled.contentHash())) {
            return current;
        }
        int version = QuarkusTransaction.requiringNew().call(() -> activate(compiled, user));
        ActiveRuleBase next = new ActiveRuleBase(version, compiled);
        active.set(next);
        LOG.infof("Rule base version %d active: %d rules, %d golden cases passed", version, compiled.rules().size(), report.passed());
        return next;
    }

    /** Runs the golden cases against the files as they are on disk now, without activating anything. */
    public RegressionReport testDraft() {
        CompiledRuleBase compiled = RuleCompiler.compile(readFolder(config.rulesDir()));
        return new RegressionSuite(config.testCasesDir()).run(compiled, knowledge.current());
    }

    public List<RuleBaseVersion> versions() {
        return RuleBaseVersion.listAll(io.quarkus.panache.common.Sort.by("version"));
    }

    private int activate(CompiledRuleBase compiled, String user) {
        RuleBaseVersion same = RuleBaseVersion.find("contentHash = ?1 and status = 'ACTIVE'", compiled.contentHash()).firstResult();
        if (same != null) {
            return same.version;
        }
        OffsetDateTime now = OffsetDateTime.now();
        RuleBaseVersion.<RuleBaseVersion>list("status", "ACTIVE").forEach(v -> {
            v.status = "RETIRED";
            v.retiredAt = now;
        });
        RuleBaseVersion v = new RuleBaseVersion();
        Integer max = RuleBaseVersion.find("select max(version) from RuleBaseVersion").project(Integer.class).firstResult();
        v.version = max == null ? 1 : max + 1;
        v.status = "ACTIVE";
        v.contentHash = compiled.contentHash();
        v.ruleCount = compiled.rules().size();
        v.createdBy = user;
        v.createdAt = now;
        v.activatedAt = now;
        v.persist();
        RuleBaseVersion.flush();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rule_file (version_id, path, sha256, content) VALUES (?, ?, ?, ?)")) {
            for (var f : compiled.files().entrySet()) {
                ps.setInt(1, v.id);
                ps.setString(2, f.getKey());
                ps.setString(3, CanonicalJson.sha256(f.getValue()));
                ps.setString(4, f.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing rule-base version " + v.version + " failed: " + e.getMessage(), e);
        }
        return v.version;
    }

    /** The files of a stored version, for audit and for rebuilding it. */
    public SortedMap<String, String> files(int version) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT f.path, f.content FROM rule_file f JOIN rule_base_version v ON v.id = f.version_id WHERE v.version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (files.isEmpty()) {
            throw DomainException.notFound("Rule-base version", version);
        }
        return files;
    }

    public static SortedMap<String, String> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleBaseInvalidException(List.of(new CompileError(dir.toString(), null,
                    "rules folder not found; set drgaudit.rules-dir")));
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".drl"))::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules at " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }
}
