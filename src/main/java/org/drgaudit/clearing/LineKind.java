package org.drgaudit.clearing;

/**
 * The kinds of statement line. Lines that value the year (cases, and the regroup, penalty and split corrections of
 * confirmed findings) make up the amount due; money deductions (a confirmed amount without a group or multiple,
 * extrapolations, the deposit) come off it afterwards.
 */
public enum LineKind {
    ORDINARY_CASES("普通病例", true),
    INCOMPLETE_STAY("费用不足额病例", true),
    UNGROUPED("目录外病例", true),
    REGROUP("按正确病组支付", true),
    PENALTY("违规扣点", true),
    SPLIT_EARLIER_STAY("分解住院前次住院折算", true),
    SAME_CASE("同一病例已扣减", true),
    ROUNDING("分配尾差", true),
    CONFIRMED_AMOUNT("认定违规金额", false),
    EXTRAPOLATION("抽查外推扣款", false),
    DEPOSIT_FORFEITED("质量保证金扣减", false),
    DEPOSIT_HELD("质量保证金暂缓返还", false);

    private final String label;
    private final boolean partOfDue;

    LineKind(String label, boolean partOfDue) {
        this.label = label;
        this.partOfDue = partOfDue;
    }

    public String label() {
        return label;
    }

    /** Whether the line counts towards the amount due (valuation) rather than coming off it. */
    public boolean partOfDue() {
        return partOfDue;
    }

    /** Whether the line prices a confirmed finding (what the one-vote veto counts). */
    public boolean findingCost() {
        return this == REGROUP || this == PENALTY || this == SPLIT_EARLIER_STAY || this == CONFIRMED_AMOUNT;
    }
}
