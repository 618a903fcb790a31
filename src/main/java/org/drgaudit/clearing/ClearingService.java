package org.drgaudit.clearing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.shared.DomainException;

/**
 * Year-end clearing runs: open one for a region and year (a draft, valued from the knowledge base, the
 * cases, the confirmed review outcomes, campaign extrapolations and the imported advances and scores),
 * recompute a draft, finalise it. A final run and its statements never change; a correction is a new
 * run that names the one it corrects.
 */
@ApplicationScoped
public class ClearingService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KnowledgeService knowledge;

    @Inject
    ClearingSources sources;

    @Inject
    ObjectMapper json;

    /** A request to open a clearing run; {@code correctsRunId} names the final run it corrects. */
    public record CreateRunRequest(String region, Integer year, Long correctsRunId) {
    }

    @Transactional
    public ClearingRunView openRun(CreateRunRequest r, String user) {
        if (r == null || r.region() == null || r.region().isBlank() || r.year() == null) {
            throw DomainException.badRequest("Fields 'region' and 'year' are required, e.g. {\"region\": \"demo\", \"year\": 2024}.");
        }
        String region = r.region().strip();
        if (r.correctsRunId() != null) {
            ClearingRun old = ClearingRun.findById(r.correctsRunId());
            if (old == null) {
                throw DomainException.notFound("Clearing run", r.correctsRunId());
            }
            if (!old.region.equals(region) || old.year != r.year()) {
                throw DomainException.badRequest("Run " + old.id + " clears " + old.region + " " + old.year
                        + "; a correction must clear the same region and year.");
            }
            if (!ClearingRun.FINAL.equals(old.status)) {
                throw DomainException.conflict("清算批次 #" + old.id + " 仍是草稿，直接重新计算即可，无需更正。Run " + old.id
                        + " is still a draft; recompute it (POST /api/clearing-runs/" + old.id + "/recompute) instead of correcting it.");
            }
        }
        ClearingRun run = new ClearingRun();
        run.region = region;
        run.year = r.year();
        run.status = ClearingRun.DRAFT;
        run.correctsRunId = r.correctsRunId();
        run.createdBy = user;
        run.createdAt = OffsetDateTime.now();
        Computed computed = compute(run, user);
        run.persist();
        store(run.id, computed.result());
        return view(run);
    }

    @Transactional
    public ClearingRunView recompute(long id, String user) {
        ClearingRun run = find(id, true);
        requireDraft(run);
        deleteStatements(id);
        Computed computed = compute(run, user);
        store(run.id, computed.result());
        return view(run);
    }

    @Transactional
    public ClearingRunView finalise(long id, String user) {
        ClearingRun run = find(id, true);
        if (ClearingRun.FINAL.equals(run.status)) {
            throw DomainException.conflict("清算批次 #" + id + " 已定稿（" + run.finalisedBy + "，" + run.finalisedAt
                    + "），不能重复定稿。Clearing run " + id + " is already final (finalised by " + run.finalisedBy + " at "
                    + run.finalisedAt + "); a final run does not change.");
        }
        boolean onAnnualTotal = PolicyParameters.Clearing.ANNUAL_TOTAL.equals(run.parameters.get("gradeConsequence"));
        List<String> pending = statements(id, null).stream()
                .filter(s -> onAnnualTotal ? s.grade() == null || s.agreedTotal() == null
                        : s.grade() == null && s.depositWithheld().signum() > 0).map(StatementSummary::hospitalCode).toList();
        if (!pending.isEmpty()) {
            throw DomainException.conflict("清算批次 #" + id + " 中 " + pending + (onAnnualTotal ? " 未导入年度考核结果或约定年度总额，考核扣减"
                    : " 未导入年度考核结果，质量保证金") + "无法结算，不能定稿。Run " + id + " cannot be finalised: hospitals " + pending
                    + " have no assessment score" + (onAnnualTotal ? " or agreed annual total" : "") + " for " + run.year
                    + "; import them (POST /api/clearing-runs/assessments) and recompute the draft.");
        }
        run.status = ClearingRun.FINAL;
        run.finalisedBy = user;
        run.finalisedAt = OffsetDateTime.now();
        return view(run);
    }

    @Transactional
    public List<ClearingRunView> list(String region, Integer year) {
        return ClearingRun.<ClearingRun>listAll(Sort.descending("id")).stream()
                .filter(r -> region == null || r.region.equals(region))
                .filter(r -> year == null || r.year == year)
                .map(this::view).toList();
    }

    @Transactional
    public ClearingRunView get(long id) {
        return view(find(id, false));
    }

    /** The statements of a run without their lines, for one hospital when {@code hospital} is set. */
    @Transactional
    public List<StatementSummary> statements(long runId, String hospital) {
        find(runId, false);
        List<StatementSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM clearing_statement WHERE run_id = ?"
                     + (hospital == null ? "" : " AND hospital_code = ?") + " ORDER BY hospital_code")) {
            ps.setLong(1, runId);
            if (hospital != null) {
                ps.setString(2, hospital);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the statements of clearing run " + runId + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** One hospital's statement with every line. */
    @Transactional
    public StatementView statement(long runId, String hospital) {
        ClearingRun run = find(runId, false);
        List<StatementSummary> s = statements(runId, hospital);
        if (s.isEmpty()) {
            throw DomainException.notFound("Statement of hospital", hospital + "' in clearing run '" + runId);
        }
        List<StatementLine> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT kind, source_type, source_id, case_id, group_code, case_count, points, amount, explanation
                     FROM clearing_line WHERE run_id = ? AND hospital_code = ? ORDER BY position""")) {
            ps.setLong(1, runId);
            ps.setString(2, hospital);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LineKind kind = LineKind.valueOf(rs.getString(1));
                    lines.add(new StatementLine(kind, kind.label(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), (Integer) rs.getObject(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading statement " + hospital + " of run " + runId + " failed: " + e.getMessage(), e);
        }
        return new StatementView(view(run), s.get(0), lines);
    }

    // ---------------------------------------------------------------------------------------------

    private record Computed(ClearingResult result) {
    }

    private Computed compute(ClearingRun run, String user) {
        PolicyParameters p = sources.parameters(run.region, run.year);
        ClearingRules rules = ClearingRules.from(p);
        ClearingCalculator calc = new ClearingCalculator(rules, knowledge.current().catalogue(p.getCatalogue()));
        if (run.correctsRunId != null) {
            calc.note("本批次更正清算批次 #" + run.correctsRunId);
        }
        int findings = sources.feed(calc, p);
        ClearingResult result;
        try {
            result = calc.compute();
        } catch (IllegalStateException e) {
            throw DomainException.conflict("清算无法计算：" + e.getMessage() + ".");
        }
        run.method = rules.method().name();
        run.kbVersion = knowledge.current().versionId();
        run.budget = result.budget();
        run.distributable = result.distributable();
        run.totalPoints = result.totalPoints();
        run.pointValue = result.pointValue();
        run.totalDue = result.totalDue();
        run.retained = result.retained();
        run.totalBalance = result.totalBalance();
        run.notes = result.notes();
        run.hospitalCount = result.statements().size();
        run.findingCount = findings;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("knowledgeBase", knowledge.current().label());
        parameters.put("catalogue", p.getCatalogue());
        parameters.put("rules", json.convertValue(rules, Map.class));
        parameters.put("gradeConsequence", rules.gradeConsequence());
        run.parameters = parameters;
        run.computedBy = user;
        run.computedAt = OffsetDateTime.now();
        return new Computed(result);
    }

    private void store(long runId, ClearingResult result) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     INSERT INTO clearing_statement (run_id, hospital_code, hospital_name, coefficient, case_count, points,
                         amount_due, findings_cost, fund_payments, veto, assessment_score, grade, deposit_withheld,
                         deposit_forfeited, deductions, advances_paid, balance, overpayment, penalties, patient_refunds,
                         agreed_total, grade_deduction, next_year_reduction)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement ln = c.prepareStatement("""
                     INSERT INTO clearing_line (run_id, hospital_code, position, kind, source_type, source_id, case_id,
                         group_code, case_count, points, amount, explanation)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Statement s : result.statements()) {
                int i = 1;
                st.setLong(i++, runId);
                st.setString(i++, s.hospitalCode());
                st.setString(i++, s.hospitalName());
                st.setBigDecimal(i++, s.coefficient());
                st.setInt(i++, s.caseCount());
                st.setBigDecimal(i++, s.points());
                st.setBigDecimal(i++, s.amountDue());
                st.setBigDecimal(i++, s.findingsCost());
                st.setBigDecimal(i++, s.fundPayments());
                st.setBoolean(i++, s.veto());
                st.setBigDecimal(i++, s.assessmentScore());
                st.setString(i++, s.grade());
                st.setBigDecimal(i++, s.depositWithheld());
                st.setBigDecimal(i++, s.depositForfeited());
                st.setBigDecimal(i++, s.deductions());
                st.setBigDecimal(i++, s.advancesPaid());
                st.setBigDecimal(i++, s.balance());
                st.setBigDecimal(i++, s.overpayment());
                st.setBigDecimal(i++, s.penalties());
                st.setBigDecimal(i++, s.patientRefunds());
                st.setBigDecimal(i++, s.agreedTotal());
                st.setBigDecimal(i++, s.gradeDeduction());
                st.setBigDecimal(i, s.nextYearReduction());
                st.addBatch();
            }
            st.executeBatch();
            for (Statement s : result.statements()) {
                int position = 0;
                for (StatementLine l : s.lines()) {
                    int i = 1;
                    ln.setLong(i++, runId);
                    ln.setString(i++, s.hospitalCode());
                    ln.setInt(i++, ++position);
                    ln.setString(i++, l.kind().name());
                    ln.setString(i++, l.sourceType());
                    ln.setString(i++, l.sourceId());
                    ln.setString(i++, l.caseId());
                    ln.setString(i++, l.groupCode());
                    ln.setObject(i++, l.caseCount());
                    ln.setBigDecimal(i++, l.points());
                    ln.setBigDecimal(i++, l.amount());
                    ln.setString(i, l.explanation());
                    ln.addBatch();
                }
            }
            ln.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the statements of clearing run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    private void deleteStatements(long runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lines = c.prepareStatement("DELETE FROM clearing_line WHERE run_id = ?");
             PreparedStatement statements = c.prepareStatement("DELETE FROM clearing_statement WHERE run_id = ?")) {
            lines.setLong(1, runId);
            lines.executeUpdate();
            statements.setLong(1, runId);
            statements.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Clearing the draft statements of run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    private static ClearingRun find(long id, boolean lock) {
        ClearingRun run = lock ? ClearingRun.findById(id, LockModeType.PESSIMISTIC_WRITE) : ClearingRun.findById(id);
        if (run == null) {
            throw DomainException.notFound("Clearing run", id);
        }
        return run;
    }

    private static void requireDraft(ClearingRun run) {
        if (ClearingRun.FINAL.equals(run.status)) {
            throw DomainException.conflict("清算批次 #" + run.id + " 已定稿，不能修改；如需更正，请新建清算批次并引用本批次"
                    + "（correctsRunId=" + run.id + "）。Clearing run " + run.id + " is final and does not change; to correct it, "
                    + "open a new run with {\"correctsRunId\": " + run.id + "}.");
        }
    }

    private ClearingRunView view(ClearingRun r) {
        List<Long> correctedBy = ClearingRun.<ClearingRun>list("correctsRunId", Sort.by("id"), r.id).stream()
                .map(x -> x.id).collect(Collectors.toList());
        PaymentTerms.Method method = PaymentTerms.Method.valueOf(r.method);
        return new ClearingRunView(r.id, r.region, r.year, r.status, "FINAL".equals(r.status) ? "已定稿" : "草稿", r.method,
                method.label(), r.correctsRunId, correctedBy, r.kbVersion, r.budget, r.distributable, r.totalPoints, r.pointValue,
                r.totalDue, r.retained, r.totalBalance, r.notes == null ? List.of() : r.notes, r.hospitalCount, r.findingCount,
                r.createdBy, r.createdAt, r.computedBy, r.computedAt, r.finalisedBy, r.finalisedAt);
    }

    private static final String SUMMARY_COLUMNS = """
            hospital_code, hospital_name, coefficient, case_count, points, amount_due, overpayment, penalties, patient_refunds,
            findings_cost, fund_payments, veto, assessment_score, grade, deposit_withheld, deposit_forfeited, agreed_total,
            grade_deduction, next_year_reduction, deductions, advances_paid, balance""";

    private static StatementSummary summary(ResultSet rs) throws SQLException {
        return new StatementSummary(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getBoolean(12), rs.getBigDecimal(13), rs.getString(14), rs.getBigDecimal(15),
                rs.getBigDecimal(16), rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getBigDecimal(20),
                rs.getBigDecimal(21), rs.getBigDecimal(22));
    }

    /**
     * A statement's figures without its lines: the amount due, the confirmed overpayment and penalties (kept apart;
     * findingsCost is their sum), the refunds the hospital owes patients, the grade's consequence, the deductions,
     * the advances and the balance.
     */
    public record StatementSummary(String hospitalCode, String hospitalName, BigDecimal coefficient, int caseCount,
                                   BigDecimal points, BigDecimal amountDue, BigDecimal overpayment, BigDecimal penalties,
                                   BigDecimal patientRefunds, BigDecimal findingsCost, BigDecimal fundPayments, boolean veto,
                                   BigDecimal assessmentScore, String grade, BigDecimal depositWithheld,
                                   BigDecimal depositForfeited, BigDecimal agreedTotal, BigDecimal gradeDeduction,
                                   BigDecimal nextYearReduction, BigDecimal deductions, BigDecimal advancesPaid,
                                   BigDecimal balance) {
    }

    /** One hospital's statement as exported: the run it belongs to, its figures, every line. */
    public record StatementView(ClearingRunView run, StatementSummary statement, List<StatementLine> lines) {
    }
}
