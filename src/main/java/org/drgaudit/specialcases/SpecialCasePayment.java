package org.drgaudit.specialcases;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.drgaudit.knowledge.CaseValuation;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;

/**
 * What an approved special case is paid <em>beyond</em> what clearing already values it at, by the method the
 * parameters name for its category, with the region's {@link PaymentTerms} (the valuation the rules and clearing use):
 * under the point method in points (and their value at the year's pricing point value, 预算点值), under the rate
 * method in yuan. Never negative: a special case is never paid less than its group.
 *
 * <ul>
 * <li>{@code GROUP_PLUS_EXCESS}: the group payment × (cost ratio − {@code highCostRatio}) × ratio on top of the group
 *     payment (the cost above the high-outlier threshold, in the group's own units);</li>
 * <li>{@code FULL_GROUP}: the full group payment instead of the low-cost scaling (the difference);</li>
 * <li>{@code ITEMS_AT_RATIO}: total cost × ratio (less the patient's share where the region nets it) where that is more
 *     than what the group pays (an ungrouped case: all of it).</li>
 * </ul>
 */
public final class SpecialCasePayment {

    private static final MathContext PRECISE = MathContext.DECIMAL128;

    private SpecialCasePayment() {
    }

    /** The extra payment: points under the point method (null under the rate method) and yuan, with the formula. */
    public record Payment(String method, BigDecimal ratio, BigDecimal extraPoints, BigDecimal extraAmount, String explanation) {
    }

    public static String methodLabel(String method) {
        return switch (method) {
            case PolicyParameters.SpecialCase.GROUP_PLUS_EXCESS -> "病组支付＋超出高倍率界值部分追加";
            case PolicyParameters.SpecialCase.FULL_GROUP -> "按病组全额支付";
            case PolicyParameters.SpecialCase.ITEMS_AT_RATIO -> "按项目比例支付";
            default -> method;
        };
    }

    public static Payment of(SpecialCaseCategory category, PolicyParameters.CategoryPayment how, BigDecimal highCostRatio,
                             CaseValuation.Valued v) {
        PaymentTerms terms = v.terms();
        boolean points = terms.method() == PaymentTerms.Method.POINT;
        String head = category.label() + "（" + methodLabel(how.getMethod()) + "）：";
        return switch (how.getMethod()) {
            case PolicyParameters.SpecialCase.GROUP_PLUS_EXCESS -> groupPlusExcess(head, how, highCostRatio, v, points);
            case PolicyParameters.SpecialCase.FULL_GROUP -> fullGroup(head, how, v, points);
            case PolicyParameters.SpecialCase.ITEMS_AT_RATIO -> itemsAtRatio(head, how, v, points);
            default -> throw new IllegalArgumentException("Unknown special-case payment method " + how.getMethod());
        };
    }

    private static Payment groupPlusExcess(String head, PolicyParameters.CategoryPayment how, BigDecimal highCostRatio,
                                           CaseValuation.Valued v, boolean points) {
        GroupEntry g = group(v);
        PaymentTerms.CaseValue full = v.terms().value(g, v.insuranceType(), v.coefficient(), null, null);
        BigDecimal costRatio = v.totalCost().divide(g.standardCost(), PRECISE);
        BigDecimal excess = costRatio.subtract(highCostRatio).max(BigDecimal.ZERO);
        BigDecimal unit = points ? full.points() : full.payment();
        BigDecimal extra = unit.multiply(excess).multiply(how.getRatio());
        String text = head + "总费用 " + money(v.totalCost()) + " 元为病组 " + g.code() + " 标准费用 " + money(g.standardCost()) + " 元的 "
                + plain(costRatio.setScale(4, RoundingMode.HALF_UP)) + " 倍，超出高倍率界值 " + plain(highCostRatio) + " 倍 "
                + plain(excess.setScale(4, RoundingMode.HALF_UP)) + " 倍；在病组支付（" + formula(v, g) + " = "
                + plain(round(unit, points)) + unit(points) + "）之外追加 " + plain(round(unit, points)) + " × "
                + plain(excess.setScale(4, RoundingMode.HALF_UP)) + " × 支付比例 " + percent(how.getRatio());
        return result(how, extra, v, points, text);
    }

