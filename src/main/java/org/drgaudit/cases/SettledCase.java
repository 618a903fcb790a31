package org.drgaudit.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * One settled inpatient case (结算清单) in the data contract of DESIGN §4. Field names are ours; the
 * national 4101 upload field each corresponds to is given in the design.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettledCase(
        String caseId,
        String hospitalCode,
        String patientId,
        InsuranceType insuranceType,
        Sex sex,
        Integer ageYears,
        Integer ageDays,
        Integer birthWeightGrams,
        LocalDateTime admissionTime,
        LocalDateTime dischargeTime,
        Integer losDays,
        AdmissionRoute admissionRoute,
        DischargeMethod dischargeMethod,
        Boolean plannedReadmission,
        String department,
        String attendingDoctor,
        Diagnosis principalDiagnosis,
        List<Diagnosis> secondaryDiagnoses,
        List<Procedure> procedures,
        BigDecimal ventilatorHours,
        BigDecimal icuHours,
        List<IcuStay> icuStays,
        Map<String, BigDecimal> costs,
        BigDecimal totalCost,
        BigDecimal fundPayment,
        BigDecimal selfPay,
        BigDecimal outOfPocket,
        LocalDate settlementDate,
        Grouping grouping) {

    public enum InsuranceType { EMPLOYEE, RESIDENT }

    public enum Sex { M, F }

    public enum AdmissionRoute { EMERGENCY, OUTPATIENT, TRANSFER, OTHER }

    public enum DischargeMethod { ROUTINE, TRANSFER_HOSPITAL, TRANSFER_COMMUNITY, AGAINST_ADVICE, DEATH, OTHER }

    /** A coded diagnosis; admissionCondition 1 有, 2 临床未确定, 3 情况不明, 4 无. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diagnosis(String code, String name, Integer admissionCondition) {
    }

    /** A coded procedure (医保版 ICD-9-CM-3) with the day it was done. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Procedure(String code, String name, LocalDate date, Boolean principal, Boolean anaesthesia,
                            String operatorCode) {
    }

    /** Ward type of an ICU record as the settlement list names it (重症监护病房类型); ICU is the general ICU (综合). */
    public enum IcuWard { CCU, NICU, ECICU, SICU, PICU, RICU, ICU, OTHER }

    /**
     * One ICU record of the settlement list (icuinfo): the ward, when the patient went in and came out, and the
     * duration the hospital recorded for it (hours; optional, must agree with the times).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IcuStay(IcuWard wardType, LocalDateTime inTime, LocalDateTime outTime, BigDecimal hours) {
    }

    /** The group the payment platform paid the case by, e.g. DRG / CHS-DRG-1.1 / FM19. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grouping(String scheme, String version, String code, String name, BigDecimal weight) {
    }

    public YearMonth settlementMonth() {
        return YearMonth.from(settlementDate);
    }

    public List<Diagnosis> secondaryDiagnosesOrEmpty() {
        return secondaryDiagnoses == null ? List.of() : secondaryDiagnoses;
    }

    public List<Procedure> proceduresOrEmpty() {
        return procedures == null ? List.of() : procedures;
    }

    public List<IcuStay> icuStaysOrEmpty() {
        return icuStays == null ? List.of() : icuStays;
    }

    public BigDecimal cost(CostCategory category) {
        if (costs == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal amount = costs.get(category.key());
        return amount == null ? BigDecimal.ZERO : amount;
    }

    public String groupCode() {
        return grouping == null ? null : grouping.code();
    }
}
