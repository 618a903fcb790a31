package org.drgaudit.rules.facts;

import java.time.LocalDate;

/** A coded procedure of the settlement list as rules read it: code, name, date, principal flag, anaesthesia, operator. */
public record CodedProcedure(String code, String name, LocalDate date, boolean principal, boolean anaesthesia,
                             String operatorCode) {
}
