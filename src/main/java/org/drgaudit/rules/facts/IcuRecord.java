package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One ICU record of a stay as the rules and the evidence show it: the ward, the times in and out, the hours between
 * them, and how many of those hours fall inside the stay (a record from another stay has none).
 */
public record IcuRecord(String wardType, LocalDateTime inTime, LocalDateTime outTime, BigDecimal hours,
                        BigDecimal hoursInStay) {
}
