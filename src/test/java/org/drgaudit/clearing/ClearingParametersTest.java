package org.drgaudit.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.drgaudit.knowledge.KnowledgeBaseInvalidException;
import org.drgaudit.knowledge.KnowledgeError;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;
import org.junit.jupiter.api.Test;

/** The clearing section of the parameters file: read into typed values, and refused with file and field when wrong. */
class ClearingParametersTest {

    private static final String FILE = "parameters/demo-2024.yaml";

    private static KnowledgeSnapshot load(UnaryOperator<String> edit) {
        SortedMap<String, String> files = KnowledgeService.readFolder(Path.of("knowledge-base"));
        files.put(FILE, edit.apply(files.get(FILE)));
        return KnowledgeSnapshot.parse(1, "KB", files);
    }

    /** The faults of the edited file; the first is the file's own (the ones after follow from its refusal). */
    private static List<String> errors(UnaryOperator<String> edit) {
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class, () -> load(edit));
        return e.errors().stream().map(x -> (KnowledgeError) x).map(x -> x.file() + ": " + x.message()).toList();
    }

    @Test
    void theDemoParametersGiveThePointMethodWithTheSeedsGradesAndVeto() {
        PolicyParameters p = load(UnaryOperator.identity()).policies().get(0);
        ClearingRules rules = ClearingRules.from(p);
        assertEquals(PaymentTerms.Method.POINT, rules.method());
        assertEquals(new BigDecimal("646000000.00"), rules.distributable());
        assertEquals(0, new BigDecimal("115").compareTo(rules.pointValueCeiling()));
        assertEquals(0, new BigDecimal("120").compareTo(rules.terms().pointValue("EMPLOYEE")));
        assertEquals(0, new BigDecimal("2").compareTo(p.getPenalties().multiple("high-coding", "GRAVE")));
        assertEquals(0, BigDecimal.ZERO.compareTo(p.getPenalties().multiple("too-little-service", "MINOR")));
        assertEquals(List.of("MINOR", "SERIOUS", "GRAVE"), List.copyOf(p.getPenalties().getSeverities().keySet()));
        assertEquals("良好", rules.gradeFor(new BigDecimal("70")).name());
        assertEquals("合格", rules.gradeFor(new BigDecimal("69.99")).name());
        assertEquals("不合格", rules.gradeFor(new BigDecimal("12")).name());
        assertEquals(0, new BigDecimal("0.30").compareTo(rules.grade(rules.vetoGrade()).deductionShare()));
        assertEquals(0, new BigDecimal("0.005").compareTo(rules.vetoShare()));
    }

    @Test
    void aWrongOrMissingClearingValueIsRefusedWithItsFileAndField() {
        assertEquals(FILE + ": value clearing.reserveShare: must be between 0 and 1 (exclusive of 1), got 1.5",
                errors(t -> t.replace("reserveShare: 0.05", "reserveShare: 1.5")).get(0));
        assertEquals(FILE + ": value 'clearing.vetoGrade' is missing",
                errors(t -> t.replace("  vetoGrade: 不合格\n", "")).get(0));
        assertEquals(FILE + ": value clearing.vetoGrade: '差' is not one of the grades [优秀, 良好, 合格, 不合格]",
                errors(t -> t.replace("vetoGrade: 不合格", "vetoGrade: 差")).get(0));
        assertEquals(FILE + ": value clearing.grades: the lowest band must start at minScore 0 so that every score has a grade",
                errors(t -> t.replace("{name: 不合格, minScore: 0,", "{name: 不合格, minScore: 10,")).get(0));
        assertEquals(FILE + ": value payment.method: must be POINT or RATE, not 'DIP'",
                errors(t -> t.replace("method: POINT", "method: DIP")).get(0));
        assertEquals(FILE + ": value payment.netPatientShare: netting the patient's share applies to the rate method (RATE) only; "
                + "remove it or set it to false under POINT", errors(t -> t.replace("netPatientShare: false", "netPatientShare: true")).get(0));
        assertEquals(FILE + ": value penalties.multiples.mismatch.GRAVE: must be a number ≥ 0",
                errors(t -> t.replace("mismatch: {MINOR: 0, SERIOUS: 0.5, GRAVE: 1}", "mismatch: {MINOR: 0, SERIOUS: 0.5}")).get(0));
        assertEquals(FILE + ": value penalties.multiples.special-case: special cases (特例单议) are never violations and carry no penalty; remove it",
                errors(t -> t.replace("    data-quality: {MINOR: 0, SERIOUS: 0, GRAVE: 0}", "    data-quality: {MINOR: 0, SERIOUS: 0, GRAVE: 0}\n    special-case: {MINOR: 0, SERIOUS: 0, GRAVE: 0}")).get(0));
        assertEquals(FILE + ": value splitAdmission.overpaymentMethod: must be one of [EARLIER_STAY_FACTOR, LATER_STAY, MERGED_EPISODE], not 'HALF'",
                errors(t -> t.replace("overpaymentMethod: EARLIER_STAY_FACTOR", "overpaymentMethod: HALF")).get(0));
        assertEquals(FILE + ": value clearing.gradeConsequence: must be DEPOSIT or ANNUAL_TOTAL, not 'BUDGET'",
                errors(t -> t.replace("gradeConsequence: DEPOSIT", "gradeConsequence: BUDGET")).get(0));
    }
}
