package org.drgaudit.clearing;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drgaudit.cases.ImportError;
import org.drgaudit.cases.ImportResult;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.Months;
import org.drgaudit.shared.Ndjson;

/**
 * Imports the clearing inputs that come from outside: the monthly advances paid to each hospital with the
 * quality deposit withheld from them, and each hospital's annual assessment score. NDJSON (one record a
 * line) or a JSON array; every fault located by line (or array position) and field; a body with any bad
 * record stores nothing. Re-importing a hospital's month with other amounts keeps the earlier version as history
 * (an identical one is skipped); re-importing a year's score replaces it.
 */
@ApplicationScoped
public class ClearingImports {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KnowledgeService knowledge;

    /** An assessment score with the grade the parameters give it, and the agreed annual total when imported. */
    public record GradedScore(String hospitalCode, int year, BigDecimal score, String grade, BigDecimal agreedTotal) {
    }

    /** What an assessment import did, with the grade of each imported score. */
    public record AssessmentImport(long accepted, long skipped, long rejected, List<ImportError> errors, List<GradedScore> grades) {
    }

    private record Advance(String hospital, LocalDate month, BigDecimal advance, BigDecimal withheld) {
    }

    /** One hospital-month's amounts in one version. */
    public record AdvanceAmounts(BigDecimal advance, BigDecimal depositWithheld, BigDecimal amountPaid) {
    }

    /** A stored month replaced by an import with other amounts: the version it became, before and after. */
    public record AdvanceChange(String hospitalCode, String month, int version, AdvanceAmounts before, AdvanceAmounts after) {
    }

    /** What an advance import did: new months, identical re-imports skipped, and every month it changed. */
    public record AdvanceImport(long accepted, long skipped, long rejected, List<ImportError> errors, List<AdvanceChange> changed) {
    }

    /** One version of a hospital-month's advance; {@code replacedAt} is null for the current one. */
    public record AdvanceVersion(String hospitalCode, String month, int version, BigDecimal advance, BigDecimal depositWithheld,
                                 BigDecimal amountPaid, String importedBy, java.time.OffsetDateTime importedAt, String replacedBy,
                                 java.time.OffsetDateTime replacedAt) {
    }

    private record Score(String hospital, int year, BigDecimal score, String grade, BigDecimal agreedTotal) {
    }

    @Transactional
    public AdvanceImport importAdvances(byte[] body, String user) {
        Map<String, String> regions = regions();
        List<ImportError> errors = new ArrayList<>();
        List<Advance> advances = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (Record r : records(body, errors)) {
            Fields f = new Fields(r.line(), errors);
            String hospital = f.hospital(r.node(), regions);
            YearMonth month = f.month(r.node(), "month");
            BigDecimal advance = f.amount(r.node(), "advance", true);
            BigDecimal withheld = f.amount(r.node(), "depositWithheld", false);
            if (hospital == null || month == null || advance == null || f.failed()) {
                continue;
            }
            Long earlier = seen.putIfAbsent(hospital + "/" + month, r.line());
            if (earlier != null) {
                f.error("month", "hospital " + hospital + " month " + month + " already appears at line " + earlier);
                continue;
            }
            if (withheld == null) {
                // the deposit share of the parameters of that very year; never a neighbouring year's
                PolicyParameters p = knowledge.current().policies().stream()
                        .filter(x -> x.getRegion().equals(regions.get(hospital)) && Integer.valueOf(month.getYear()).equals(x.getYear()))
                        .findFirst().orElse(null);
                if (p == null) {
                    f.error("depositWithheld", "not given, and region '" + regions.get(hospital) + "' has no parameters for "
                            + month.getYear() + " to take the deposit share from");
                    continue;
                }
                withheld = advance.multiply(p.getClearing().getDepositShare()).setScale(2, RoundingMode.HALF_UP);
            }
            if (withheld.compareTo(advance) > 0) {
                f.error("depositWithheld", "must not exceed the advance " + advance.toPlainString() + ", got " + withheld.toPlainString());
                continue;
            }
            advances.add(new Advance(hospital, month.atDay(1), advance, withheld));
        }
        reject(errors);
        return store(advances, user);
    }

