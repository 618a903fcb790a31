package org.drgaudit.specialcases;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;

/**
 * A declaration period (申报期间): a month ({@code 2024-08}) or a quarter ({@code 2024-Q3}), as the parameters'
 * {@code specialCase.declarationPeriod} says. A case belongs to the period of its settlement month; the period's
 * declarations are accepted from its first day until {@code declarationDays} after its last.
 */
public record DeclarationPeriod(String code, YearMonth first, YearMonth last) {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** The period of a settlement month under the region's period kind (MONTHLY or QUARTERLY). */
    public static DeclarationPeriod of(YearMonth month, String kind) {
        if (PolicyParameters.SpecialCase.QUARTERLY.equals(kind)) {
            int q = (month.getMonthValue() - 1) / 3;
            YearMonth first = YearMonth.of(month.getYear(), q * 3 + 1);
            return new DeclarationPeriod(month.getYear() + "-Q" + (q + 1), first, first.plusMonths(2));
        }
        return new DeclarationPeriod(month.toString(), month, month);
    }

    /** {@code 2024-08} or {@code 2024-Q3}, or a 400 saying how to write it. */
    public static DeclarationPeriod parse(String text) {
        if (text != null) {
            Matcher m = QUARTER.matcher(text.strip());
            if (m.matches()) {
                return of(YearMonth.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1),
                        PolicyParameters.SpecialCase.QUARTERLY);
            }
            try {
                return of(YearMonth.parse(text.strip()), PolicyParameters.SpecialCase.MONTHLY);
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw DomainException.badRequest("申报期间 period 须写作 YYYY-MM（按月）或 YYYY-Qn（按季），不是 '" + text
                + "'。Write the period as YYYY-MM or YYYY-Qn, e.g. 2024-08 or 2024-Q3.");
    }

    public boolean quarterly() {
        return !first.equals(last);
    }

    public LocalDate start() {
        return first.atDay(1);
    }

    /** The first day after the period. */
    public LocalDate end() {
        return last.plusMonths(1).atDay(1);
    }

    /** The last day declarations of the period are accepted by the parameters. */
    public LocalDate closesOn(int declarationDays) {
        return last.atEndOfMonth().plusDays(declarationDays);
    }

    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** A period of the other kind than the region's is refused: declarations and quotas are counted by one kind. */
    public DeclarationPeriod requireKind(String kind) {
        boolean wantQuarter = PolicyParameters.SpecialCase.QUARTERLY.equals(kind);
        if (wantQuarter != quarterly()) {
            throw DomainException.badRequest("本地区特例单议按" + (wantQuarter ? "季（YYYY-Qn）" : "月（YYYY-MM）") + "申报，不是 '" + code
                    + "'（specialCase.declarationPeriod: " + kind + "）。The region declares by " + kind + " periods.");
        }
        return this;
    }

    @Override
    public String toString() {
        return code;
    }
}
