package org.drgaudit.rules;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * The rule lifecycle for policy staff: drafts edited through the service (rules, parameters and tables, golden
 * cases), validated and tested by the gate, backtested, approved by a second person (never the author or an editor
 * of the draft), published hot, and rolled back through the same gate. Every step is recorded in the version's
 * history and in the audit trail.
 */
@ApplicationScoped
public class RuleLifecycleService {

    /** Folder names of the three areas in a downloaded zip, as on disk. */
    static final Map<String, String> ZIP_FOLDERS = Map.of(VersionFiles.RULES, "rules-drl", VersionFiles.KNOWLEDGE,
            "knowledge-base", VersionFiles.TEST_CASES, "test-cases");

    @Inject
    RuleBaseService ruleBases;

    @Inject
    RuleGate gate;

    @Inject
    RuleVersionStore store;

    @Inject
    DrgAuditConfig config;

    /** A new draft: from the version in force (or another), or from the folders on disk. */
    public record DraftRequest(String title, Integer baseVersion, String source) {
    }

    /** A file of a version: its full path, hash and size. */
    public record FileEntry(String path, String sha256, int bytes) {
    }

    /** A version as the API shows it: its state and times, files, last gate report, backtests and history. */
    public record VersionView(RuleBaseVersion version, List<FileEntry> files, List<RuleBacktest.Summary> backtests,
                              List<RuleVersionStore.Event> history) {
    }

    /** The difference between two versions: per changed file its status and a unified diff. */
    public record VersionDiff(int from, int to, List<FileDiff> files) {
    }

    /** One changed file: ADDED, REMOVED or CHANGED, with the unified diff of its lines. */
    public record FileDiff(String path, String status, String diff) {
    }

