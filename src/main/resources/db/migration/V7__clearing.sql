-- Year-end clearing (年终清算): imported monthly advances and assessment scores, clearing runs, and per
-- hospital statements with their lines. A finalised run and its statements never change: the service
-- refuses it, and the triggers below refuse it in the database too.

-- Monthly advances (月度预付) per hospital: the advance settled, the quality deposit withheld from it and
-- what was actually paid. Re-importing a month replaces it.
CREATE TABLE clearing_advance (
    hospital_code    text           NOT NULL REFERENCES hospital (code),
    month            date           NOT NULL,
    advance          numeric(16, 2) NOT NULL CHECK (advance >= 0),
    deposit_withheld numeric(16, 2) NOT NULL CHECK (deposit_withheld >= 0 AND deposit_withheld <= advance),
    amount_paid      numeric(16, 2) NOT NULL,
    imported_by      text           NOT NULL,
    imported_at      timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (hospital_code, month)
);

-- Annual assessment score (年度考核得分) per hospital; the grade is derived from the parameters' bands.
CREATE TABLE clearing_assessment (
    hospital_code text          NOT NULL REFERENCES hospital (code),
    year          integer       NOT NULL,
    score         numeric(6, 2) NOT NULL CHECK (score >= 0),
    imported_by   text          NOT NULL,
    imported_at   timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (hospital_code, year)
);

CREATE TABLE clearing_run (
    id              bigserial PRIMARY KEY,
    region          text           NOT NULL,
    year            integer        NOT NULL,
    status          text           NOT NULL CHECK (status IN ('DRAFT', 'FINAL')),
    method          text           NOT NULL,
    corrects_run_id bigint REFERENCES clearing_run (id),
    kb_version      integer        NOT NULL,
    budget          numeric(16, 2),
    distributable   numeric(16, 2),
    total_points    numeric(20, 4),
    point_value     numeric(24, 10),
    total_due       numeric(16, 2) NOT NULL,
    total_balance   numeric(16, 2) NOT NULL,
    hospital_count  integer        NOT NULL,
    finding_count   integer        NOT NULL,
    parameters      jsonb          NOT NULL,
    created_by      text           NOT NULL,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    computed_by     text           NOT NULL,
    computed_at     timestamptz    NOT NULL DEFAULT now(),
    finalised_by    text,
    finalised_at    timestamptz
);
CREATE INDEX clearing_run_region_year ON clearing_run (region, year);

CREATE TABLE clearing_statement (
    run_id            bigint         NOT NULL REFERENCES clearing_run (id),
    hospital_code     text           NOT NULL,
    hospital_name     text           NOT NULL,
    coefficient       numeric(6, 4)  NOT NULL,
    case_count        integer        NOT NULL,
    points            numeric(20, 4),
    amount_due        numeric(16, 2) NOT NULL,
    findings_cost     numeric(16, 2) NOT NULL,
    fund_payments     numeric(16, 2) NOT NULL,
    veto              boolean        NOT NULL,
    assessment_score  numeric(6, 2),
    grade             text,
    deposit_withheld  numeric(16, 2) NOT NULL,
    deposit_forfeited numeric(16, 2) NOT NULL,
    deductions        numeric(16, 2) NOT NULL,
    advances_paid     numeric(16, 2) NOT NULL,
    balance           numeric(16, 2) NOT NULL,
    PRIMARY KEY (run_id, hospital_code)
);

CREATE TABLE clearing_line (
    run_id        bigint         NOT NULL,
    hospital_code text           NOT NULL,
    position      integer        NOT NULL,
    kind          text           NOT NULL,
    source_type   text           NOT NULL,
    source_id     text,
    case_id       text,
    group_code    text,
    case_count    integer,
    points        numeric(20, 4),
    amount        numeric(16, 2) NOT NULL,
    explanation   text           NOT NULL,
    PRIMARY KEY (run_id, hospital_code, position),
    FOREIGN KEY (run_id, hospital_code) REFERENCES clearing_statement (run_id, hospital_code)
);
CREATE INDEX clearing_line_source ON clearing_line (run_id, source_type, source_id);

-- A finalised run is immutable: no update or delete of the run, no statement or line added, changed or removed.
CREATE FUNCTION clearing_final_is_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'clearing_run' THEN
        IF OLD.status = 'FINAL' THEN
            RAISE EXCEPTION 'clearing run % is final and does not change', OLD.id;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM clearing_run r
                  WHERE r.status = 'FINAL'
                    AND (TG_OP <> 'INSERT' AND r.id = OLD.run_id OR TG_OP <> 'DELETE' AND r.id = NEW.run_id)) THEN
        RAISE EXCEPTION 'clearing run is final; its statements do not change';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER clearing_run_final BEFORE UPDATE OR DELETE ON clearing_run
    FOR EACH ROW EXECUTE FUNCTION clearing_final_is_immutable();
CREATE TRIGGER clearing_statement_final BEFORE INSERT OR UPDATE OR DELETE ON clearing_statement
    FOR EACH ROW EXECUTE FUNCTION clearing_final_is_immutable();
CREATE TRIGGER clearing_line_final BEFORE INSERT OR UPDATE OR DELETE ON clearing_line
    FOR EACH ROW EXECUTE FUNCTION clearing_final_is_immutable();

-- TRUNCATE passes no row triggers: refuse it while any run is final.
CREATE FUNCTION clearing_no_truncate_of_final() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM clearing_run WHERE status = 'FINAL') THEN
        RAISE EXCEPTION 'clearing tables hold final runs and are not truncated';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER clearing_run_no_truncate BEFORE TRUNCATE ON clearing_run
    FOR EACH STATEMENT EXECUTE FUNCTION clearing_no_truncate_of_final();
CREATE TRIGGER clearing_statement_no_truncate BEFORE TRUNCATE ON clearing_statement
    FOR EACH STATEMENT EXECUTE FUNCTION clearing_no_truncate_of_final();
CREATE TRIGGER clearing_line_no_truncate BEFORE TRUNCATE ON clearing_line
    FOR EACH STATEMENT EXECUTE FUNCTION clearing_no_truncate_of_final();
