package org.drgaudit.clearing;

import java.math.BigDecimal;

/**
 * A hospital's year outside its cases: the coefficient (医院系数), the monthly advances actually paid and the
 * quality deposit withheld from them (imported), and the annual assessment score (null when not imported).
 */
public record HospitalAccount(String hospitalCode, String name, BigDecimal coefficient, BigDecimal advancesPaid,
                              BigDecimal depositWithheld, BigDecimal assessmentScore) {
}
