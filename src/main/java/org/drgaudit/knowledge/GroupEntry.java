package org.drgaudit.knowledge;

import java.math.BigDecimal;

/** One DRG of a region's catalogue: weight (RW), standard cost and average length of stay. */
public record GroupEntry(String code, String name, BigDecimal weight, BigDecimal standardCost, BigDecimal avgLos) {

    /** The ADRG: the first three characters (BR2 of BR21). */
    public String adrg() {
        return code.length() >= 3 ? code.substring(0, 3) : code;
    }

    /** Severity digit: 1 with MCC, 3 with CC, 5 without, 9 not split. */
    public char severity() {
        return code.length() >= 4 ? code.charAt(3) : '9';
    }

    /** Surgical groups have an ADRG type letter A–J (外科手术组). */
    public boolean surgical() {
        return code.length() >= 2 && code.charAt(1) >= 'A' && code.charAt(1) <= 'J';
    }
}
