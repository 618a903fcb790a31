package org.drgaudit.specialcases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.drgaudit.cases.SettledCase;

/**
 * What the special-case API shows. Staff see a declaration whole ({@link Full}); a hospital sees its own without who
 * the experts are; an expert sees only what is assigned to them, and blind ({@link Blind}): a type with no field that
 * names the hospital, the case, the patient, the declaring user or the other experts, so nothing can leak by mistake.
 */
public final class SpecialCaseViews {

    private SpecialCaseViews() {
    }

    /** A declaration as staff (and, without the experts' identities, its hospital) see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Full(long id, String caseId, String hospitalCode, String hospitalName, String region, String period,
                       String settlementMonth, String category, String categoryLabel, String reason, Long findingId,
                       String groupCode, BigDecimal totalCost, String status, String statusLabel, String declaredBy,
                       OffsetDateTime declaredAt, Long seed, String assignedBy, OffsetDateTime assignedAt,
                       OffsetDateTime reviewDeadline, Boolean reviewOverdue, OffsetDateTime decisionDeadline,
                       Boolean decisionOverdue, List<Expert> experts, List<Opinion> opinions, Integer approvals,
                       Integer rejections, String decidedBy, OffsetDateTime decidedAt, String decisionNote, Payment payment,
                       List<Attachment> attachments, List<Event> history) {
    }

    /** An assigned expert (staff only): who, specialty and hospital, the SHA-256 key that drew them, their opinion. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expert(String expert, String displayName, String specialty, String hospitalCode, String drawKey,
                         OffsetDateTime deadline, boolean overdue, String opinion, String opinionLabel, String reason,
                         OffsetDateTime at) {
    }

    /** An opinion without the expert (what the declaring hospital sees once the declaration is decided). */
    public record Opinion(String opinion, String opinionLabel, String reason, OffsetDateTime at) {
    }

    /** The extra payment of an approved declaration: points (point method) and yuan, with the formula. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payment(String method, String methodLabel, BigDecimal ratio, BigDecimal extraPoints, BigDecimal extraAmount,
                          String explanation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256, String uploadedBy,
                             OffsetDateTime uploadedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String step, String stepLabel, String action, String actionLabel, String actor, OffsetDateTime at,
                        String reason, Map<String, Object> detail) {
    }

    /** A declaration as an assigned expert sees it: the case's clinical facts and the hospital's reason, nothing that names it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blind(long id, String period, String category, String categoryLabel, String reason, String status,
                        String statusLabel, BlindCase kase, OffsetDateTime deadline, boolean overdue, String myOpinion,
                        String myOpinionLabel, String myReason, OffsetDateTime myOpinionAt, List<BlindAttachment> attachments) {
    }

    /** The case without hospital, case id, patient, dates to the minute or the operators' codes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlindCase(String insuranceType, String sex, Integer ageYears, Integer ageDays, LocalDate admissionDate,
                            LocalDate dischargeDate, Integer losDays, String admissionRoute, String dischargeMethod,
                            String department, SettledCase.Diagnosis principalDiagnosis, List<SettledCase.Diagnosis> secondaryDiagnoses,
                            List<BlindProcedure> procedures, BigDecimal ventilatorHours, BigDecimal icuHours,
                            Map<String, BigDecimal> costs, BigDecimal totalCost, String groupCode, String groupName,
                            BigDecimal weight, BigDecimal standardCost, BigDecimal costRatio) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlindProcedure(String code, String name, LocalDate date, Boolean principal, Boolean anaesthesia) {
    }

    /** An attachment without who uploaded it. */
    public record BlindAttachment(long id, String fileName, String contentType, long sizeBytes, String sha256) {
    }

    /** A special-case candidate (SC-01 finding) of a hospital and period, and its declaration if there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(long findingId, String caseId, String hospitalCode, String month, String suggestedCategory,
                            String suggestedCategoryLabel, String groupCode, BigDecimal totalCost, BigDecimal costRatio,
                            String explanation, Long declarationId, String declarationStatus) {
    }

    /**
     * A hospital's quota for a period: discharges (cases settled in the period), the share, the cap (rounded down),
     * how many are declared (withdrawn ones do not count), what remains, and the declaration window.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Quota(String hospitalCode, String period, long discharges, BigDecimal quotaShare, long cap, long used,
                        long remaining, LocalDate windowOpensOn, LocalDate windowClosesOn, LocalDate extendedUntil,
                        boolean windowOpen) {
    }

    /** Counts and extra payment of declarations, by hospital, by category, and by both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statistics(String period, Integer year, Counts total, List<HospitalCounts> byHospital,
                             List<CategoryCounts> byCategory, List<Row> rows) {
    }

    /** declared excludes withdrawn ones; pending = declared and not yet decided. */
    public record Counts(long declared, long pending, long approved, long rejected, long withdrawn, BigDecimal extraPoints,
                         BigDecimal extraAmount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HospitalCounts(String hospitalCode, Counts counts, Quota quota) {
    }

    public record CategoryCounts(String category, String label, Counts counts) {
    }

    public record Row(String hospitalCode, String category, String label, Counts counts) {
    }

    /** A declaration window kept open past its deadline (补报). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(long id, String region, String hospitalCode, String period, LocalDate openUntil, String reason,
                         String grantedBy, OffsetDateTime grantedAt) {
    }
}
