package org.drgaudit.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A case as a reviewer judges it at a glance: patient, stay, how it came and went, the coded diagnoses and
 * procedures, the group it was paid by, and what it cost. The whole record is {@code GET /api/cases/{caseId}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseSummary(String caseId, int version, String hospitalCode, String patientId, String insuranceType,
                          String sex, Integer ageYears, Integer ageDays, LocalDateTime admissionTime,
                          LocalDateTime dischargeTime, Integer losDays, String admissionRoute, String dischargeMethod,
                          Boolean plannedReadmission, String department, SettledCase.Diagnosis principalDiagnosis,
                          List<SettledCase.Diagnosis> secondaryDiagnoses, List<SettledCase.Procedure> procedures,
                          SettledCase.Grouping grouping, BigDecimal totalCost, BigDecimal fundPayment, BigDecimal selfPay,
                          BigDecimal outOfPocket, LocalDate settlementDate) {

    static CaseSummary of(SettledCase c, int version) {
        return new CaseSummary(c.caseId(), version, c.hospitalCode(), c.patientId(), name(c.insuranceType()), name(c.sex()),
                c.ageYears(), c.ageDays(), c.admissionTime(), c.dischargeTime(), c.losDays(), name(c.admissionRoute()),
                name(c.dischargeMethod()), c.plannedReadmission(), c.department(), c.principalDiagnosis(),
                c.secondaryDiagnosesOrEmpty(), c.proceduresOrEmpty(), c.grouping(), c.totalCost(), c.fundPayment(),
                c.selfPay(), c.outOfPocket(), c.settlementDate());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
