package org.drgaudit.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The alliance referral exemptions of SA-03 and the ICU tolerance of HC-05 are parameters of the region: read from the
 * parameters file, matched by direction and diagnosis prefix, and refused with their path when wrong.
 */
class ReferralExemptionParametersTest {

    private static final String FILE = "parameters/demo-2024.yaml";
    private static final String DEMO_EXEMPTION = "- {name: 下转接续康复护理, direction: DOWN}";

    private static PolicyParameters.SplitAdmission load(UnaryOperator<String> edit) {
        SortedMap<String, String> files = KnowledgeService.readFolder(Path.of("knowledge-base"));
        files.put(FILE, edit.apply(files.get(FILE)));
        return KnowledgeSnapshot.parse(1, "KB", files).policies().get(0).getSplitAdmission();
    }

    @Test
    void theDemoRegionExemptsDownReferralsForAnyDiagnosisAndNothingElse() {
        PolicyParameters.SplitAdmission split = load(UnaryOperator.identity());
        assertEquals("下转接续康复护理", split.referralExemption("DOWN", "I63.900").getName());
        assertNull(split.referralExemption("UP", "J18.900"));
        assertNull(split.referralExemption("SAME", "J18.900"));
    }

    @Test
    void anExemptionWithDiagnosisPrefixesCoversOnlyThoseDiagnoses() {
        PolicyParameters.SplitAdmission split = load(t -> t.replace(DEMO_EXEMPTION,
                "- {name: 下转康复, direction: DOWN, principalDiagnoses: [Z50, I69]}"));
        assertEquals("下转康复", split.referralExemption("DOWN", "Z50.000x001").getName());
        assertEquals("下转康复", split.referralExemption("DOWN", "I69.300").getName());
        assertNull(split.referralExemption("DOWN", "I63.900"));
    }

    @Test
    void aWrongExemptionIsRefusedWithItsPath() {
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class,
                () -> load(t -> t.replace(DEMO_EXEMPTION, "- {name: 平转, direction: SIDEWAYS}\n    - {direction: UP}")));
        String messages = e.errors().toString();
        org.junit.jupiter.api.Assertions.assertTrue(messages.contains(
                "splitAdmission.allianceReferralExemptions[0].direction: must be UP, DOWN or SAME, not 'SIDEWAYS'"), messages);
        org.junit.jupiter.api.Assertions.assertTrue(messages.contains(
                "splitAdmission.allianceReferralExemptions[1].name: every exemption needs a name"), messages);
    }

    @Test
    void theIcuToleranceIsRequired() {
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class,
                () -> KnowledgeSnapshot.parse(1, "KB", withFile(t -> t.replace("  icuRecordToleranceHours: 1\n", ""))));
        org.junit.jupiter.api.Assertions.assertTrue(e.errors().toString().contains("highCoding.icuRecordToleranceHours"), e.errors().toString());
        assertEquals(0, BigDecimal.ONE.compareTo(KnowledgeSnapshot.parse(1, "KB", withFile(UnaryOperator.identity()))
                .policies().get(0).getHighCoding().getIcuRecordToleranceHours()));
    }

    private static SortedMap<String, String> withFile(UnaryOperator<String> edit) {
        SortedMap<String, String> files = KnowledgeService.readFolder(Path.of("knowledge-base"));
        files.put(FILE, edit.apply(files.get(FILE)));
        return files;
    }
}
