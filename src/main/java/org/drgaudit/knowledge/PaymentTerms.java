package org.drgaudit.knowledge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * How a region values a case in a year (the parameters' {@code payment} section): the payment method, the base rates
 * per insurance type, the points per weight, the low-cost scaling and whether the fund nets the patient's share. One
 * valuation serves both the rules, which price what a finding overpaid, and year-end clearing, which values the
 * hospitals' cases, so a finding's overpayment and the clearing's view of the same case cannot drift apart.
 *
 * <p>Under the point method a yuan amount is points × the year's pricing point value (base rate ÷ points per weight,
 * the 预算点值): that is the value at which a finding's overpayment is fixed when it is priced, decided at 违规处理 and
 * deducted at clearing, whatever the year's final point value turns out to be.
 */
public record PaymentTerms(Method method, Map<String, BigDecimal> baseRates, BigDecimal pointsPerWeight,
                           BigDecimal lowCostPaidByRatio, boolean netPatientShare) {

    private static final MathContext PRECISE = MathContext.DECIMAL128;

    /** 点数法 (points within a regional budget) or 费率法 (weight × base rate × coefficient). */
    public enum Method {
        POINT("点数法"), RATE("费率法");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A case valued by a group. {@code points} are null under the rate method; {@code ratio} is the cost ratio a
     * low-cost case is scaled by (null when paid in full); {@code payment} is the full value in yuan at the year's
     * rates and {@code fundPays} what the fund owes of it (the payment less the patient's share where the region nets
     * it). Amounts are exact; money is rounded once, where it is reported.
     */
    public record CaseValue(GroupEntry group, BigDecimal points, BigDecimal ratio, BigDecimal payment,
                            BigDecimal patientShare, BigDecimal fundPays) {

        public boolean scaled() {
            return ratio != null;
        }

        /** What the fund owes, to the cent. */
        public BigDecimal fundPaysRounded() {
            return money(fundPays);
        }
    }

    /** The base rate of an insurance type; EMPLOYEE when the case does not say. */
    public BigDecimal baseRate(String insuranceType) {
        String type = insuranceType == null ? "EMPLOYEE" : insuranceType;
        BigDecimal rate = baseRates.get(type);
        if (rate == null) {
            throw new IllegalArgumentException("No base rate for insurance type '" + type + "'; the parameters have "
                    + baseRates.keySet());
        }
        return rate;
    }

    /** The yuan value of one point for an insurance type: base rate ÷ points per weight (the pricing point value). */
    public BigDecimal pointValue(String insuranceType) {
        return baseRate(insuranceType).divide(pointsPerWeight, PRECISE);
    }

    /** Whether a case of this cost is paid by its cost ratio in this group (费用不足额 / 低倍率). */
    public boolean paidByRatio(GroupEntry g, BigDecimal totalCost) {
        return lowCostPaidByRatio != null && totalCost != null && g.standardCost() != null && g.standardCost().signum() > 0
                && totalCost.compareTo(g.standardCost().multiply(lowCostPaidByRatio)) < 0;
    }

    /** The value of a case by a group, with the low-cost scaling and, where the region nets it, the patient's share. */
    public CaseValue value(GroupEntry g, String insuranceType, BigDecimal coefficient, BigDecimal totalCost,
                           BigDecimal patientShare) {
        BigDecimal ratio = paidByRatio(g, totalCost) ? totalCost.divide(g.standardCost(), PRECISE).min(BigDecimal.ONE) : null;
        BigDecimal scale = ratio == null ? BigDecimal.ONE : ratio;
        BigDecimal points = method == Method.POINT ? g.weight().multiply(pointsPerWeight).multiply(coefficient).multiply(scale) : null;
        BigDecimal payment = g.weight().multiply(baseRate(insuranceType)).multiply(coefficient).multiply(scale);
        BigDecimal netted = netPatientShare && patientShare != null ? patientShare : BigDecimal.ZERO;
        BigDecimal fundPays = payment.subtract(netted).max(BigDecimal.ZERO);
        return new CaseValue(g, points, ratio, payment, netPatientShare ? netted : null, fundPays);
    }

    /** The base points of a group (weight × points per weight, no coefficient) valued in yuan: weight × base rate. */
    public BigDecimal basePointsValue(GroupEntry g, String insuranceType) {
        return g.weight().multiply(baseRate(insuranceType));
    }

    /** "权重 1.452 × 基础费率 12000 元 × 医院系数 1.0" (or with points under the point method). */
    public String formula(GroupEntry g, String insuranceType, BigDecimal coefficient) {
        if (method == Method.POINT) {
            return "权重 " + plain(g.weight()) + " × " + plain(pointsPerWeight) + " 点 × 医院系数 " + plain(coefficient)
                    + " × 预算点值 " + plain(pointValue(insuranceType).setScale(4, RoundingMode.HALF_UP)) + " 元";
        }
        return "权重 " + plain(g.weight()) + " × 基础费率 " + plain(baseRate(insuranceType)) + " 元 × 医院系数 " + plain(coefficient);
    }

    /**
     * What the patient bore of a stay: total cost less the fund's payment when the case gives it, else self-pay plus
     * out-of-pocket; null when the case records neither (nothing is then netted).
     */
    public static BigDecimal patientShare(org.drgaudit.cases.SettledCase c) {
        if (c.fundPayment() != null) {
            return c.totalCost().subtract(c.fundPayment());
        }
        if (c.selfPay() == null && c.outOfPocket() == null) {
            return null;
        }
        return (c.selfPay() == null ? BigDecimal.ZERO : c.selfPay()).add(c.outOfPocket() == null ? BigDecimal.ZERO : c.outOfPocket());
    }

    public static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
