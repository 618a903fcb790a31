package org.drgaudit.clearing;

import java.math.BigDecimal;

/**
 * A hospital's year outside its cases: the coefficient (医院系数), the monthly advances actually paid and the
 * quality deposit withheld from them (imported), the annual assessment score and the agreed annual total (约定总额)
 * a grade's deduction applies to where the region says so (null when not imported).
 */
public record HospitalAccount(String hospitalCode, String name, BigDecimal coefficient, BigDecimal advancesPaid,
                              BigDecimal depositWithheld, BigDecimal assessmentScore, BigDecimal agreedTotal) {
}
