package org.drgaudit.knowledge;

import java.util.List;
import java.util.Map;

/**
 * An ADRG (核心疾病诊断相关组) with its MDC, name and entry codes: the principal-diagnosis list
 * ({@code adrg_zd}), every procedure list ({@code adrg_ss…}) together, and each named list as the
 * grouping conditions refer to it.
 */
public record AdrgEntry(String code, String mdc, String name, List<String> principalDiagnoses, List<String> procedures,
                        Map<String, List<String>> lists) {
}