    public List<RuleBaseVersion> list() {
        return QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.<RuleBaseVersion>listAll(Sort.descending("version")));
    }

    /** A new draft; its version number. */
    public int newDraft(DraftRequest r, String user) {
        return createDraft(r, user).version().version;
    }

    public synchronized VersionView createDraft(DraftRequest r, String user) {
        boolean fromDisk = r != null && "disk".equalsIgnoreCase(r.source());
        if (r != null && r.source() != null && !fromDisk && !"version".equalsIgnoreCase(r.source())) {
            throw DomainException.badRequest("Field 'source' is 'version' (a copy of baseVersion, default the active one) or "
                    + "'disk' (the folders rules-drl/, knowledge-base/ and test-cases/ of the server), not '" + r.source() + "'.");
        }
        Integer base = r == null || r.baseVersion() == null ? ruleBases.active().version() : r.baseVersion();
        VersionFiles files = fromDisk
                ? VersionFiles.fromDisk(config.rulesDir(), config.knowledgeDir(), config.testCasesDir())
                : base == ruleBases.active().version() ? ruleBases.activeFiles() : ruleBases.files(base);
        RuleBaseVersion v = QuarkusTransaction.requiringNew().call(() -> {
            RuleBaseVersion n = new RuleBaseVersion();
            n.version = RuleBaseVersion.nextNumber();
            n.status = RuleBaseVersion.DRAFT;
            n.title = r == null || r.title() == null || r.title().isBlank() ? "草稿" : r.title().strip();
            n.source = fromDisk ? "DISK" : "API";
            n.baseVersion = base;
            n.contentHash = files.contentHash();
            n.createdBy = user;
            n.createdAt = OffsetDateTime.now();
            n.updatedAt = n.createdAt;
            n.persist();
            n.flush();
            store.writeFiles(n.id, files);
            store.event(n, "drafted", user, Map.of("from", fromDisk ? "disk" : "version " + base, "title", n.title));
            return n;
        });
        return view(v.version);
    }

    public VersionView view(int number) {
        RuleBaseVersion v = find(number);
        List<FileEntry> files = new ArrayList<>();
        store.files(v.id).all().forEach((path, text) -> files.add(new FileEntry(path,
                org.drgaudit.shared.CanonicalJson.sha256(text), text.getBytes(StandardCharsets.UTF_8).length)));
        List<RuleBacktest.Summary> backtests = QuarkusTransaction.requiringNew().call(() -> RuleBacktest.<RuleBacktest>list(
                "versionId", Sort.descending("id"), v.id).stream().map(RuleBacktest::summary).toList());
        return new VersionView(v, files, backtests, store.events(v.id));
    }

    public String file(int number, String path) {
        String text = store.files(find(number).id).all().get(VersionFiles.split(path)[0] + "/" + VersionFiles.split(path)[1]);
        if (text == null) {
            throw DomainException.notFound("File of rule-base version " + number, path);
        }
        return text;
    }

    /** Writes (text) or removes (null) a file of a draft; the draft goes back to DRAFT and must pass the gate again. */
    public synchronized VersionView writeFile(int number, String path, String text, String user) {
        String[] parts = VersionFiles.split(path);
        String full = parts[0] + "/" + parts[1];
        edit(number, user, files -> {
            if (text == null && !files.all().containsKey(full)) {
                throw DomainException.notFound("File of rule-base version " + number, full);
            }
            return files.with(full, text);
        }, text == null ? "file-removed" : "file-written", Map.of("path", full, "sha256",
                text == null ? "" : org.drgaudit.shared.CanonicalJson.sha256(text)));
        return view(number);
    }

    /** A rule's mode (shadow or live) as published metadata in rule-settings.yaml, without touching its DRL. */
    public synchronized VersionView setMode(int number, String ruleId, String mode, String user) {
        if (!RuleCompiler.MODES.contains(String.valueOf(mode))) {
            throw DomainException.badRequest("Field 'mode' is 'shadow' (findings visible, not sampled, not deducted) or 'live', not '" + mode + "'.");
        }
        edit(number, user, files -> {
            Map<String, String> modes = new java.util.TreeMap<>(RuleCompiler.modes(files.rules().get(VersionFiles.RULE_SETTINGS), new ArrayList<>()));
            modes.put(ruleId, mode);
            StringBuilder yaml = new StringBuilder("# 规则运行模式（发布的元数据，不改 DRL）：shadow 影子模式——疑点可见，不进入抽样与清算；live 正常运行。\n"
                    + "# Rule modes, published metadata that is not DRL: shadow (findings visible, never sampled or deducted) or live.\n"
                    + "modes:\n");
            modes.forEach((id, m) -> yaml.append("  ").append(id).append(": ").append(m).append('\n'));
            return files.with(VersionFiles.RULES + "/" + VersionFiles.RULE_SETTINGS, yaml.toString());
        }, "mode-set", Map.of("rule", ruleId, "mode", mode));
        return view(number);
    }

    /** Adds files (a golden case) to a draft in one step. */
    synchronized void writeFiles(int number, Map<String, String> written, String user, String action, Map<String, ?> detail) {
        edit(number, user, files -> {
            VersionFiles out = files;
            for (var e : written.entrySet()) {
                out = out.with(e.getKey(), e.getValue());
            }
            return out;
        }, action, detail);
    }

    private void edit(int number, String user, java.util.function.UnaryOperator<VersionFiles> change, String action, Map<String, ?> detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion v = find(number);
            if (!RuleBaseVersion.EDITABLE.contains(v.status)) {
                throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; only a draft changes. Create a "
                        + "new draft from it (POST /api/rule-versions with baseVersion " + number + ").");
            }
            VersionFiles files = change.apply(store.files(v.id));
            store.writeFiles(v.id, files);
            v.contentHash = files.contentHash();
            resetToDraft(v);
            store.event(v, action, user, detail);
        });
    }

    private static void resetToDraft(RuleBaseVersion v) {
        v.status = RuleBaseVersion.DRAFT;
        v.updatedAt = OffsetDateTime.now();
        v.validatedAt = null;
        v.testedAt = null;
        v.backtestedAt = null;
        v.approvalRequestedBy = null;
        v.approvalRequestedAt = null;
        v.gate = null;
    }

    /** Compiles and checks a draft; 422 with every fault (file, line, column) when it does not pass. */
    public synchronized GateReport validate(int number, String user) {
        RuleBaseVersion v = find(number);
        requireEditable(v, "validated");
        GateReport report = gate.validate(store.files(v.id)).report();
        record(v, report, user, "validated", RuleBaseVersion.VALIDATED);
        if (!report.passed()) {
            throw RuleBaseInvalidException.of(report);
        }
        return report;
    }

    /** Validation and the golden cases; 422 naming the failing cases and what differs. */
    public synchronized GateReport test(int number, String user) {
        RuleBaseVersion v = find(number);
        requireEditable(v, "tested");
        VersionFiles base = v.baseVersion == null ? null : baseFiles(v.baseVersion);
        GateReport report = gate.test(store.files(v.id), base).report();
        record(v, report, user, "tested", RuleBaseVersion.TESTED);
        if (!report.passed()) {
            throw RuleBaseInvalidException.of(report);
        }
        return report;
    }

    private VersionFiles baseFiles(int base) {
        try {
            return ruleBases.files(base);
        } catch (DomainException e) {
            return null;
        }
    }

    private void record(RuleBaseVersion v, GateReport report, String user, String action, String reached) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion r = RuleBaseVersion.findById(v.id);
            r.gate = report;
            OffsetDateTime now = OffsetDateTime.now();
            if (report.passed()) {
                if (rank(r.status) < rank(reached)) {
                    r.status = reached;
                }
                r.ruleCount = report.rules();
                r.validatedAt = r.validatedAt == null ? now : r.validatedAt;
                if (RuleBaseVersion.TESTED.equals(reached)) {
                    r.testedAt = now;
                }
            } else {
                resetToDraft(r);
                r.gate = report;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("passed", report.passed());
            detail.put("errors", report.errors().size());
            if (report.regression() != null) {
                detail.put("goldenCasesPassed", report.regression().passed());
                detail.put("goldenCasesFailed", report.regression().failed());
            }
            store.event(r, report.passed() ? action : action.equals("validated") ? "validate-failed" : "test-failed", user, detail);
        });
    }

    private static int rank(String status) {
        return List.of(RuleBaseVersion.DRAFT, RuleBaseVersion.VALIDATED, RuleBaseVersion.TESTED, RuleBaseVersion.BACKTESTED,
                RuleBaseVersion.APPROVED, RuleBaseVersion.ACTIVE).indexOf(status);
    }

    /** A backtest of the version's current content finished: a tested version becomes BACKTESTED. */
    void backtested(int versionId, String contentHash, String user, Map<String, ?> detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion v = RuleBaseVersion.findById(versionId);
            if (v.contentHash.equals(contentHash) && (RuleBaseVersion.TESTED.equals(v.status) || RuleBaseVersion.BACKTESTED.equals(v.status))) {
                v.status = RuleBaseVersion.BACKTESTED;
                v.backtestedAt = OffsetDateTime.now();
            }
            store.event(v, "backtested", user, detail);
        });
    }

    /** The author asks for approval: the draft must have passed the gate and a backtest of at least one month. */
    public synchronized VersionView requestApproval(int number, String user, String note) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion v = find(number);
            if (!RuleBaseVersion.BACKTESTED.equals(v.status)) {
                throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; approval can be asked for "
                        + "once it has passed validation, its golden cases and a backtest of at least one month "
                        + "(POST …/validate, …/test, …/backtests).");
            }
            v.approvalRequestedBy = user;
            v.approvalRequestedAt = OffsetDateTime.now();
            store.event(v, "approval-requested", user, note == null ? Map.of() : Map.of("note", note));
        });
        return view(number);
    }

    /** A second person approves: never the author nor anyone who changed the draft's files. */
    public synchronized VersionView approve(int number, String user, String note) {
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion v = find(number);
            if (!RuleBaseVersion.BACKTESTED.equals(v.status) || v.approvalRequestedAt == null) {
                throw DomainException.conflict("Rule-base version " + number + " is " + v.status
                        + (v.approvalRequestedAt == null ? " and nobody asked for its approval" : "")
                        + "; a version is approved once it is backtested and its author asked for approval (…/approval-request).");
            }
            requireChecker(v, user, "approve");
            v.status = RuleBaseVersion.APPROVED;
            v.approvedBy = user;
            v.approvedAt = OffsetDateTime.now();
            store.event(v, "approved", user, note == null ? Map.of() : Map.of("note", note));
        });
        return view(number);
    }

    /** The approver sends a version back: its approval request (and approval) are withdrawn, with the reason. */
    public synchronized VersionView reject(int number, String user, String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.badRequest("Field 'reason' is required: say what must change.");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RuleBaseVersion v = find(number);
            if (!RuleBaseVersion.BACKTESTED.equals(v.status) && !RuleBaseVersion.APPROVED.equals(v.status)) {
                throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; only a version waiting for "
                        + "approval or approved can be sent back.");
            }
            requireChecker(v, user, "reject");
            v.status = RuleBaseVersion.BACKTESTED;
            v.approvalRequestedAt = null;
            v.approvalRequestedBy = null;
            v.approvedBy = null;
            v.approvedAt = null;
            store.event(v, "rejected", user, Map.of("reason", reason));
        });
        return view(number);
    }

    /** Publishes an approved version: the gate once more (code may have changed since), then the hot switch. */
    public synchronized VersionView publish(int number, String user) {
        RuleBaseVersion v = find(number);
        if (!RuleBaseVersion.APPROVED.equals(v.status)) {
            throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; only an approved version is "
                    + "published (validate, test, backtest, ask for approval, approve by another person).");
        }
        QuarkusTransaction.requiringNew().run(() -> requireChecker(find(number), user, "publish"));
        VersionFiles files = store.files(v.id);
        RuleGate.Outcome outcome = gate.test(files, null);
        if (!outcome.report().passed()) {
            throw RuleBaseInvalidException.of(outcome.report());
        }
        ruleBases.activate(number, outcome.compiled(), files, user, "published",
                Map.of("author", v.createdBy, "approvedBy", v.approvedBy));
        return view(number);
    }

    /** Brings an earlier version back into force through the same gate (its rules, knowledge base and golden cases). */
    public synchronized VersionView rollback(int number, String user, String reason) {
        RuleBaseVersion v = find(number);
        if (!RuleBaseVersion.RETIRED.equals(v.status)) {
            throw DomainException.conflict("Rule-base version " + number + " is " + v.status + "; a rollback brings back a "
                    + "version that was in force before (RETIRED).");
        }
        if (reason == null || reason.isBlank()) {
            throw DomainException.badRequest("Field 'reason' is required: say why the version in force is rolled back.");
        }
        VersionFiles files = store.files(v.id);
        if (files.knowledge().isEmpty()) {
            throw DomainException.conflict("Rule-base version " + number + " went live before versions kept their knowledge base "
                    + "and golden cases; create a draft from it instead (POST /api/rule-versions with baseVersion " + number + ").");
        }
        RuleGate.Outcome outcome = gate.test(files, null);
        if (!outcome.report().passed()) {
            throw RuleBaseInvalidException.of(outcome.report());
        }
        int from = ruleBases.active().version();
        ruleBases.activate(number, outcome.compiled(), files, user, "rolled-back-to", Map.of("from", from, "reason", reason));
        return view(number);
    }

    /** Line differences between two versions' files. */
    public VersionDiff diff(int from, int to) {
        VersionFiles a = ruleBases.files(from);
        VersionFiles b = ruleBases.files(to);
        Set<String> paths = new TreeSet<>(a.all().keySet());
        paths.addAll(b.all().keySet());
        List<FileDiff> out = new ArrayList<>();
        for (String path : paths) {
            String x = a.all().get(path);
            String y = b.all().get(path);
            if (Objects.equals(x, y)) {
                continue;
            }
            List<String> left = x == null ? List.of() : List.of(x.split("\n", -1));
            List<String> right = y == null ? List.of() : List.of(y.split("\n", -1));
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("v" + from + "/" + path, "v" + to + "/" + path, left,
                    DiffUtils.diff(left, right), 3);
            out.add(new FileDiff(path, x == null ? "ADDED" : y == null ? "REMOVED" : "CHANGED", String.join("\n", unified)));
        }
        return new VersionDiff(from, to, out);
    }

    /**
     * Replaces every file of a draft with a zip in the folders' layout (rules-drl/, knowledge-base/, test-cases/, as
     * {@link #zip} writes it; a single top folder around them, as git archives have, is allowed): the import path for a
     * rule base kept in git.
     */
    public synchronized VersionView importZip(int number, byte[] zip, String user) {
        Map<String, String> areaOf = new java.util.HashMap<>();
        ZIP_FOLDERS.forEach((area, folder) -> areaOf.put(folder, area));
        Map<String, java.util.SortedMap<String, String>> areas = new java.util.HashMap<>();
        VersionFiles.AREAS.forEach(a -> areas.put(a, new java.util.TreeMap<>()));
        int ignored = 0;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                List<String> parts = new ArrayList<>(List.of(e.getName().replace('\\', '/').split("/")));
                if (parts.size() > 1 && !areaOf.containsKey(parts.get(0)) && areaOf.containsKey(parts.get(1))) {
                    parts.remove(0);
                }
                String area = parts.isEmpty() ? null : areaOf.get(parts.get(0));
                String path = String.join("/", parts.subList(Math.min(1, parts.size()), parts.size()));
                if (area == null || path.isEmpty()) {
                    ignored++;
                    continue;
                }
                String full = area + "/" + path;
                try {
                    VersionFiles.split(full);
                } catch (DomainException skip) {
                    ignored++;
                    continue;
                }
                if (area.equals(VersionFiles.KNOWLEDGE) && !(path.endsWith(".tsv") || path.endsWith(".yaml") || path.endsWith(".yml"))
                        || area.equals(VersionFiles.TEST_CASES) && !(path.endsWith(".json") || path.endsWith(".ndjson"))) {
                    ignored++;
                    continue;
                }
                areas.get(area).put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw DomainException.badRequest("The body is not a readable zip: " + e.getMessage());
        }
        if (areas.get(VersionFiles.RULES).isEmpty() || areas.get(VersionFiles.KNOWLEDGE).isEmpty()) {
            throw DomainException.badRequest("The zip holds no rules-drl/*.drl or no knowledge-base/ files; it must have the layout "
                    + "GET /api/rule-versions/{v}/zip gives (rules-drl/, knowledge-base/, test-cases/).");
        }
        VersionFiles imported = new VersionFiles(areas.get(VersionFiles.RULES), areas.get(VersionFiles.KNOWLEDGE),
                areas.get(VersionFiles.TEST_CASES));
        edit(number, user, files -> imported, "zip-imported", Map.of("files", imported.all().size(), "ignored", ignored,
                "contentHash", imported.contentHash()));
        return view(number);
    }

    /** Every file of a version in a zip, in the folders they have on disk (rules-drl/, knowledge-base/, test-cases/). */
    public byte[] zip(int number) {
        VersionFiles files = ruleBases.files(number);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (String area : VersionFiles.AREAS) {
                for (var f : files.area(area).entrySet()) {
                    zip.putNextEntry(new ZipEntry(ZIP_FOLDERS.get(area) + "/" + f.getKey()));
                    zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RuleBaseVersion find(int number) {
        RuleBaseVersion v = QuarkusTransaction.isActive() ? RuleBaseVersion.byNumber(number)
                : QuarkusTransaction.requiringNew().call(() -> RuleBaseVersion.byNumber(number));
        if (v == null) {
            throw DomainException.notFound("Rule-base version", number);
        }
        return v;
    }

    private static void requireEditable(RuleBaseVersion v, String what) {
        if (!RuleBaseVersion.EDITABLE.contains(v.status)) {
            throw DomainException.conflict("Rule-base version " + v.version + " is " + v.status + "; only a draft is " + what + ".");
        }
    }

    /** Maker–checker: the author and everyone who changed the files are makers; a checker is someone else. */
    private void requireChecker(RuleBaseVersion v, String user, String what) {
        Set<String> makers = new TreeSet<>();
        makers.add(v.createdBy);
        store.events(v.id).stream().filter(e -> e.action().startsWith("file-") || e.action().equals("mode-set")
                || e.action().equals("zip-imported")
                || e.action().equals("golden-case-added")).forEach(e -> makers.add(e.username()));
        if (makers.contains(user)) {
            throw DomainException.forbidden("User " + user + " wrote or changed rule-base version " + v.version + " and cannot "
                    + what + " it: maker–checker needs a second person (another approver). Makers: " + makers + ".");
        }
    }

}
