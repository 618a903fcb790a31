package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.drgaudit.cases.CaseSummary;
import org.drgaudit.findings.FindingView;

/**
 * A review item as the API shows it: where it stands and by when (overdue, and by how many days started), what
 * the reviewer judges (the case's summary and its findings exactly as the findings context shows them), its full
 * history and its attachments.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(long id, long campaignId, String caseId, String hospitalCode, List<Long> findingIds, String step,
                         String stepLabel, List<String> actions, String outcome, String outcomeLabel, OffsetDateTime deadline,
                         boolean overdue, Integer overdueDays, BigDecimal confirmedAmount, String correctGroup,
                         CaseSummary caseSummary, List<FindingView> findings, List<Event> history,
                         List<Attachment> attachments) {

    /** One recorded step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String step, String stepLabel, String action, String actionLabel, String actor, OffsetDateTime at,
                        String reason, BigDecimal amount, String correctGroup) {
    }

    /** An appeal attachment: name, type, size and checksum. */
    public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256,
                             String uploadedBy, OffsetDateTime uploadedAt) {
    }
}
