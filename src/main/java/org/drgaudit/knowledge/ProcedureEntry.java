package org.drgaudit.knowledge;

/** A 医保版 ICD-9-CM-3 procedure: sex restriction and whether it is an operating-room procedure. */
public record ProcedureEntry(String code, String name, String sex, boolean operatingRoom) {
}
