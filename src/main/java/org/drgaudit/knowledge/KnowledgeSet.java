package org.drgaudit.knowledge;

import java.time.LocalDate;
import java.util.Map;

/**
 * One dated set of the knowledge base for a region (知识库版本): the grouper version whose tables group and regroup its
 * cases, the group catalogue that weighs and prices them, and the policy parameters the rules read, all in force from
 * {@code effectiveFrom} to {@code effectiveTo}. A parameters file anchors the set: it names its period, its
 * {@code grouperVersion} and its {@code catalogue}. A case is judged, regrouped and priced with the set in force on its
 * discharge date, and with no other: a date no set covers is reported, never judged with a neighbouring year's set.
 *
 * @param name the parameters file's name (e.g. {@code demo-2025})
 */
public record KnowledgeSet(String name, PolicyParameters parameters, GrouperTables grouper, Map<String, GroupEntry> catalogue) {

    public String region() {
        return parameters.getRegion();
    }

    public LocalDate effectiveFrom() {
        return parameters.getEffectiveFrom();
    }

    public LocalDate effectiveTo() {
        return parameters.getEffectiveTo();
    }

    public String grouperVersion() {
        return parameters.getGrouperVersion();
    }

    public String catalogueName() {
        return parameters.getCatalogue();
    }

    public boolean covers(LocalDate date) {
        return parameters.covers(date);
    }

    /** What a finding records: parameters / grouper version / catalogue, e.g. {@code demo-2025 / CHS-DRG-2.0 / demo-2025}. */
    public String label() {
        return name + " / " + grouperVersion() + " / " + catalogueName();
    }

    /** "2025-01-01 至 2025-12-31". */
    public String period() {
        return effectiveFrom() + " 至 " + effectiveTo();
    }

    /** "demo-2025（2025-01-01 至 2025-12-31，CHS-DRG-2.0）": how a message names the set. */
    public String describe() {
        return name + "（" + period() + "，" + grouperVersion() + "）";
    }
}
