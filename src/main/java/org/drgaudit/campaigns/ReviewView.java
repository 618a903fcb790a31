package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A review item with its full history and attachments, as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(long id, long campaignId, String caseId, String hospitalCode, List<Long> findingIds, String step,
                         String stepLabel, List<String> actions, String outcome, OffsetDateTime deadline,
                         BigDecimal confirmedAmount, String correctGroup, List<Event> history,
                         List<Attachment> attachments) {

    /** One recorded step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String step, String action, String actor, OffsetDateTime at, String reason, BigDecimal amount,
                        String correctGroup) {
    }

    /** An appeal attachment: name, type, size and checksum. */
    public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256,
                             String uploadedBy, OffsetDateTime uploadedAt) {
    }
}
