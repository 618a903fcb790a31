package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drgaudit.cases.SettledCase.AdmissionRoute;
import org.drgaudit.cases.SettledCase.Diagnosis;
import org.drgaudit.cases.SettledCase.DischargeMethod;
import org.drgaudit.cases.SettledCase.Grouping;
import org.drgaudit.cases.SettledCase.IcuStay;
import org.drgaudit.cases.SettledCase.IcuWard;
import org.drgaudit.cases.SettledCase.InsuranceType;
import org.drgaudit.cases.SettledCase.Procedure;
import org.drgaudit.cases.SettledCase.Sex;

/** Turns one NDJSON record into a {@link SettledCase}, checking every rule of DESIGN §4. */
final class CaseRecordParser implements RecordParser<SettledCase> {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    /** An ICU record's duration may differ from its in and out times by this much (minutes rounded into hours). */
    private static final BigDecimal ICU_HOURS_TOLERANCE = BigDecimal.ONE;
    private final Set<String> hospitals;

    CaseRecordParser(Set<String> hospitals) {
        this.hospitals = hospitals;
    }

    @Override
    public SettledCase parse(JsonNode n, RecordFields f) {
        String caseId = f.text(n, "caseId", true, RecordFields.ID_LENGTH);
        String hospitalCode = f.text(n, "hospitalCode", true, RecordFields.CODE_LENGTH);
        if (hospitalCode != null && !hospitals.contains(hospitalCode)) {
            f.error("hospitalCode", "hospital '" + hospitalCode + "' is not in the hospital registry; import it first");
        }
        String patientId = f.text(n, "patientId", true, RecordFields.ID_LENGTH);
        var insuranceType = f.enumValue(n, "insuranceType", InsuranceType.class, false);
        var sex = f.enumValue(n, "sex", Sex.class, false);
        Integer ageYears = f.integer(n, "ageYears", false, 0, 150);
        Integer ageDays = f.integer(n, "ageDays", false, 0, 366);
        Integer birthWeight = f.integer(n, "birthWeightGrams", false, 100, 9000);
        var admission = f.dateTime(n, "admissionTime", true);
        var discharge = f.dateTime(n, "dischargeTime", true);
        Integer los = f.integer(n, "losDays", false, 0, 3650);
        if (admission != null && discharge != null) {
            if (discharge.isBefore(admission)) {
                f.error("dischargeTime", "discharge " + discharge + " is before admission " + admission);
            } else if (los != null) {
                long days = ChronoUnit.DAYS.between(admission.toLocalDate(), discharge.toLocalDate());
                if (Math.abs(days - los) > 1) {
                    f.error("losDays", "is " + los + " but admission and discharge are " + days + " days apart");
                }
            }
        }
        var route = f.enumValue(n, "admissionRoute", AdmissionRoute.class, false);
        var method = f.enumValue(n, "dischargeMethod", DischargeMethod.class, false);
        Boolean planned = f.bool(n, "plannedReadmission");
        String department = f.text(n, "department", false, RecordFields.ID_LENGTH);
        String attendingDoctor = f.text(n, "attendingDoctor", false, RecordFields.ID_LENGTH);
        Diagnosis principal = diagnosis(n.get("principalDiagnosis"), "principalDiagnosis", f);
        List<Diagnosis> secondary = list(n, "secondaryDiagnoses", f, (node, path) -> diagnosis(node, path, f));
        List<Procedure> procedures = list(n, "procedures", f, (node, path) -> procedure(node, path, f));
        BigDecimal ventilator = f.decimal(n, "ventilatorHours", false, 2, RecordFields.MAX_HOURS);
        BigDecimal icu = f.decimal(n, "icuHours", false, 2, RecordFields.MAX_HOURS);
        List<IcuStay> icuStays = list(n, "icuStays", f, (node, path) -> icuStay(node, path, f));
        Map<String, BigDecimal> costs = costs(n.get("costs"), f);
        BigDecimal total = f.amount(n, "totalCost", true);
        if (total != null && costs != null) {
            BigDecimal sum = costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.subtract(total).abs().compareTo(TOLERANCE) > 0) {
                f.error("totalCost", "is " + total.toPlainString() + " but the costs add up to " + sum.toPlainString());
            }
        }
        BigDecimal fund = f.amount(n, "fundPayment", false);
        if (fund != null && total != null && fund.compareTo(total) > 0) {
            f.error("fundPayment", "fund payment " + fund.toPlainString() + " exceeds the total cost " + total.toPlainString());
        }
        BigDecimal selfPay = f.amount(n, "selfPay", false);
        BigDecimal outOfPocket = f.amount(n, "outOfPocket", false);
        if (outOfPocket != null && total != null && outOfPocket.compareTo(total) > 0) {
            f.error("outOfPocket", "full self-pay " + outOfPocket.toPlainString() + " exceeds the total cost " + total.toPlainString());
        }
        var settlementDate = f.date(n, "settlementDate", true);
        if (settlementDate != null && discharge != null && settlementDate.isBefore(discharge.toLocalDate())) {
            f.error("settlementDate", "settlement " + settlementDate + " is before the discharge on " + discharge.toLocalDate()
                    + "; a stay is settled at or after discharge");
        }
        Grouping grouping = grouping(n.get("grouping"), f);
        if (f.hasErrors()) {
            return null;
        }
        return new SettledCase(caseId, hospitalCode, patientId, insuranceType, sex, ageYears, ageDays, birthWeight,
                admission, discharge, los, route, method, planned, department, attendingDoctor, principal, secondary, procedures,
                ventilator, icu, icuStays, costs, total, fund, selfPay, outOfPocket, settlementDate, grouping);
    }

    private static Diagnosis diagnosis(JsonNode node, String path, RecordFields f) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            f.error(path, "must be an object {code, name, admissionCondition}");
            return null;
        }
        String code = f.text(node, path + ".code", true, RecordFields.CODE_LENGTH);
        String name = f.text(node, path + ".name", false);
        Integer condition = f.integer(node, path + ".admissionCondition", false, 1, 4);
        return code == null ? null : new Diagnosis(code, name, condition);
    }

    private static Procedure procedure(JsonNode node, String path, RecordFields f) {
        if (node == null || !node.isObject()) {
            f.error(path, "must be an object {code, name, date, principal, anaesthesia, operatorCode}");
            return null;
        }
        String code = f.text(node, path + ".code", true, RecordFields.CODE_LENGTH);
        String name = f.text(node, path + ".name", false);
        var date = f.date(node, path + ".date", false);
        Boolean principal = f.bool(node, path + ".principal");
        Boolean anaesthesia = f.bool(node, path + ".anaesthesia");
        String operator = f.text(node, path + ".operatorCode", false, RecordFields.ID_LENGTH);
        return code == null ? null : new Procedure(code, name, date, principal, anaesthesia, operator);
    }

    /** One ICU record (icuinfo): ward type, in and out times in order, and a duration that agrees with them. */
    private static IcuStay icuStay(JsonNode node, String path, RecordFields f) {
        if (node == null || !node.isObject()) {
            f.error(path, "must be an object {wardType, inTime, outTime, hours}");
            return null;
        }
        IcuWard ward = f.enumValue(node, path + ".wardType", IcuWard.class, true);
        LocalDateTime in = f.dateTime(node, path + ".inTime", true);
        LocalDateTime out = f.dateTime(node, path + ".outTime", true);
        BigDecimal hours = f.decimal(node, path + ".hours", false, 2, RecordFields.MAX_HOURS);
        if (in != null && out != null) {
            if (out.isBefore(in)) {
                f.error(path + ".outTime", "leaving the ICU at " + out + " is before entering it at " + in);
            } else if (hours != null) {
                BigDecimal between = BigDecimal.valueOf(Duration.between(in, out).toMinutes())
                        .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
                if (hours.subtract(between).abs().compareTo(ICU_HOURS_TOLERANCE) > 0) {
                    f.error(path + ".hours", "is " + hours.toPlainString() + " but inTime and outTime are "
                            + between.toPlainString() + " hours apart");
                }
            }
        }
        return ward == null || in == null || out == null ? null : new IcuStay(ward, in, out, hours);
    }

    private static Grouping grouping(JsonNode node, RecordFields f) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            f.error("grouping", "must be an object {scheme, version, code, name, weight}");
            return null;
        }
        String scheme = f.text(node, "grouping.scheme", false, RecordFields.CODE_LENGTH);
        if (scheme != null && !scheme.equals("DRG") && !scheme.equals("DIP")) {
            f.error("grouping.scheme", "must be DRG or DIP, not '" + scheme + "'");
        }
        String version = f.text(node, "grouping.version", false, RecordFields.CODE_LENGTH);
        String code = f.text(node, "grouping.code", true, RecordFields.CODE_LENGTH);
        String name = f.text(node, "grouping.name", false);
        JsonNode w = node.get("weight");
        if (w != null && !w.isNull() && !w.isNumber()) {
            f.error("grouping.weight", "must be a non-negative number, not " + RecordFields.shown(w));
            return new Grouping(scheme, version, code, name, null);
        }
        // checked like any decimal, stored as written (the content hash of re-uploads stays what it was)
        BigDecimal weight = f.decimal(node, "grouping.weight", false, 4, RecordFields.MAX_WEIGHT);
        return new Grouping(scheme, version, code, name, weight == null ? null : w.decimalValue());
    }

    private static Map<String, BigDecimal> costs(JsonNode node, RecordFields f) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            f.error("costs", "must be an object of category → amount");
            return null;
        }
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (CostCategory c : CostCategory.values()) {
            if (node.has(c.key())) {
                BigDecimal amount = f.amount(node, "costs." + c.key(), true);
                if (amount != null) {
                    costs.put(c.key(), amount);
                }
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (CostCategory.byKey(key) == null) {
                f.error("costs." + key, "is not a cost category; use one of " + CostCategory.keys());
            }
        }
        return costs;
    }

    private interface ElementParser<T> {
        T parse(JsonNode node, String path);
    }

    /** Diagnoses or procedures of one stay (a settlement list has far fewer). */
    private static final int MAX_LIST = 100;

    private static <T> List<T> list(JsonNode n, String field, RecordFields f, ElementParser<T> element) {
        JsonNode node = f.list(n, field, MAX_LIST);
        if (node == null) {
            return null;
        }
        List<T> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            T t = element.parse(node.get(i), field + "[" + i + "]");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
