package org.drgaudit.campaigns;

import java.math.BigDecimal;

/**
 * A step taken on a review item: {@code CONFIRM} or {@code DISMISS} (初审, 复审, 违规处理), {@code APPEAL}
 * (the hospital's 申诉, with its argument in {@code reason}), {@code INVESTIGATE} (调查核实, findings in
 * {@code reason}). The final CONFIRM states the amount and, for a mis-grouped case, the correct group.
 */
public record ReviewAction(String action, String reason, BigDecimal amount, String correctGroup) {
}
