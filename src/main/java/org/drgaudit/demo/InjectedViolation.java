package org.drgaudit.demo;

/**
 * A violation the generator plants on purpose, and the rule that should find it. The label file
 * written beside the cases lists each planted case with its rule, so detection can be measured.
 */
public enum InjectedViolation {
    HC_01("HC-01", "high-coding", "病组严重程度无并发症支持"),
    HC_02("HC-02", "high-coding", "唯一并发症无诊疗痕迹"),
    HC_03("HC-03", "high-coding", "病组重于按编码分组结果"),
    HC_04("HC-04", "high-coding", "呼吸机时长不足96小时"),
    HC_05("HC-05", "high-coding", "重症监护时长无入住记录"),
    DP_01("DP-01", "mismatch", "性别不符"),
    DP_02("DP-02", "mismatch", "年龄不符"),
    DP_03("DP-03", "mismatch", "外科病组无手术"),
    DP_04("DP-04", "mismatch", "主要诊断不得为主诊断"),
    DP_05("DP-05", "mismatch", "操作日期在住院期外"),
    SA_01("SA-01", "split-admission", "窗口期内同 ADRG 再入院"),
    SA_02("SA-02", "split-admission", "24小时内再入院"),
    SA_03("SA-03", "split-admission", "医共体内转院"),
    TL_01("TL-01", "too-little-service", "低倍率"),
    TL_02("TL-02", "too-little-service", "低标准入院"),
    TL_03("TL-03", "too-little-service", "费用转门诊"),
    TL_04("TL-04", "too-little-service", "全自费比例过高"),
    SC_01("SC-01", "special-case", "高倍率");

    private final String ruleId;
    private final String family;
    private final String label;

    InjectedViolation(String ruleId, String family, String label) {
        this.ruleId = ruleId;
        this.family = family;
        this.label = label;
    }

    public String ruleId() {
        return ruleId;
    }

    public String family() {
        return family;
    }

    public String label() {
        return label;
    }
}
