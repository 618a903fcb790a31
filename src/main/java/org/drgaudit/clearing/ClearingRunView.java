package org.drgaudit.clearing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A clearing run as the API shows it: where it stands, what it corrects or is corrected by, and the region's totals. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClearingRunView(long id, String region, int year, String status, String statusLabel, String method,
                              String methodLabel, Long correctsRunId, List<Long> correctedByRunIds, int kbVersion,
                              BigDecimal budget, BigDecimal distributable, BigDecimal totalPoints, BigDecimal pointValue,
                              BigDecimal totalDue, BigDecimal retained, BigDecimal totalBalance, List<String> notes,
                              int hospitalCount, int findingCount,
                              String createdBy, OffsetDateTime createdAt, String computedBy, OffsetDateTime computedAt,
                              String finalisedBy, OffsetDateTime finalisedAt) {
}
