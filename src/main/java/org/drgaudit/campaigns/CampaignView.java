package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A campaign as the API shows it. {@code flatFrameHash} is set only for campaigns drawn before per-stratum hashes:
 * the hash published at their draw; {@code openItemsAtClose} is how many review items were left open at closing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(long id, String name, String status, List<String> months, Integer hospitalLevel,
                           List<String> hospitalCodes, List<String> groupPrefixes, List<String> families,
                           BigDecimal randomShare, int minPerHospital, int maxSuspicious, long seed, boolean extrapolate,
                           String frameHash, String flatFrameHash,
                           Integer frameSize, String createdBy, OffsetDateTime createdAt, String drawnBy,
                           OffsetDateTime drawnAt, String closedBy, OffsetDateTime closedAt, Integer openItemsAtClose) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.id, c.name, c.status, list(c.months), c.hospitalLevel == null ? null : (int) c.hospitalLevel,
                list(c.hospitalCodes), list(c.groupPrefixes), list(c.families), c.randomShare, c.minPerHospital,
                c.maxSuspicious, c.seed, c.extrapolate, c.frameHash, c.flatFrameHash, c.frameSize, c.createdBy, c.createdAt,
                c.drawnBy, c.drawnAt, c.closedBy, c.closedAt, c.openItemsAtClose);
    }

    private static List<String> list(String[] values) {
        return values == null ? null : List.of(values);
    }
}
