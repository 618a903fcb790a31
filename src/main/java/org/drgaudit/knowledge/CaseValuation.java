package org.drgaudit.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.shared.DomainException;

/**
 * Values a stored case with the payment terms of its region and date (the same {@link PaymentTerms} the rules price
 * findings with): what the fund owes by the claimed group, by another group, and what the claimed group's base points
 * are worth. Review uses it to price a correct group the reviewer names and a penalty on base points.
 */
@ApplicationScoped
public class CaseValuation {

    @Inject
    KnowledgeService knowledge;

    /** A case valued: the parameters in force, the catalogue, the claimed group and what the fund owes by it. */
    public record Valued(String caseId, PolicyParameters policy, PaymentTerms terms, Map<String, GroupEntry> catalogue,
                         GroupEntry claimed, String insuranceType, BigDecimal coefficient, BigDecimal totalCost,
                         BigDecimal patientShare, PaymentTerms.CaseValue paid) {

        /** What the fund owes by the claimed group, to the cent; null when that group is not in the catalogue. */
        public BigDecimal claimedFundPays() {
            return paid == null ? null : paid.fundPaysRounded();
        }

        /** The overpayment if the case should have been paid by another group (never negative). */
        public BigDecimal overpaymentAgainst(GroupEntry other) {
            if (paid == null) {
                throw DomainException.badRequest("病例 " + caseId + " 的申报病组不在本地区病组目录 " + policy.getCatalogue()
                        + " 中，无法按正确病组计算多支付金额；请直接给出 overpayment。");
            }
            BigDecimal by = terms.value(other, insuranceType, coefficient, totalCost, patientShare).fundPays();
            return PaymentTerms.money(paid.fundPays().subtract(by).max(BigDecimal.ZERO));
        }

        /** A group of the catalogue by code, or a 400 naming the catalogue. */
        public GroupEntry group(String code) {
            GroupEntry g = catalogue.get(code);
            if (g == null) {
                throw DomainException.badRequest("病组 " + code + " 不在本地区病组目录 " + policy.getCatalogue()
                        + " 中。Group '" + code + "' is not in catalogue " + policy.getCatalogue() + ".");
            }
            return g;
        }

        /** The claimed group's base points valued in yuan (weight × base rate, no coefficient); null when not in the catalogue. */
        public BigDecimal basePointsValue() {
            return claimed == null ? null : PaymentTerms.money(terms.basePointsValue(claimed, insuranceType));
        }
    }

    /**
     * Values a case of a hospital in a region with the given coefficient, with the knowledge set in force on its
     * discharge date; a 422 saying what is missing when no set covers that date.
     */
    public Valued value(SettledCase c, String region, BigDecimal coefficient) {
        KnowledgeSnapshot kb = knowledge.current();
        LocalDate date = c.dischargeTime().toLocalDate();
        KnowledgeSet set = kb.requireSet(region, date, "为病例 " + c.caseId() + " 计价");
        PolicyParameters policy = set.parameters();
        PaymentTerms terms = policy.paymentTerms();
        Map<String, GroupEntry> catalogue = set.catalogue();
        GroupEntry claimed = c.groupCode() == null ? null : catalogue.get(c.groupCode());
        String insurance = c.insuranceType() == null ? "EMPLOYEE" : c.insuranceType().name();
        BigDecimal share = PaymentTerms.patientShare(c);
        PaymentTerms.CaseValue paid = claimed == null ? null : terms.value(claimed, insurance, coefficient, c.totalCost(), share);
        return new Valued(c.caseId(), policy, terms, catalogue, claimed, insurance, coefficient, c.totalCost(), share, paid);
    }
}
