package org.drgaudit.specialcases;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.drgaudit.shared.DomainException;

/**
 * What a hospital declares a case as (申报类别). The codes are the keys of the parameters' {@code specialCase.payment};
 * 极低费用 and 极短住院 only where the region treats them as special cases ({@code specialCase.lowOutliers}).
 */
public enum SpecialCaseCategory {
    HIGH_COST("极高费用"),
    LOW_COST("极低费用"),
    SHORT_STAY("极短住院"),
    LONG_STAY("超长住院"),
    UNGROUPED("未入组"),
    NEW_TECHNOLOGY("新药品/新耗材/新技术"),
    OTHER("其他");

    private final String label;

    SpecialCaseCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The category of a code or its Chinese label, or a 400 listing them. */
    public static SpecialCaseCategory parse(String text) {
        if (text != null) {
            String t = text.strip();
            for (SpecialCaseCategory c : values()) {
                if (c.name().equalsIgnoreCase(t) || c.label.equals(t)) {
                    return c;
                }
            }
        }
        throw DomainException.badRequest("申报类别 category 须为 " + Arrays.stream(values()).map(c -> c.name() + "（" + c.label + "）")
                .collect(Collectors.joining("、")) + " 之一，不是 '" + text + "'。Field 'category' must be one of "
                + Arrays.toString(values()) + ".");
    }
}
