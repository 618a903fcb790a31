package org.drgaudit.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * An outpatient visit (门诊就诊), used to see costs shifted out of an inpatient stay. {@code fundPayment} is what the
 * fund paid of it (统筹基金支付, optional): the part of shifted spending the fund recovers; the rest is the patient's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutpatientVisit(String visitId, String hospitalCode, String patientId, LocalDate visitDate,
                              String diagnosisCode, Map<String, BigDecimal> costs, BigDecimal totalCost,
                              BigDecimal fundPayment) {
}
