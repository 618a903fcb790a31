package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.drgaudit.knowledge.PolicyParameters;

/**
 * The clearing policy of one region and year as the calculator needs it: the method, the budget and
 * its reserve, how points and rates are counted, what a confirmed finding costs, the assessment grades
 * and the one-vote veto. Built from the parameters file, or directly in tests.
 */
public record ClearingRules(Method method, BigDecimal annualBudget, BigDecimal reserveShare, BigDecimal pointsPerWeight,
                            Map<String, BigDecimal> baseRates, BigDecimal incompleteStayCostRatio,
                            BigDecimal splitEarlierStayFactor, Map<String, BigDecimal> penaltyBasePoints,
                            BigDecimal depositShare, List<Grade> grades, BigDecimal vetoShare, String vetoGrade) {

    /** 点数法 (points within a regional budget) or 费率法 (weight × base rate × coefficient). */
    public enum Method {
        POINT("点数法"), RATE("费率法");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An assessment grade: the lowest score that reaches it and the share of the quality deposit it forfeits. */
    public record Grade(String name, BigDecimal minScore, BigDecimal deductionShare) {
    }

    public static ClearingRules from(PolicyParameters p) {
        PolicyParameters.Clearing c = p.getClearing();
        return new ClearingRules(Method.valueOf(p.getPayment().getMethod()), c.getAnnualBudget(), c.getReserveShare(),
                c.getPointsPerWeight(), Map.copyOf(p.getPayment().getBaseRates()), c.getIncompleteStayCostRatio(),
                c.getSplitEarlierStayFactor(), Map.copyOf(c.getPenaltyBasePoints()), c.getDepositShare(),
                c.getGrades().stream().map(g -> new Grade(g.getName(), g.getMinScore(), g.getDeductionShare())).toList(),
                c.getVetoShare(), c.getVetoGrade());
    }

    /** The budget less the reserve (风险调节金), to the cent: what the point method shares out. */
    public BigDecimal distributable() {
        return annualBudget.multiply(BigDecimal.ONE.subtract(reserveShare)).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal penaltyMultiple(String family) {
        BigDecimal m = family == null ? null : penaltyBasePoints.get(family);
        return m == null ? BigDecimal.ZERO : m;
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

    /** The base rate of an insurance type (rate method). */
    public BigDecimal baseRate(String insuranceType) {
        BigDecimal rate = baseRates.get(insuranceType);
        if (rate == null) {
            throw new IllegalArgumentException("No base rate for insurance type '" + insuranceType + "'; the parameters have "
                    + baseRates.keySet());
        }
        return rate;
    }
}
