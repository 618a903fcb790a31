package org.drgaudit.rules;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.drgaudit.knowledge.KnowledgeBaseInvalidException;
import org.drgaudit.knowledge.KnowledgeGate;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;
import org.jboss.logging.Logger;

/**
 * Keeps the rule base in force and switches it: a version goes live only through the gate ({@link RuleGate}), and
 * the switch is atomic (rules and knowledge base together); sweeps keep the version they started with. The folders
 * on disk are the first load and the operator's path ({@code POST /api/rules/reload}, {@code /api/knowledge/reload});
 * policy staff change the rule base through drafts ({@link RuleLifecycleService}).
 */
@ApplicationScoped
public class RuleBaseService implements KnowledgeGate {

    private static final Logger LOG = Logger.getLogger(RuleBaseService.class);

    @Inject
    DrgAuditConfig config;

    @Inject
    KnowledgeService knowledge;

    @Inject
    RuleGate gate;

    @Inject
    RuleVersionStore store;

    private final AtomicReference<ActiveRuleBase> active = new AtomicReference<>();

    /** The rule base in force; brought up on first use. */
    public ActiveRuleBase active() {
        ActiveRuleBase a = active.get();
        return a != null ? a : startup();
    }

    /**
     * At start-up the published version stays in force when the folders on disk hold nothing new (their content is
     * a version already stored); new content on disk (a deployment) goes live through the gate, and when it does
     * not pass the published version stays, so a bad edit never stops the service. On an empty database the
     * folders are the first version.
     */
    public synchronized ActiveRuleBase startup() {
        VersionFiles disk = VersionFiles.fromDisk(config.rulesDir(), config.knowledgeDir(), config.testCasesDir());
        RuleBaseVersion published = QuarkusTransaction.requiringNew().call(RuleBaseVersion::active);
        boolean known = QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.count("contentHash", disk.contentHash()) > 0);
        if (published != null && published.kbVersion != null && known) {
            return resume(published);
        }
        try {
            return goLive(disk, "system", "start-up: the folders on disk");
        } catch (RuleBaseInvalidException | KnowledgeBaseInvalidException e) {
            if (published == null) {
                throw e;
            }
            LOG.errorf("The files on disk do not go live (%s); version %d stays active", e.getMessage(), published.version);
            return resume(published);
        }
    }

    /** Brings a stored version back into force as it was published (its rules and its knowledge base). */
    private ActiveRuleBase resume(RuleBaseVersion v) {
        VersionFiles files = store.files(v.id);
        CompiledRuleBase compiled = RuleCompiler.compile(files.rules());
        KnowledgeSnapshot kb = files.knowledge().isEmpty() ? knowledge.reload() : knowledge.use(files.knowledge());
        ActiveRuleBase a = new ActiveRuleBase(v.version, compiled, kb);
        active.set(a);
        LOG.infof("Rule base version %d active: %d rules, knowledge base %s", v.version, compiled.rules().size(), kb.label());
        return a;
    }

    /**
     * The operator's path: the rule files and golden cases on disk with the knowledge base in force, through the gate,
     * go live as the next version; a compile error (422 with file, line and column) or a failing golden case (422
     * naming the cases and what differs) leaves the active version as it was.
     */
    public synchronized ActiveRuleBase reload(String user) {
        VersionFiles current = activeFiles();
        SortedMap<String, String> rules = readFolder(config.rulesDir());
        RuleCompiler.compile(rules); // compile errors with the file names of the folder
        return goLive(current.withRules(rules).withTestCases(VersionFiles.readTestCases(config.testCasesDir())), user,
                "reload: rules-drl/ and test-cases/ on disk");
    }

    /** The knowledge-base folder with the rules and golden cases in force, through the same gate. */
    @Override
    public synchronized KnowledgeSnapshot reloadFolder(String user) {
        SortedMap<String, String> files = KnowledgeService.readFolder(config.knowledgeDir());
        KnowledgeService.parse(files); // faults with the file names of the folder
        return goLive(activeFiles().withKnowledge(files), user, "reload: knowledge-base/ on disk").knowledge();
    }

    /** Runs the golden cases against the files as they are on disk now, with the knowledge base in force, activating nothing. */
    public RegressionReport testDraft() {
        CompiledRuleBase compiled = RuleCompiler.compile(readFolder(config.rulesDir()));
        return new RegressionSuite(config.testCasesDir()).run(compiled, knowledge.current());
    }

    /** The files of the version in force (the folders on disk when it predates versioned files). */
    public VersionFiles activeFiles() {
        ActiveRuleBase a = active();
        RuleBaseVersion v = QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.byNumber(a.version()));
        VersionFiles files = store.files(v.id);
        if (files.knowledge().isEmpty()) {
            files = files.withKnowledge(KnowledgeService.readFolder(config.knowledgeDir()))
                    .withTestCases(VersionFiles.readTestCases(config.testCasesDir()));
        }
        return files;
    }

    /** Files from disk through the gate; the same content as a stored version brings that version back. */
    private ActiveRuleBase goLive(VersionFiles files, String user, String note) {
        ActiveRuleBase current = active.get();
        RuleGate.Outcome outcome = gate.test(files, null);
        GateReport report = outcome.report();
        if (!report.passed()) {
            throw RuleBaseInvalidException.of(report);
        }
        String hash = files.contentHash();
        RuleBaseVersion same = QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.<RuleBaseVersion>find(
                "contentHash = ?1 and status in ('ACTIVE', 'RETIRED')", Sort.descending("version"), hash).firstResult());
        if (same != null && current != null && same.version == current.version()) {
            return current;
        }
        RuleBaseVersion v = same != null ? same : QuarkusTransaction.requiringNew().call(() -> {
            RuleBaseVersion n = new RuleBaseVersion();
            n.version = RuleBaseVersion.nextNumber();
            n.status = RuleBaseVersion.DRAFT;
            n.title = note;
            n.source = "DISK";
            n.contentHash = hash;
            n.ruleCount = outcome.compiled().rules().size();
            n.createdBy = user;
            n.createdAt = OffsetDateTime.now();
            n.persist();
            n.flush();
            store.writeFiles(n.id, files);
            store.event(n, "imported", user, Map.of("note", note));
            return n;
        });
        return activate(v.version, outcome.compiled(), files, user, same != null ? "reactivated" : "published", Map.of("note", note,
                "approval", "none: loaded from the folders on disk by the operator"));
    }

    /**
     * Makes a version that passed the gate the one in force: its knowledge base goes into use, the version becomes
     * ACTIVE and the previous one RETIRED, in one transaction, and the new rules are swapped in atomically.
     */
    synchronized ActiveRuleBase activate(int number, CompiledRuleBase compiled, VersionFiles files, String user, String action,
                                         Map<String, ?> detail) {
        KnowledgeSnapshot kb = knowledge.use(files.knowledge());
        QuarkusTransaction.requiringNew().run(() -> {
            OffsetDateTime now = OffsetDateTime.now();
            RuleBaseVersion v = RuleBaseVersion.byNumber(number);
            RuleBaseVersion previous = RuleBaseVersion.active();
            if (previous != null && previous.version != number) {
                previous.status = RuleBaseVersion.RETIRED;
                previous.retiredAt = now;
                previous.flush();
                store.event(previous, "retired", user, Map.of("replacedBy", number));
            }
            v.status = RuleBaseVersion.ACTIVE;
            v.activatedAt = now;
            v.retiredAt = null;
            v.publishedBy = user;
            v.kbVersion = kb.versionId();
            v.ruleCount = compiled.rules().size();
            v.flush();
            java.util.Map<String, Object> d = new java.util.LinkedHashMap<>(detail);
            d.put("knowledgeBase", kb.label());
            d.put("previous", previous == null ? null : previous.version);
            store.event(v, action, user, d);
        });
        ActiveRuleBase next = new ActiveRuleBase(number, compiled, kb);
        active.set(next);
        LOG.infof("Rule base version %d active (%s by %s): %d rules, knowledge base %s", number, action, user,
                compiled.rules().size(), kb.label());
        return next;
    }

    public List<RuleBaseVersion> versions() {
        return QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.<RuleBaseVersion>list(
                "status in ('ACTIVE', 'RETIRED')", Sort.by("version")));
    }

    /** The files of a stored version, by its number. */
    public VersionFiles files(int version) {
        RuleBaseVersion v = QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.byNumber(version));
        if (v == null) {
            throw DomainException.notFound("Rule-base version", version);
        }
        return store.files(v.id);
    }

    /** The DRL files of a folder, and its rule-settings.yaml. */
    public static SortedMap<String, String> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleBaseInvalidException(List.of(new CompileError(dir.toString(), null,
                    "rules folder not found; set drgaudit.rules-dir")));
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".drl")
                    || f.getFileName().toString().equals(VersionFiles.RULE_SETTINGS))::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules at " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }
}