    private static Payment fullGroup(String head, PolicyParameters.CategoryPayment how, CaseValuation.Valued v, boolean points) {
        GroupEntry g = group(v);
        PaymentTerms.CaseValue full = v.terms().value(g, v.insuranceType(), v.coefficient(), null, v.patientShare());
        PaymentTerms.CaseValue paid = v.paid();
        BigDecimal fullUnit = points ? full.points() : full.fundPays();
        BigDecimal paidUnit = points ? paid.points() : paid.fundPays();
        if (!paid.scaled()) {
            return result(how, BigDecimal.ZERO, v, points, head + "病例总费用 " + money(v.totalCost()) + " 元未低于病组 " + g.code()
                    + " 标准费用的折算比例，清算已按病组全额支付（" + plain(round(fullUnit, points)) + unit(points) + "），不另追加");
        }
        String text = head + "总费用 " + money(v.totalCost()) + " 元低于病组 " + g.code() + " 标准费用 " + money(g.standardCost())
                + " 元的 " + percent(v.terms().lowCostPaidByRatio()) + "，清算按费用比例支付 " + plain(round(paidUnit, points)) + unit(points)
                + "；认定后按病组全额支付（" + formula(v, g) + " = " + plain(round(fullUnit, points)) + unit(points) + "），补足差额 "
                + plain(round(fullUnit, points)) + " − " + plain(round(paidUnit, points));
        return result(how, fullUnit.subtract(paidUnit).max(BigDecimal.ZERO), v, points, text);
    }

    private static Payment itemsAtRatio(String head, PolicyParameters.CategoryPayment how, CaseValuation.Valued v, boolean points) {
        PaymentTerms terms = v.terms();
        BigDecimal items = v.totalCost().multiply(how.getRatio());
        BigDecimal netted = terms.netPatientShare() && v.patientShare() != null ? v.patientShare() : BigDecimal.ZERO;
        BigDecimal itemsFund = items.subtract(netted).max(BigDecimal.ZERO);
        BigDecimal groupFund = v.paid() == null ? BigDecimal.ZERO : v.paid().fundPays();
        BigDecimal extraYuan = itemsFund.subtract(groupFund).max(BigDecimal.ZERO);
        String text = head + "按项目支付 总费用 " + money(v.totalCost()) + " 元 × " + percent(how.getRatio())
                + (netted.signum() > 0 ? " − 患者个人负担 " + money(netted) + " 元" : "") + " = " + money(itemsFund) + " 元"
                + (v.paid() == null ? "，病例未入组（病组 " + (v.claimed() == null ? "未知" : v.claimed().code()) + " 不在目录内），清算未计"
                + (points ? "点数" : "金额") + "，全额按此支付"
                : "，病组 " + v.claimed().code() + " 已支付 " + money(groupFund) + " 元，" + (extraYuan.signum() > 0 ? "补足差额"
                : "按项目不高于病组支付，不另追加"));
        BigDecimal extra = points ? extraYuan.divide(terms.pointValue(v.insuranceType()), PRECISE) : extraYuan;
        if (points && extraYuan.signum() > 0) {
            text += "，按预算点值 " + plain(terms.pointValue(v.insuranceType()).setScale(4, RoundingMode.HALF_UP)) + " 元/点折算";
        }
        return result(how, extra, v, points, text);
    }

    /** Rounds the extra once (points to 4 decimals, yuan to the cent) and says what it is. */
    private static Payment result(PolicyParameters.CategoryPayment how, BigDecimal extra, CaseValuation.Valued v, boolean points,
                                  String text) {
        if (points) {
            BigDecimal p = extra.setScale(4, RoundingMode.HALF_UP);
            BigDecimal yuan = extra.multiply(v.terms().pointValue(v.insuranceType())).setScale(2, RoundingMode.HALF_UP);
            return new Payment(how.getMethod(), how.getRatio(), p, yuan, text + " = 追加 " + plain(p) + " 点（按预算点值约 " + money(yuan)
                    + " 元；清算时按年终点值支付）");
        }
        BigDecimal yuan = extra.setScale(2, RoundingMode.HALF_UP);
        return new Payment(how.getMethod(), how.getRatio(), null, yuan, text + " = 追加 " + money(yuan) + " 元");
    }

    private static GroupEntry group(CaseValuation.Valued v) {
        if (v.claimed() == null) {
            throw DomainException.conflict("病例 " + v.caseId() + " 的病组不在本地区病组目录 " + v.policy().getCatalogue()
                    + " 中，不能按病组计算特例单议支付；未入组病例请按“未入组”（按项目比例）认定。");
        }
        return v.claimed();
    }

    private static String formula(CaseValuation.Valued v, GroupEntry g) {
        PaymentTerms t = v.terms();
        if (t.method() == PaymentTerms.Method.POINT) {
            return "权重 " + plain(g.weight()) + " × " + plain(t.pointsPerWeight()) + " 点 × 医院系数 " + plain(v.coefficient());
        }
        return "权重 " + plain(g.weight()) + " × 基础费率 " + money(t.baseRate(v.insuranceType())) + " 元 × 医院系数 " + plain(v.coefficient());
    }

    private static BigDecimal round(BigDecimal v, boolean points) {
        return v.setScale(points ? 4 : 2, RoundingMode.HALF_UP);
    }

    private static String unit(boolean points) {
        return points ? " 点" : " 元";
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal share) {
        return plain(share.movePointRight(2)) + "%";
    }
}
