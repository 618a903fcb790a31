package org.drgaudit.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What a layout reader makes of an official table folder: the files of the grouper folder in the
 * knowledge base's layout, and what the rest of the import needs from them (ADRGs with their MDC,
 * DRGs with their names, entry codes, the procedures that count as valid OR procedures).
 *
 * @param files      file name → text, written to {@code grouper/<version>/}
 * @param mdcOfAdrg  ADRG → MDC, in table order
 * @param groups     DRG code → name, in table order
 * @param entries    every entry code: {adrg, list, code}
 */
record ImportedGrouper(String layout, SortedMap<String, String> files, Map<String, String> mdcOfAdrg,
                       Map<String, String> groups, List<String[]> entries, Set<String> orProcedures, List<String> notes) {
}
