package org.drgaudit.campaigns;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.jboss.logging.Logger;

/**
 * The review workflow over a campaign's sampled cases: each step checked against the role that may take
 * it, recorded append-only, with the next step's deadline from the parameters. Appeals not filed by
 * their deadline close as not appealed and go to the decision. Decisions mark the case's findings.
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
        List<ReviewItem> items = ReviewItem.<ReviewItem>list(q.toString(), Sort.by("id"), p);
        // one query for all histories and one for all attachments, not two per item
        List<Long> ids = items.stream().map(i -> i.id).toList();
        java.util.Map<Long, List<ReviewView.Event>> history = ids.isEmpty() ? java.util.Map.of()
                : ReviewEvent.<ReviewEvent>list("itemId in ?1", Sort.by("id"), ids).stream().collect(
                        java.util.stream.Collectors.groupingBy(e -> e.itemId, java.util.stream.Collectors.mapping(
                                ReviewService::event, java.util.stream.Collectors.toList())));
        java.util.Map<Long, List<ReviewView.Attachment>> attachments = attachments(ids);
        Map<Long, List<ReviewView.Decision>> decided = decisionsOf(ids);
        return items.stream().map(i -> view(i, history.getOrDefault(i.id, List.of()), attachments.getOrDefault(i.id, List.of()),
                decided.getOrDefault(i.id, List.of()))).toList();
    }

    @Transactional
    public ReviewView get(long id, CurrentUser user) {
        return view(visible(id, user));
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
        if (step != ReviewStep.DECISION && !"CONFIRM".equals(action) && (reason == null || reason.isEmpty())) {
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
        return view(item);
    }

    /** Appeals past their deadline close as not appealed and go to the decision (违规处理). */
    @Transactional
    public int closeOverdueAppeals(OffsetDateTime now) {
        List<ReviewItem> overdue = ReviewItem.list("step = ?1 and deadline < ?2", ReviewStep.APPEAL.name(), now);
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

    /** Stores an appeal attachment of the hospital, during its appeal step, within the size and type limits. */
    @Transactional
    public ReviewView.Attachment attach(long id, String fileName, String contentType, byte[] content, CurrentUser user) {
        ReviewItem item = visible(id, user);
        if (!ReviewStep.APPEAL.name().equals(item.step)) {
            throw DomainException.conflict("Attachments go with the appeal; item " + id + " is at " + item.step + ".");
        }
        if (!user.hasRole(Roles.HOSPITAL) && !user.hasRole(Roles.ADMIN)) {
            throw DomainException.forbidden("Only the hospital attaches evidence to its appeal.");
        }
        PolicyParameters.Review limits = review(item.campaignId);
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw DomainException.badRequest("Query parameter 'fileName' is required and must be a plain file name.");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!limits.getAttachmentTypes().contains(type)) {
            throw DomainException.badRequest("Attachment type '" + type + "' is not accepted; use one of " + limits.getAttachmentTypes() + ".");
        }
        if (content.length == 0 || content.length > limits.getAttachmentMaxMb() * 1024L * 1024L) {
            throw DomainException.badRequest("Attachment '" + fileName + "' is " + content.length + " bytes; it must be 1 byte to "
                    + limits.getAttachmentMaxMb() + " MB.");
        }
        String sha = sha256(content);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO review_attachment (item_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
                     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, uploaded_at""")) {
            ps.setLong(1, id);
            ps.setString(2, fileName);
            ps.setString(3, type);
            ps.setLong(4, content.length);
            ps.setString(5, sha);
            ps.setBytes(6, content);
            ps.setString(7, user.username());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ReviewView.Attachment(rs.getLong(1), fileName, type, content.length, sha, user.username(),
                        rs.getObject(2, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing attachment of item " + id + " failed: " + e.getMessage(), e);
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

    private ReviewView view(ReviewItem item) {
        List<ReviewView.Event> history = ReviewEvent.<ReviewEvent>list("itemId", Sort.by("id"), item.id).stream()
                .map(ReviewService::event).toList();
        ReviewView v = view(item, history, attachments(List.of(item.id)).getOrDefault(item.id, List.of()),
                decisionsOf(List.of(item.id)).getOrDefault(item.id, List.of()));
        if (ReviewStep.DONE.name().equals(item.step)) {
            return v;
        }
        return new ReviewView(v.id(), v.campaignId(), v.caseId(), v.hospitalCode(), v.findingIds(), v.step(), v.stepLabel(),
                v.actions(), v.outcome(), v.deadline(), v.confirmedAmount(), v.correctGroup(), v.history(), v.attachments(),
                v.decisions(), decisions.propose(item));
    }

    private static ReviewView view(ReviewItem item, List<ReviewView.Event> history, List<ReviewView.Attachment> attachments,
                                   List<ReviewView.Decision> decided) {
        ReviewStep step = ReviewStep.valueOf(item.step);
        return new ReviewView(item.id, item.campaignId, item.caseId, item.hospitalCode, List.of(item.findingIds), item.step,
                step.label(), List.copyOf(step.actions()), item.outcome, item.deadline, item.confirmedAmount,
                item.correctGroup, history, attachments, decided.isEmpty() ? null : decided, null);
    }

    /** The decisions at 违规处理 of the given items, by item. */
    private Map<Long, List<ReviewView.Decision>> decisionsOf(List<Long> itemIds) {
        Map<Long, List<ReviewView.Decision>> out = new java.util.HashMap<>();
        if (itemIds.isEmpty()) {
            return out;
        }
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

    private static ReviewView.Event event(ReviewEvent e) {
        return new ReviewView.Event(e.step, e.action, e.actor, e.at, e.reason, e.amount, e.correctGroup);
    }

    /** Attachment metadata of the given items, by item. */
    private java.util.Map<Long, List<ReviewView.Attachment>> attachments(List<Long> itemIds) {
        java.util.Map<Long, List<ReviewView.Attachment>> out = new java.util.HashMap<>();
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

    /** The review parameters in force for the campaign's first settlement month. */
    private PolicyParameters.Review review(long campaignId) {
        Campaign campaign = Campaign.findById(campaignId);
        java.time.LocalDate first = java.time.YearMonth.parse(campaign.months[0]).atDay(1);
        List<PolicyParameters> policies = knowledge.current().policies();
        return policies.stream().filter(p -> p.covers(first)).findFirst().orElse(policies.get(0)).getReview();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
