package org.drgaudit.clearing;

/**
 * The kinds of statement line, each with its role: valuation lines (the year's cases, approved special cases'
 * extra payment, overspend sharing and the rounding of the budget's share) make up the amount due; deductions
 * (confirmed overpayments, penalties, extrapolations, the grade's consequence) come off it; notices (refunds the
 * hospital owes its patients, next year's reduction, special cases still under review) are shown and do not move the
 * balance.
 */
public enum LineKind {
    ORDINARY_CASES("普通病例", Role.VALUATION),
    INCOMPLETE_STAY("费用不足额病例", Role.VALUATION),
    UNGROUPED("目录外病例", Role.VALUATION),
    SPECIAL_CASE("特例单议", Role.VALUATION),
    OVERSPEND_SHARED("超支分担", Role.VALUATION),
    ROUNDING("分配尾差", Role.VALUATION),
    OVERPAYMENT("认定多支付金额", Role.DEDUCTION),
    PENALTY("违约金", Role.DEDUCTION),
    EXTRAPOLATION("抽查外推扣款", Role.DEDUCTION),
    DEPOSIT_FORFEITED("质量保证金扣减", Role.DEDUCTION),
    DEPOSIT_HELD("质量保证金暂缓返还", Role.DEDUCTION),
    ANNUAL_TOTAL_DEDUCTION("约定总额扣减", Role.DEDUCTION),
    PATIENT_REFUND("应退还参保人", Role.NOTICE),
    NEXT_YEAR_REDUCTION("次年约定总额降低", Role.NOTICE),
    SPECIAL_CASE_PENDING("特例单议待认定", Role.NOTICE);

    /** How a line counts: towards the amount due, off it, or not at all. */
    public enum Role { VALUATION, DEDUCTION, NOTICE }

    private final String label;
    private final Role role;

    LineKind(String label, Role role) {
        this.label = label;
        this.role = role;
    }

    public String label() {
        return label;
    }

    public Role role() {
        return role;
    }

    /** Whether the line counts towards the amount due (valuation) rather than coming off it. */
    public boolean partOfDue() {
        return role == Role.VALUATION;
    }

    /** Whether the line comes off the amount due. */
    public boolean deduction() {
        return role == Role.DEDUCTION;
    }
}
