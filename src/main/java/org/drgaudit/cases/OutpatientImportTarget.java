package org.drgaudit.cases;

import java.util.List;
import org.drgaudit.shared.CopyRows;

/** Outpatient visits go to {@code outpatient_visit}; a replaced visit is overwritten. */
final class OutpatientImportTarget implements ImportTarget<OutpatientVisit> {

    @Override
    public String table() {
        return "outpatient_visit";
    }

    @Override
    public String keyColumn() {
        return "visit_id";
    }

    @Override
    public String keyField() {
        return "visitId";
    }

    @Override
    public List<String> columns() {
        return List.of("visit_id", "hospital_code", "patient_id", "patient_bucket", "visit_date", "total_cost");
    }

    @Override
    public void writeColumns(OutpatientVisit v, CopyRows row) {
        row.value(v.visitId()).value(v.hospitalCode()).value(v.patientId())
                .value(ImportTarget.patientBucket(v.patientId()))
                .value(v.visitDate()).value(v.totalCost().toPlainString());
    }

    @Override
    public boolean keepsHistory() {
        return false;
    }
}
