package org.drgaudit.campaigns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps two confirmed findings on one case's payment from recovering the same money twice. Each claim says from whose
 * payments it takes how much ({@code parts}: case id → amount) and, for a split admission paid at a factor, that
 * factor. Claims that take an amount off one payment are alternatives (two regroupings of one case price the same
 * money: the larger stands); so are two factors (a stay is the earlier stay of one episode, however many findings
 * describe that episode: the strictest factor stands); a factor applies to what the amounts leave. So on a payment
 * {@code pay} the right total to recover is {@code pay − (pay − Δ*) × F}, with Δ* the largest amount and F the smallest
 * factor claimed, and a new claim proposes only what earlier claims have not yet recovered of that total.
 */
final class PaymentOverlap {

    private PaymentOverlap() {
    }

    /** One finding's (or decision's) claim on case payments. */
    record Claim(String label, Map<String, BigDecimal> parts, BigDecimal factor) {
    }

    /** What a fresh claim should still take from each case, given the earlier claims and each case's payment (null: unknown). */
    static Map<String, BigDecimal> remaining(Claim fresh, List<Claim> earlier, Map<String, BigDecimal> payments) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        fresh.parts().forEach((caseId, part) -> {
            List<Claim> onCase = earlier.stream().filter(c -> c.parts().containsKey(caseId)).toList();
            if (onCase.isEmpty()) {
                out.put(caseId, part);
                return;
            }
            BigDecimal largest = fresh.factor() == null ? part : BigDecimal.ZERO;
            BigDecimal factor = fresh.factor() == null ? BigDecimal.ONE : fresh.factor();
            BigDecimal recovered = BigDecimal.ZERO;
            for (Claim c : onCase) {
                BigDecimal p = c.parts().get(caseId);
                recovered = recovered.add(p);
                if (c.factor() == null) {
                    largest = largest.max(p);
                } else {
                    factor = factor.min(c.factor());
                }
            }
            BigDecimal pay = payments.get(caseId);
            BigDecimal truth;
            if (factor.compareTo(BigDecimal.ONE) == 0) {
                truth = largest;
            } else if (pay == null) {
                out.put(caseId, part); // a factor without a known payment cannot be combined; the reviewer decides
                return;
            } else {
                truth = pay.subtract(pay.subtract(largest).max(BigDecimal.ZERO).multiply(factor));
            }
            out.put(caseId, truth.subtract(recovered).max(BigDecimal.ZERO).min(part).setScale(2, RoundingMode.HALF_UP));
        });
        return out;
    }

    static BigDecimal total(Map<String, BigDecimal> parts) {
        return parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }
}
