package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.drgaudit.cases.CaseSummary;
import org.drgaudit.findings.FindingView;

/**
 * A review item as the API shows it: where it stands and by when (overdue, and by how many days started), what
 * the reviewer judges (the case's summary and its findings exactly as the findings context shows them, with their
 * money), its full history and its attachments. {@code confirmedAmount} is the overpayment confirmed at 违规处理 (the
 * sum over the item's confirmed findings); {@code decisions} are the per-finding decisions with severity and penalty;
 * {@code proposal} (one item, before it is done) is what a decision would take by default, with the penalty of each
 * severity.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(long id, long campaignId, String caseId, String hospitalCode, List<Long> findingIds, String step,
                         String stepLabel, List<String> actions, String outcome, String outcomeLabel, OffsetDateTime deadline,
                         boolean overdue, Integer overdueDays, BigDecimal confirmedAmount, String correctGroup,
                         CaseSummary caseSummary, List<FindingView> findings, List<Event> history,
                         List<Attachment> attachments, List<Decision> decisions, List<ReviewDecisions.Proposal> proposal) {

    /** One recorded step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String step, String stepLabel, String action, String actionLabel, String actor, OffsetDateTime at,
                        String reason, BigDecimal amount, String correctGroup) {
    }

    /** An appeal attachment: name, type, size and checksum. */
    public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256,
                             String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /** The decision on one finding (or on the sampled case itself) at 违规处理. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(Long findingId, String ruleId, String family, String outcome, BigDecimal pricedOverpayment,
                           BigDecimal overpayment, BigDecimal patientRefund, String correctGroup, String severity,
                           String severityName, String penaltyBase, BigDecimal penaltyBaseAmount, BigDecimal penaltyMultiple,
                           BigDecimal penalty, String reason, String decidedBy, OffsetDateTime decidedAt) {
    }

    ReviewView withProposal(List<ReviewDecisions.Proposal> p) {
        return new ReviewView(id, campaignId, caseId, hospitalCode, findingIds, step, stepLabel, actions, outcome, outcomeLabel,
                deadline, overdue, overdueDays, confirmedAmount, correctGroup, caseSummary, findings, history, attachments,
                decisions, p);
    }
}
