package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finding costs, as its rule prices it (REFERENCE "Money"): the fund's {@code overpayment}, the
 * {@code patientRefund} owed to the patient, or neither with the reason the money cannot be computed
 * ({@code unpricedReason}). Penalties are never priced by a rule. {@code sentence} says in Chinese how the figure was
 * reached, for the explanation.
 *
 * <p>{@code parts} say whose payment the overpayment is taken from (case id → amount; empty: the finding's last
 * case), and {@code factor} is set when the region pays those cases at a factor instead of taking an amount off
 * (a split admission's earlier stays halved). Review uses both to keep two findings on one payment from recovering
 * the same money twice.
 */
public record Price(BigDecimal overpayment, BigDecimal patientRefund, String unpricedReason, String sentence,
                    Map<String, BigDecimal> parts, BigDecimal factor) {

    /** A fund overpayment (never negative: a fund that paid too little overpaid nothing). */
    public static Price overpayment(BigDecimal amount, String sentence) {
        return new Price(cents(amount.max(BigDecimal.ZERO)), null, null, sentence, Map.of(), null);
    }

    /** An overpayment taken from the payments of several cases of an episode (split admissions). */
    public static Price overpayment(Map<String, BigDecimal> parts, BigDecimal factor, String sentence) {
        Map<String, BigDecimal> rounded = new LinkedHashMap<>();
        parts.forEach((caseId, amount) -> rounded.put(caseId, cents(amount.max(BigDecimal.ZERO))));
        BigDecimal total = rounded.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Price(cents(total), null, null, sentence, Map.copyOf(rounded), factor);
    }

    /** Money the patient was wrongly made to pay, to be returned to them; the fund overpaid nothing. */
    public static Price refund(BigDecimal amount, String sentence) {
        return new Price(BigDecimal.ZERO.setScale(2), cents(amount.max(BigDecimal.ZERO)), null, sentence, Map.of(), null);
    }

    /** A fund overpayment and a patient refund together (e.g. costs shifted to outpatient visits). */
    public static Price both(BigDecimal overpayment, BigDecimal refund, String sentence) {
        return new Price(cents(overpayment.max(BigDecimal.ZERO)), cents(refund.max(BigDecimal.ZERO)), null, sentence, Map.of(), null);
    }

    /** The money cannot be computed from the data; the finding is reviewed on its evidence. */
    public static Price unpriced(String reason) {
        return new Price(null, null, reason, "无法计算多支付金额：" + reason + "。", Map.of(), null);
    }

    public boolean priced() {
        return unpricedReason == null;
    }

    private static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
