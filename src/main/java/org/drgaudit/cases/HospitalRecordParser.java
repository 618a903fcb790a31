package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Turns one NDJSON record into a {@link HospitalRecord}. */
final class HospitalRecordParser implements RecordParser<HospitalRecord> {

    @Override
    public HospitalRecord parse(JsonNode n, RecordFields f) {
        String code = f.text(n, "code", true);
        String name = f.text(n, "name", true);
        Integer level = f.integer(n, "level", true, 1, 3);
        String type = f.text(n, "type", false);
        String region = f.text(n, "region", true);
        String alliance = f.text(n, "allianceCode", false);
        BigDecimal coefficient = f.decimal(n, "coefficient", true, 4);
        if (coefficient != null && coefficient.signum() == 0) {
            f.error("coefficient", "must be greater than zero");
        }
        return f.hasErrors() ? null : new HospitalRecord(code, name, level, type, region, alliance, coefficient);
    }
}