    /** New months are inserted; a changed month's stored version goes to the history first; identical ones are skipped. */
    private AdvanceImport store(List<Advance> advances, String user) {
        long accepted = 0;
        long skipped = 0;
        List<AdvanceChange> changed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement find = c.prepareStatement("""
                     SELECT advance, deposit_withheld, amount_paid, version FROM clearing_advance
                     WHERE hospital_code = ? AND month = ? FOR UPDATE""");
             PreparedStatement keep = c.prepareStatement("""
                     INSERT INTO clearing_advance_history (hospital_code, month, version, advance, deposit_withheld, amount_paid,
                         imported_by, imported_at, replaced_by)
                     SELECT hospital_code, month, version, advance, deposit_withheld, amount_paid, imported_by, imported_at, ?
                     FROM clearing_advance WHERE hospital_code = ? AND month = ?""");
             PreparedStatement replace = c.prepareStatement("""
                     UPDATE clearing_advance SET advance = ?, deposit_withheld = ?, amount_paid = ?, imported_by = ?,
                         imported_at = now(), version = version + 1
                     WHERE hospital_code = ? AND month = ?""");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO clearing_advance (hospital_code, month, advance, deposit_withheld, amount_paid, imported_by)
                     VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (Advance a : advances) {
                BigDecimal paid = a.advance().subtract(a.withheld());
                find.setString(1, a.hospital());
                find.setObject(2, a.month());
                AdvanceAmounts before = null;
                int version = 0;
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        before = new AdvanceAmounts(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3));
                        version = rs.getInt(4);
                    }
                }
                if (before == null) {
                    insert.setString(1, a.hospital());
                    insert.setObject(2, a.month());
                    insert.setBigDecimal(3, a.advance());
                    insert.setBigDecimal(4, a.withheld());
                    insert.setBigDecimal(5, paid);
                    insert.setString(6, user);
                    insert.executeUpdate();
                    accepted++;
                } else if (before.advance().compareTo(a.advance()) == 0 && before.depositWithheld().compareTo(a.withheld()) == 0) {
                    skipped++;
                } else {
                    keep.setString(1, user);
                    keep.setString(2, a.hospital());
                    keep.setObject(3, a.month());
                    keep.executeUpdate();
                    replace.setBigDecimal(1, a.advance());
                    replace.setBigDecimal(2, a.withheld());
                    replace.setBigDecimal(3, paid);
                    replace.setString(4, user);
                    replace.setString(5, a.hospital());
                    replace.setObject(6, a.month());
                    replace.executeUpdate();
                    accepted++;
                    changed.add(new AdvanceChange(a.hospital(), YearMonth.from(a.month()).toString(), version + 1, before,
                            new AdvanceAmounts(a.advance(), a.withheld(), paid)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing advances failed: " + e.getMessage(), e);
        }
        return new AdvanceImport(accepted, skipped, 0, List.of(), changed);
    }

    /** Every version of a hospital's advances (of one year, when given): per month the earlier ones, then the current. */
    public List<AdvanceVersion> advanceVersions(String hospital, Integer year) {
        List<AdvanceVersion> out = new ArrayList<>();
        String range = year == null ? "" : " AND month >= ? AND month < ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT hospital_code, month, version, advance, deposit_withheld, amount_paid, imported_by, imported_at,
                            replaced_by, replaced_at FROM clearing_advance_history WHERE hospital_code = ?%1$s
                     UNION ALL
                     SELECT hospital_code, month, version, advance, deposit_withheld, amount_paid, imported_by, imported_at,
                            NULL, NULL FROM clearing_advance WHERE hospital_code = ?%1$s
                     ORDER BY 2, 3""".formatted(range))) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
                ps.setString(i++, hospital);
                if (year != null) {
                    ps.setObject(i++, LocalDate.of(year, 1, 1));
                    ps.setObject(i++, LocalDate.of(year + 1, 1, 1));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AdvanceVersion(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)).toString(),
                            rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class), rs.getString(9),
                            rs.getObject(10, java.time.OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the advances of " + hospital + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Transactional
    public AssessmentImport importAssessments(byte[] body, String user) {
        Map<String, String> regions = regions();
        List<ImportError> errors = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (Record r : records(body, errors)) {
            Fields f = new Fields(r.line(), errors);
            String hospital = f.hospital(r.node(), regions);
            Integer year = f.year(r.node());
            BigDecimal score = f.decimal(r.node(), "score", true, new BigDecimal("1000"));
            // the agreed annual total (约定年度总额) a grade's deduction applies to where the region says so
            BigDecimal agreedTotal = f.decimal(r.node(), "agreedTotal", false, new BigDecimal("100000000000000"));
            if (hospital == null || year == null || score == null || f.failed()) {
                continue;
            }
            Long earlier = seen.putIfAbsent(hospital + "/" + year, r.line());
            if (earlier != null) {
                f.error("year", "hospital " + hospital + " year " + year + " already appears at line " + earlier);
                continue;
            }
            PolicyParameters p = knowledge.current().policies().stream()
                    .filter(x -> x.getRegion().equals(regions.get(hospital)) && year.equals(x.getYear())).findFirst().orElse(null);
            if (p == null) {
                f.error("year", "region '" + regions.get(hospital) + "' has no parameters for " + year + ", so the score has no grade");
                continue;
            }
            scores.add(new Score(hospital, year, score, p.getClearing().gradeFor(score).getName(), agreedTotal));
        }
        reject(errors);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO clearing_assessment (hospital_code, year, score, agreed_total, imported_by) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (hospital_code, year) DO UPDATE SET score = excluded.score, agreed_total = excluded.agreed_total,
                         imported_by = excluded.imported_by, imported_at = now()""")) {
            for (Score s : scores) {
                ps.setString(1, s.hospital());
                ps.setInt(2, s.year());
                ps.setBigDecimal(3, s.score());
                ps.setBigDecimal(4, s.agreedTotal());
                ps.setString(5, user);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing assessment scores failed: " + e.getMessage(), e);
        }
        return new AssessmentImport(scores.size(), 0, 0, List.of(),
                scores.stream().map(s -> new GradedScore(s.hospital(), s.year(), s.score(), s.grade(), s.agreedTotal())).toList());
    }

    private static void reject(List<ImportError> errors) {
        if (!errors.isEmpty()) {
            long rejected = errors.stream().mapToLong(ImportError::line).distinct().count();
            ImportError first = errors.get(0);
            throw new DomainException(400, "Import rejected", "The body has " + rejected + " bad record(s); nothing was stored. "
                    + "First at line " + first.line() + (first.field() == null ? "" : ", field " + first.field()) + ": "
                    + first.message() + ".", List.of(),
                    new ImportResult(0, 0, rejected, errors.subList(0, Math.min(errors.size(), ImportResult.MAX_ERRORS_LISTED))));
        }
    }

    /** Hospital code → region, from the registry. */
    private Map<String, String> regions() {
        Map<String, String> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT code, region FROM hospital");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the hospital registry failed: " + e.getMessage(), e);
        }
        return out;
    }

    private record Record(long line, JsonNode node) {
    }

    /**
     * The records of an NDJSON body (numbered by line) or a JSON array (numbered by position from 1). The body must be
     * valid UTF-8 and give each key once.
     */
    private static List<Record> records(byte[] body, List<ImportError> errors) {
        List<Record> out = new ArrayList<>();
        List<Ndjson.Line> lines = new ArrayList<>();
        try {
            Ndjson.Lines reader = new Ndjson.Lines(new java.io.ByteArrayInputStream(body));
            for (Ndjson.Line l = reader.next(); l != null; l = reader.next()) {
                if (!l.readable()) {
                    errors.add(new ImportError(l.number(), l.faultField(), l.fault()));
                } else {
                    lines.add(l);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            return out;
        }
        String text = String.join("\n", lines.stream().map(Ndjson.Line::text).toList()).strip();
        if (text.isEmpty()) {
            errors.add(new ImportError(1, null, "the body is empty; send one JSON object per line, or a JSON array"));
            return out;
        }
        if (text.startsWith("[")) {
            Ndjson.Parsed array = Ndjson.parse(text);
            if (array.node() == null) {
                errors.add(new ImportError(1, array.faultField(), array.fault()));
            } else {
                for (int i = 0; i < array.node().size(); i++) {
                    object(i + 1, array.node().get(i), out, errors);
                }
            }
            return out;
        }
        for (Ndjson.Line l : lines) {
            if (l.text().isBlank()) {
                continue;
            }
            Ndjson.Parsed p = Ndjson.parse(l.text());
            if (p.node() == null) {
                errors.add(new ImportError(l.number(), p.faultField(), p.fault()));
            } else {
                object(l.number(), p.node(), out, errors);
            }
        }
        return out;
    }

    private static void object(long line, JsonNode node, List<Record> out, List<ImportError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new ImportError(line, null, "must be a JSON object"));
        } else {
            out.add(new Record(line, node));
        }
    }

    /** Typed fields of one record, each fault recorded with its line and field instead of thrown. */
    private static final class Fields {
        private final long line;
        private final List<ImportError> errors;
        private final int before;

        Fields(long line, List<ImportError> errors) {
            this.line = line;
            this.errors = errors;
            this.before = errors.size();
        }

        void error(String field, String message) {
            errors.add(new ImportError(line, field, message));
        }

        boolean failed() {
            return errors.size() > before;
        }

        String hospital(JsonNode node, Map<String, String> regions) {
            JsonNode v = node.get("hospitalCode");
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                error("hospitalCode", "is required (the hospital's code, e.g. \"H001\")");
                return null;
            }
            String code = v.asText().strip();
            if (!regions.containsKey(code)) {
                error("hospitalCode", "hospital '" + code + "' is not in the registry");
                return null;
            }
            return code;
        }

        YearMonth month(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                error(field, "is required as \"YYYY-MM\"");
                return null;
            }
            YearMonth m = Months.parseOrNull(v.asText().strip());
            if (m == null) {
                error(field, "must be a month between " + Months.FIRST_YEAR + "-01 and " + Months.LAST_YEAR
                        + "-12 written YYYY-MM, not '" + Months.shown(v.asText()) + "'");
            }
            return m;
        }

        Integer year(JsonNode node) {
            JsonNode v = node.get("year");
            if (v == null || !v.isIntegralNumber() || v.asInt() < 2000 || v.asInt() > 2100) {
                error("year", "is required as a whole number between 2000 and 2100, not " + v);
                return null;
            }
            return v.asInt();
        }

        /** A hospital's monthly advance: below 100 billion CNY (the column holds 10^14). */
        BigDecimal amount(JsonNode node, String field, boolean required) {
            return decimal(node, field, required, new BigDecimal("100000000000"));
        }

        BigDecimal decimal(JsonNode node, String field, boolean required, BigDecimal below) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!v.isNumber()) {
                error(field, "must be a JSON number, not " + Months.shown(v.toString()));
                return null;
            }
            // compared as written: 1e5000 is refused without being expanded
            BigDecimal d = v.decimalValue();
            if (d.signum() < 0 || d.compareTo(below) >= 0) {
                error(field, "must be at least 0 and below " + below.toPlainString() + ", got " + Months.shown(v.toString()));
                return null;
            }
            if (d.stripTrailingZeros().scale() > 2) {
                error(field, "has at most two decimal places, got " + Months.shown(v.toString()));
                return null;
            }
            return d.setScale(2, RoundingMode.UNNECESSARY);
        }
    }
}
