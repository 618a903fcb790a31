package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns one NDJSON record into an {@link OutpatientVisit}. */
final class OutpatientVisitParser implements RecordParser<OutpatientVisit> {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private final Set<String> hospitals;

    OutpatientVisitParser(Set<String> hospitals) {
        this.hospitals = hospitals;
    }

    @Override
    public OutpatientVisit parse(JsonNode n, RecordFields f) {
        String visitId = f.text(n, "visitId", true, RecordFields.ID_LENGTH);
        String hospitalCode = f.text(n, "hospitalCode", true, RecordFields.CODE_LENGTH);
        if (hospitalCode != null && !hospitals.contains(hospitalCode)) {
            f.error("hospitalCode", "hospital '" + hospitalCode + "' is not in the hospital registry; import it first");
        }
        String patientId = f.text(n, "patientId", true, RecordFields.ID_LENGTH);
        var visitDate = f.date(n, "visitDate", true);
        String diagnosis = f.text(n, "diagnosisCode", false, RecordFields.CODE_LENGTH);
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        JsonNode c = n.get("costs");
        if (c != null && c.isObject()) {
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (CostCategory.byKey(key) == null) {
                    f.error("costs." + key, "is not a cost category; use one of " + CostCategory.keys());
                } else {
                    BigDecimal amount = f.amount(c, "costs." + key, true);
                    if (amount != null) {
                        costs.put(key, amount);
                    }
                }
            }
        } else if (c != null && !c.isNull()) {
            f.error("costs", "must be an object of category → amount");
        }
        BigDecimal total = f.amount(n, "totalCost", true);
        if (total != null && !costs.isEmpty() && !f.hasErrors()) {
            BigDecimal sum = costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.subtract(total).abs().compareTo(TOLERANCE) > 0) {
                f.error("totalCost", "is " + total.toPlainString() + " but the costs add up to " + sum.toPlainString());
            }
        }
        BigDecimal fund = f.amount(n, "fundPayment", false);
        if (fund != null && total != null && fund.compareTo(total) > 0) {
            f.error("fundPayment", "is " + fund.toPlainString() + ", more than the visit's totalCost " + total.toPlainString());
        }
        if (f.hasErrors()) {
            return null;
        }
        return new OutpatientVisit(visitId, hospitalCode, patientId, visitDate, diagnosis, costs.isEmpty() ? null : costs, total,
                fund);
    }
}
