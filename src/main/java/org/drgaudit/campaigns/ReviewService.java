package org.drgaudit.campaigns;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.CaseSummary;
import org.drgaudit.findings.FindingService;
import org.drgaudit.findings.FindingView;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.Attachments;
import org.drgaudit.shared.DomainException;
import org.jboss.logging.Logger;

/**
 * The review workflow over a campaign's sampled cases: each step checked against the role that may take
 * it, recorded append-only, with the step's deadline from the parameters and overdue items flagged. Appeals
 * not filed by their deadline close as not appealed and go to the decision; a hospital that accepts the
 * finding (认可) sends it to the decision without an appeal. Decisions mark the case's findings. Items carry
 * what the reviewer judges: the findings as the findings context shows them and a summary of the case.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    @Inject
    KnowledgeService knowledge;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReviewDecisions decisions;

    @Inject
    FindingService findings;

    @Inject
    CaseService cases;

    /** Open and overdue items at one step; {@code overdueItemIds} most overdue first. */
    public record OverdueStep(String step, String stepLabel, long open, long overdue, Integer maxOverdueDays,
                              OffsetDateTime oldestDeadline, List<Long> overdueItemIds) {
    }

    /** What is overdue, per step, at {@code asOf}; items of closed campaigns are not counted (they no longer change). */
    public record OverdueOverview(OffsetDateTime asOf, long open, long overdue, List<OverdueStep> steps) {
    }

    /** An attachment with its bytes. */
    public record AttachmentContent(ReviewView.Attachment attachment, byte[] content) {
    }

    /** Opens a review item at 初审 for every sampled case (called when the sample is drawn). */
    void openItems(Connection conn, long campaignId, java.util.Collection<SampledCase> sample) throws SQLException {
        OffsetDateTime deadline = OffsetDateTime.now().plusDays(review(campaignId).daysFor(ReviewStep.FIRST_REVIEW.name()));
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO review_item (campaign_id, case_id, hospital_code, finding_ids, step, deadline)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (SampledCase s : sample) {
                ps.setLong(1, campaignId);
                ps.setString(2, s.caseId());
                ps.setString(3, s.hospitalCode());
                ps.setArray(4, conn.createArrayOf("bigint", s.findingIds().toArray()));
                ps.setString(5, ReviewStep.FIRST_REVIEW.name());
                ps.setObject(6, deadline);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Transactional
    public List<ReviewView> list(Long campaignId, String step, String hospital) {
        return list(campaignId, step, hospital, false, null);
    }

    /**
     * Review items, optionally of one campaign, step and hospital, or only the overdue ones (most overdue first).
     * {@code redactFor} is the hospital of a hospital user, whose view of a finding hides other hospitals' cases.
     */
    @Transactional
    public List<ReviewView> list(Long campaignId, String step, String hospital, boolean overdueOnly, String redactFor) {
        return views(items(campaignId, step, hospital, overdueOnly), redactFor);
    }

    /** One page (0-based) of the review items {@link #list} gives, and how many there are in all. */
    public record ReviewPage(long total, List<ReviewView> items) {
    }

    /** A page of review items: only the page's items are read with their case summaries and findings. */
    @Transactional
    public ReviewPage page(Long campaignId, String step, String hospital, boolean overdueOnly, String redactFor, int page, int size) {
        if (size < 1 || size > 1000 || page < 0) {
            throw DomainException.badRequest("Query parameters 'page' (0 or more) and 'size' (1 to 1000) are out of range: page "
                    + page + ", size " + size + ".");
        }
        List<ReviewItem> items = items(campaignId, step, hospital, overdueOnly);
        int from = (int) Math.min(items.size(), (long) page * size);
        int to = (int) Math.min(items.size(), (long) from + size);
        return new ReviewPage(items.size(), views(items.subList(from, to), redactFor));
    }

    private List<ReviewItem> items(Long campaignId, String step, String hospital, boolean overdueOnly) {
        StringBuilder q = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters p = new io.quarkus.panache.common.Parameters();
        if (campaignId != null) {
            q.append(" and campaignId = :campaign");
            p.and("campaign", campaignId);
        }
        if (step != null) {
            q.append(" and step = :step");
            p.and("step", step);
        }
        if (hospital != null) {
            q.append(" and hospitalCode = :hospital");
            p.and("hospital", hospital);
        }
        if (overdueOnly) {
            q.append(" and step <> 'DONE' and deadline < :now and campaignId not in (select c.id from Campaign c where c.status = 'CLOSED')");
            p.and("now", OffsetDateTime.now());
        }
        return ReviewItem.<ReviewItem>list(q.toString(), overdueOnly ? Sort.by("deadline").and("id") : Sort.by("id"), p);
    }

    @Transactional
    public ReviewView get(long id, CurrentUser user) {
        ReviewItem item = visible(id, user);
        ReviewView v = views(List.of(item), user.isHospitalUser() ? user.hospitalCode() : null).get(0);
        // what a decision at 违规处理 would take by default; the hospital sees what it is being asked to accept
        return ReviewStep.DONE.name().equals(item.step) ? v : v.withProposal(decisions.propose(item));
    }

    /** Per step, how many items are open and how many are past their deadline (of one campaign or hospital when set). */
    @Transactional
    public OverdueOverview overdue(Long campaignId, String hospital, OffsetDateTime now) {
        Map<String, OverdueStep> byStep = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT i.step, count(*), count(*) FILTER (WHERE i.deadline < ?), min(i.deadline) FILTER (WHERE i.deadline < ?),
                            array_agg(i.id ORDER BY i.deadline, i.id) FILTER (WHERE i.deadline < ?)
                     FROM review_item i JOIN campaign k ON k.id = i.campaign_id
                     WHERE i.step <> 'DONE' AND k.status <> 'CLOSED'
                       AND (?::bigint IS NULL OR i.campaign_id = ?) AND (?::text IS NULL OR i.hospital_code = ?)
                     GROUP BY i.step""")) {
            for (int i = 1; i <= 3; i++) {
                ps.setObject(i, now);
            }
            ps.setObject(4, campaignId, java.sql.Types.BIGINT);
            ps.setObject(5, campaignId, java.sql.Types.BIGINT);
            ps.setString(6, hospital);
            ps.setString(7, hospital);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ReviewStep step = ReviewStep.valueOf(rs.getString(1));
                    OffsetDateTime oldest = rs.getObject(4, OffsetDateTime.class);
                    List<Long> ids = rs.getArray(5) == null ? List.of() : List.of((Long[]) rs.getArray(5).getArray());
                    byStep.put(step.name(), new OverdueStep(step.name(), step.label(), rs.getLong(2), rs.getLong(3),
                            oldest == null ? null : overdueDays(oldest, now), oldest, ids));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading overdue review items failed: " + e.getMessage(), e);
        }
        List<OverdueStep> steps = java.util.Arrays.stream(ReviewStep.values()).filter(s -> s != ReviewStep.DONE)
                .map(s -> byStep.getOrDefault(s.name(), new OverdueStep(s.name(), s.label(), 0, 0, null, null, List.of())))
                .toList();
        return new OverdueOverview(now, steps.stream().mapToLong(OverdueStep::open).sum(),
                steps.stream().mapToLong(OverdueStep::overdue).sum(), steps);
    }

    /** Open items of a campaign by step, in the order of the workflow. */
    Map<String, Integer> openByStep(long campaignId) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object[] row : ReviewItem.getEntityManager().createQuery(
                "select i.step, count(i) from ReviewItem i where i.campaignId = :c and i.step <> 'DONE' group by i.step", Object[].class)
                .setParameter("c", campaignId).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).intValue());
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (ReviewStep s : ReviewStep.values()) {
            if (counts.containsKey(s.name())) {
                ordered.put(s.name(), counts.get(s.name()));
            }
        }
        return ordered;
    }

    /** Takes one step on an item, as the calling user. */
    @Transactional
    public ReviewView act(long id, ReviewAction request, CurrentUser user) {
        ReviewItem item = ReviewItem.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || user.isHospitalUser() && !item.hospitalCode.equals(user.hospitalCode())) {
            throw DomainException.notFound("Review item", id);
        }
        Campaign campaign = Campaign.findById(item.campaignId);
        if (Campaign.CLOSED.equals(campaign.status)) {
            throw DomainException.conflict("Campaign " + campaign.id + " is closed; its reviews do not change.");
        }
        ReviewStep step = ReviewStep.valueOf(item.step);
        String action = request == null || request.action() == null ? "" : request.action().trim().toUpperCase();
        ReviewStep next = step.after(action);
        if (next == null) {
            throw DomainException.conflict("Item " + id + " is at " + step.label() + " (" + step + "); the actions there are "
                    + step.actions() + ", not '" + action + "'.");
        }
        if (!user.hasRole(Roles.ADMIN) && step.roles().stream().noneMatch(user::hasRole)) {
            throw DomainException.forbidden(step.label() + " (" + step + ") is taken by " + step.roles() + ", not by "
                    + user.username() + ".");
        }
        String reason = request.reason() == null ? null : request.reason().strip();
        // confirming and a hospital's acceptance (认可) need no argument; every other step must say why (at 违规处理
        // the decision checks each finding's reason itself)
        if (step != ReviewStep.DECISION && !"CONFIRM".equals(action) && !"ACCEPT".equals(action)
                && (reason == null || reason.isEmpty())) {
            throw DomainException.badRequest("Field 'reason' is required for " + action + " (the decision must say why).");
        }
        BigDecimal amount = null;
        String correctGroup = null;
        Map<Long, String> outcomes = Map.of();
        if (step == ReviewStep.DECISION) {
            // 违规处理: each finding confirmed or dismissed with its overpayment, severity and penalty (ReviewDecisions)
            ReviewDecisions.Decided d = decisions.decide(item, request, action, user.username());
            action = d.confirmed() ? "CONFIRM" : "DISMISS";
            amount = d.confirmed() ? d.overpayment() : null;
            correctGroup = d.correctGroup();
            outcomes = d.findingOutcomes();
        }
        record(item, step, action, user.username(), reason, amount, correctGroup);
        move(item, next, action);
        if (next == ReviewStep.DONE && "CONFIRM".equals(action)) {
            item.confirmedAmount = amount;
            item.correctGroup = correctGroup;
        }
        if (Campaign.SAMPLED.equals(campaign.status)) {
            campaign.status = Campaign.IN_REVIEW;
        }
        markFindings(item, outcomes);
        return views(List.of(item), user.isHospitalUser() ? user.hospitalCode() : null).get(0);
    }

    /** Appeals past their deadline close as not appealed and go to the decision (违规处理). */
    @Transactional
    public int closeOverdueAppeals(OffsetDateTime now) {
        // a closed campaign's items (left open at closing) do not change any more
        List<ReviewItem> overdue = ReviewItem.list("step = ?1 and deadline < ?2 and campaignId not in "
                + "(select c.id from Campaign c where c.status = ?3)", ReviewStep.APPEAL.name(), now, Campaign.CLOSED);
        for (ReviewItem item : overdue) {
            record(item, ReviewStep.APPEAL, "CLOSE_NOT_APPEALED", "system", "申诉期限已过，未申诉", null, null);
            move(item, ReviewStep.DECISION, "CLOSE_NOT_APPEALED");
        }
        return overdue.size();
    }

    @Scheduled(every = "1h", identity = "overdue-appeals")
    void closeOverdueAppeals() {
        int closed = closeOverdueAppeals(OffsetDateTime.now());
        if (closed > 0) {
            LOG.infof("Closed %d overdue appeals as not appealed", closed);
        }
    }

    /**
     * Stores an appeal attachment of the hospital, during its appeal step, within the size and type limits. The
     * body is read as a stream into a temporary file, the SHA-256 taken on the way, and reading stops as soon as
     * the limit is passed: an over-limit upload is refused without ever being held whole (in the heap or on disk).
     */
    @Transactional
    public ReviewView.Attachment attach(long id, String fileName, String contentType, Long declaredLength, InputStream body,
                                        CurrentUser user) {
        ReviewItem item = visible(id, user);
        if (!ReviewStep.APPEAL.name().equals(item.step)) {
            throw DomainException.conflict("Attachments go with the appeal; item " + id + " is at " + item.step + ".");
        }
        if (!user.hasRole(Roles.HOSPITAL) && !user.hasRole(Roles.ADMIN)) {
            throw DomainException.forbidden("Only the hospital attaches evidence to its appeal.");
        }
        PolicyParameters.Review limits = review(item.campaignId);
        return Attachments.receive(fileName, contentType, declaredLength, body,
                limits.attachmentLimits(), "item " + id,
                a -> store(id, a, user.username()));
    }

    private ReviewView.Attachment store(long id, Attachments.Spooled a, String user) throws IOException {
        Attachments.Stored stored = Attachments.insert(dataSource, "review_attachment", "item_id", id, a, user);
        return new ReviewView.Attachment(stored.id(), a.fileName(), a.contentType(), a.size(), a.sha256(), user, stored.uploadedAt());
    }

    /** The attachments of an item the caller may see, oldest first. */
    @Transactional
    public List<ReviewView.Attachment> attachments(long id, CurrentUser user) {
        visible(id, user);
        return attachments(List.of(id)).getOrDefault(id, List.of());
    }

    /** One attachment of an item the caller may see, with its bytes (at most the upload limit). */
    @Transactional
    public AttachmentContent attachment(long id, long attachmentId, CurrentUser user) {
        visible(id, user);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at, content
                     FROM review_attachment WHERE id = ? AND item_id = ?""")) {
            ps.setLong(1, attachmentId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DomainException.notFound("Attachment of review item " + id, attachmentId);
                }
                return new AttachmentContent(new ReviewView.Attachment(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)), rs.getBytes(8));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading attachment " + attachmentId + " of item " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** The item, when the caller may see it (a hospital user only its own hospital's; others get 404). */
    private static ReviewItem visible(long id, CurrentUser user) {
        ReviewItem item = ReviewItem.findById(id);
        if (item == null || user.isHospitalUser() && !item.hospitalCode.equals(user.hospitalCode())) {
            throw DomainException.notFound("Review item", id);
        }
        return item;
    }

    private static void record(ReviewItem item, ReviewStep step, String action, String actor, String reason,
                               BigDecimal amount, String correctGroup) {
        ReviewEvent e = new ReviewEvent();
        e.itemId = item.id;
        e.step = step.name();
        e.action = action;
        e.actor = actor;
        e.at = OffsetDateTime.now();
        e.reason = reason;
        e.amount = amount;
        e.correctGroup = correctGroup;
        e.persist();
    }

    private void move(ReviewItem item, ReviewStep next, String action) {
        item.step = next.name();
        item.updatedAt = OffsetDateTime.now();
        if (next == ReviewStep.DONE) {
            item.outcome = "CONFIRM".equals(action) ? "CONFIRMED" : "DISMISSED";
            item.deadline = null;
        } else {
            item.deadline = OffsetDateTime.now().plusDays(review(item.campaignId).daysFor(next.name()));
        }
    }

    /**
     * The item's findings follow the review: IN_REVIEW while it runs (re-sweeps keep them), then each finding's own
     * outcome at 违规处理 (an item may confirm one finding and dismiss another).
     */
    private void markFindings(ReviewItem item, Map<Long, String> outcomes) {
        if (item.findingIds.length == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE finding SET review_status = ? WHERE id = ?")) {
            for (Long id : item.findingIds) {
                ps.setString(1, outcomes.getOrDefault(id, item.outcome == null ? "IN_REVIEW" : item.outcome));
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Marking the findings of review item " + item.id + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The items as the API shows them, with a fixed number of queries whatever their number: histories,
     * attachments, findings (through the findings context), case summaries (through the cases context) and the
     * campaigns' status (a closed campaign's open items are not overdue: they no longer change).
     */
    private List<ReviewView> views(List<ReviewItem> items, String redactFor) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Long> ids = items.stream().map(i -> i.id).toList();
        Map<Long, List<ReviewView.Event>> history = ReviewEvent.<ReviewEvent>list("itemId in ?1", Sort.by("id"), ids).stream()
                .collect(Collectors.groupingBy(e -> e.itemId, Collectors.mapping(ReviewService::event, Collectors.toList())));
        Map<Long, List<ReviewView.Attachment>> attachments = attachments(ids);
        Map<Long, FindingView> findingViews = findings.views(items.stream().flatMap(i -> java.util.Arrays.stream(i.findingIds))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)), redactFor);
        Map<String, CaseSummary> summaries = cases.summaries(items.stream().map(i -> i.caseId).collect(Collectors.toSet()));
        Map<Long, List<ReviewView.Decision>> decided = decisionsOf(ids);
        Set<Long> closed = new HashSet<>(Campaign.<Campaign>list("id in ?1 and status = ?2",
                items.stream().map(i -> i.campaignId).distinct().toList(), Campaign.CLOSED).stream().map(c -> c.id).toList());
        OffsetDateTime now = OffsetDateTime.now();
        return items.stream().map(i -> view(i, history.getOrDefault(i.id, List.of()), attachments.getOrDefault(i.id, List.of()),
                java.util.Arrays.stream(i.findingIds).map(findingViews::get).filter(java.util.Objects::nonNull).toList(),
                summaries.get(i.caseId), decided.getOrDefault(i.id, List.of()), !closed.contains(i.campaignId), now)).toList();
    }

    private static ReviewView view(ReviewItem item, List<ReviewView.Event> history, List<ReviewView.Attachment> attachments,
                                   List<FindingView> findings, CaseSummary summary, List<ReviewView.Decision> decided,
                                   boolean campaignOpen, OffsetDateTime now) {
        ReviewStep step = ReviewStep.valueOf(item.step);
        boolean overdue = campaignOpen && step != ReviewStep.DONE && item.deadline != null && item.deadline.isBefore(now);
        return new ReviewView(item.id, item.campaignId, item.caseId, item.hospitalCode, List.of(item.findingIds), item.step,
                step.label(), List.copyOf(step.actions()), item.outcome, CampaignLabels.outcome(item.outcome), item.deadline,
                overdue, overdue ? overdueDays(item.deadline, now) : null, item.confirmedAmount, item.correctGroup, summary,
                findings, history, attachments, decided.isEmpty() ? null : decided, null);
    }

    /** The decisions at 违规处理 of the given items, by item. */
    private Map<Long, List<ReviewView.Decision>> decisionsOf(List<Long> itemIds) {
        Map<Long, List<ReviewView.Decision>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT item_id, finding_id, rule_id, family, outcome, priced_overpayment, overpayment, patient_refund,
                            correct_group, severity, severity_name, penalty_base, penalty_base_amount, penalty_multiple, penalty,
                            reason, decided_by, decided_at
                     FROM review_decision WHERE item_id = ANY(?) ORDER BY id""")) {
            ps.setArray(1, c.createArrayOf("bigint", itemIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ReviewView.Decision(
                            (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6),
                            rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15), rs.getString(16),
                            rs.getString(17), rs.getObject(18, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading review decisions failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Whole days past the deadline, at least 1 once it has passed. */
    static int overdueDays(OffsetDateTime deadline, OffsetDateTime now) {
        return (int) Math.max(1, Duration.between(deadline, now).toDays());
    }

    private static ReviewView.Event event(ReviewEvent e) {
        return new ReviewView.Event(e.step, ReviewStep.valueOf(e.step).label(), e.action, CampaignLabels.action(e.action),
                e.actor, e.at, e.reason, e.amount, e.correctGroup);
    }

    /** Attachment metadata of the given items, by item. */
    private Map<Long, List<ReviewView.Attachment>> attachments(List<Long> itemIds) {
        Map<Long, List<ReviewView.Attachment>> out = new HashMap<>();
        if (itemIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT item_id, id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
                     FROM review_attachment WHERE item_id = ANY(?) ORDER BY id""")) {
            ps.setArray(1, c.createArrayOf("bigint", itemIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ReviewView.Attachment(rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading review attachments failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The review parameters of the knowledge set in force for the campaign's first settlement month, or a 422. */
    private PolicyParameters.Review review(long campaignId) {
        Campaign campaign = Campaign.findById(campaignId);
        return CampaignService.parametersInForce(knowledge.current(), java.time.YearMonth.parse(campaign.months[0]),
                "确定专项抽查 " + campaignId + " 的审核时限").getReview();
    }
}
