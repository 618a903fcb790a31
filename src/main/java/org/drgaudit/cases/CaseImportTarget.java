package org.drgaudit.cases;

import java.util.List;
import org.drgaudit.shared.CopyRows;

/** Settled cases go to {@code settled_case}; replaced versions to {@code settled_case_history}. */
final class CaseImportTarget implements ImportTarget<SettledCase> {

    @Override
    public String table() {
        return "settled_case";
    }

    @Override
    public String keyColumn() {
        return "case_id";
    }

    @Override
    public String keyField() {
        return "caseId";
    }

    @Override
    public List<String> columns() {
        return List.of("case_id", "hospital_code", "patient_id", "patient_bucket", "settlement_month",
                "admission_time", "discharge_time", "drg_code", "total_cost");
    }

    @Override
    public void writeColumns(SettledCase c, CopyRows row) {
        row.value(c.caseId()).value(c.hospitalCode()).value(c.patientId())
                .value(ImportTarget.patientBucket(c.patientId()))
                .value(c.settlementMonth().atDay(1))
                .value(c.admissionTime()).value(c.dischargeTime())
                .value(c.groupCode()).value(c.totalCost().toPlainString());
    }

    @Override
    public boolean keepsHistory() {
        return true;
    }
}
