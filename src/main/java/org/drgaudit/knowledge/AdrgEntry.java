package org.drgaudit.knowledge;

/** An ADRG (核心疾病诊断相关组) with its MDC, name and entry codes. */
public record AdrgEntry(String code, String mdc, String name, java.util.List<String> principalDiagnoses,
                        java.util.List<String> procedures) {
}
