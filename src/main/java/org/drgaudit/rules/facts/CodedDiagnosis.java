package org.drgaudit.rules.facts;

/**
 * A coded diagnosis of the settlement list as rules read it: code, name and admission condition (入院病情: 1 有,
 * 2 临床未确定, 3 情况不明, 4 无; null when not sent).
 */
public record CodedDiagnosis(String code, String name, Integer admissionCondition) {

    /** 入院病情 4 无: the condition was not present on admission (arose during the stay). */
    public boolean isAbsentOnAdmission() {
        return admissionCondition != null && admissionCondition == 4;
    }
}
