package org.drgaudit.campaigns;

import java.util.Map;

/**
 * The Chinese names of the codes campaigns and reviews use (statuses, sampling reasons, review actions and
 * outcomes, rule families and result types), for exports and views a user reads. An unknown code shows as itself.
 */
final class CampaignLabels {

    private static final Map<String, String> STATUS = Map.of("DRAFT", "草稿", "SAMPLED", "已抽样", "IN_REVIEW", "审核中",
            "CLOSED", "已结束");
    private static final Map<String, String> REASON = Map.of("RANDOM", "随机抽取", "VIOLATION", "明确违规疑点",
            "SUSPICIOUS", "可疑疑点（按金额）");
    private static final Map<String, String> ACTION = Map.of("CONFIRM", "确认", "DISMISS", "不予认定", "APPEAL", "申诉",
            "ACCEPT", "认可", "INVESTIGATE", "调查核实", "CLOSE_NOT_APPEALED", "逾期未申诉");
    private static final Map<String, String> OUTCOME = Map.of("CONFIRMED", "认定违规", "DISMISSED", "不予认定");
    private static final Map<String, String> REVIEW_STATUS = Map.of("UNREVIEWED", "未审核", "IN_REVIEW", "审核中",
            "CONFIRMED", "认定违规", "DISMISSED", "不予认定");
    private static final Map<String, String> RESULT_TYPE = Map.of("VIOLATION", "明确违规", "SUSPICIOUS", "可疑");
    private static final Map<String, String> FAMILY = Map.of("high-coding", "高套分组", "mismatch", "诊断与操作不符",
            "split-admission", "分解住院", "too-little-service", "服务不足", "data-quality", "数据质量", "special-case", "特例单议");

    private CampaignLabels() {
    }

    static String status(String code) {
        return label(STATUS, code);
    }

    static String reason(String code) {
        return label(REASON, code);
    }

    static String action(String code) {
        return label(ACTION, code);
    }

    static String outcome(String code) {
        return label(OUTCOME, code);
    }

    static String reviewStatus(String code) {
        return label(REVIEW_STATUS, code);
    }

    static String resultType(String code) {
        return label(RESULT_TYPE, code);
    }

    static String family(String code) {
        return label(FAMILY, code);
    }

    static String step(String code) {
        try {
            return code == null ? null : ReviewStep.valueOf(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String label(Map<String, String> labels, String code) {
        return code == null ? null : labels.getOrDefault(code, code);
    }
}
