package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;

/**
 * The clearing policy of one region and year as the calculator needs it: how cases are valued (the same
 * {@link PaymentTerms} the rules price findings with), the budget and its reserve, surplus retention (a point-value
 * ceiling) and overspend sharing, the assessment grades and what they cost (the quality deposit or the agreed annual
 * total), and the one-vote veto. Built from the parameters file, or directly in tests.
 */
public record ClearingRules(PaymentTerms terms, BigDecimal annualBudget, BigDecimal reserveShare, BigDecimal pointValueCeiling,
                            BigDecimal overspendFundShare, String gradeConsequence, List<Grade> grades, BigDecimal vetoShare,
                            String vetoGrade) {

    /** An assessment grade: the lowest score that reaches it, the share it costs and next year's reduction. */
    public record Grade(String name, BigDecimal minScore, BigDecimal deductionShare, BigDecimal nextYearReductionShare) {
    }

    public static ClearingRules from(PolicyParameters p) {
        PolicyParameters.Clearing c = p.getClearing();
        return new ClearingRules(p.paymentTerms(), c.getAnnualBudget(), c.getReserveShare(), c.getPointValueCeiling(),
                c.getOverspendFundShare(), c.getGradeConsequence(),
                c.getGrades().stream().map(g -> new Grade(g.getName(), g.getMinScore(), g.getDeductionShare(),
                        g.getNextYearReductionShare())).toList(),
                c.getVetoShare(), c.getVetoGrade());
    }

    public PaymentTerms.Method method() {
        return terms.method();
    }

    /** The budget less the reserve (风险调节金), to the cent: what the hospitals may be paid at most. */
    public BigDecimal distributable() {
        return annualBudget.multiply(BigDecimal.ONE.subtract(reserveShare)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Whether grades cost a share of the agreed annual total (seed 001) rather than of the quality deposit. */
    public boolean gradesOnAnnualTotal() {
        return PolicyParameters.Clearing.ANNUAL_TOTAL.equals(gradeConsequence);
    }

    /** The grade a score reaches: the band with the highest minimum at or below it. */
    public Grade gradeFor(BigDecimal score) {
        return grades.stream().sorted(Comparator.comparing(Grade::minScore).reversed())
                .filter(g -> score.compareTo(g.minScore()) >= 0).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Score " + score + " is below every grade band"));
    }

    public Grade grade(String name) {
        return grades.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No grade named " + name));
    }
}
