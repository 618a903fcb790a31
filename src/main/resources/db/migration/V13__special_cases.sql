-- Special cases (特例单议): a hospital declares a case the group price does not fit, experts from other hospitals
-- review it blind, the bureau decides, and an approved case is paid more at clearing. Never a violation.

-- Experts (role expert, 专家) have a specialty; their hospital is app_user.hospital_code.
ALTER TABLE app_user ADD COLUMN specialty text;

-- One declaration per case (a withdrawn one frees the case), for the declaration period its settlement month falls in.
-- The state columns change as the declaration moves on; what happened is the append-only special_case_event.
CREATE TABLE special_case_declaration (
    id                  bigserial PRIMARY KEY,
    case_id             text           NOT NULL,
    hospital_code       text           NOT NULL REFERENCES hospital (code),
    region              text           NOT NULL,
    period              text           NOT NULL,
    settlement_month    date           NOT NULL,
    category            text           NOT NULL,
    reason              text           NOT NULL,
    finding_id          bigint,
    group_code          text,
    total_cost          numeric(14, 2) NOT NULL,
    status              text           NOT NULL CHECK (status IN ('DECLARED', 'ASSIGNED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    declared_by         text           NOT NULL,
    declared_at         timestamptz    NOT NULL DEFAULT now(),
    seed                bigint,
    assigned_by         text,
    assigned_at         timestamptz,
    review_deadline     timestamptz,
    decision_deadline   timestamptz,
    decided_by          text,
    decided_at          timestamptz,
    decision_note       text,
    approvals           integer,
    rejections          integer,
    payment_method      text,
    payment_ratio       numeric(8, 4),
    extra_points        numeric(20, 4),
    extra_amount        numeric(14, 2),
    payment_explanation text,
    updated_at          timestamptz    NOT NULL DEFAULT now(),
    CHECK (status <> 'APPROVED' OR extra_amount IS NOT NULL AND payment_method IS NOT NULL)
);
CREATE UNIQUE INDEX special_case_one_per_case ON special_case_declaration (case_id) WHERE status <> 'WITHDRAWN';
CREATE INDEX special_case_hospital_period ON special_case_declaration (hospital_code, period);
CREATE INDEX special_case_month ON special_case_declaration (settlement_month, region);

-- Every step: who, when, what and why, never rewritten.
CREATE TABLE special_case_event (
    id             bigserial PRIMARY KEY,
    declaration_id bigint      NOT NULL REFERENCES special_case_declaration (id),
    step           text        NOT NULL,
    action         text        NOT NULL,
    actor          text        NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    reason         text,
    detail         jsonb
);
CREATE INDEX special_case_event_declaration ON special_case_event (declaration_id, id);

-- The experts drawn for a declaration: the seed's SHA-256 key that ranked each one, their specialty and hospital
-- at the time, and the deadline of their opinion.
CREATE TABLE special_case_assignment (
    declaration_id  bigint      NOT NULL REFERENCES special_case_declaration (id),
    expert          text        NOT NULL REFERENCES app_user (username),
    specialty       text,
    expert_hospital text,
    draw_key        text        NOT NULL,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    deadline        timestamptz NOT NULL,
    PRIMARY KEY (declaration_id, expert)
);
CREATE INDEX special_case_assignment_expert ON special_case_assignment (expert);

-- One opinion per assigned expert, with its reason.
CREATE TABLE special_case_opinion (
    id             bigserial PRIMARY KEY,
    declaration_id bigint      NOT NULL REFERENCES special_case_declaration (id),
    expert         text        NOT NULL,
    opinion        text        NOT NULL CHECK (opinion IN ('APPROVE', 'REJECT')),
    reason         text        NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (declaration_id, expert),
    FOREIGN KEY (declaration_id, expert) REFERENCES special_case_assignment (declaration_id, expert)
);

-- The hospital's evidence (streamed, size-limited, SHA-256), as appeal attachments are.
CREATE TABLE special_case_attachment (
    id             bigserial PRIMARY KEY,
    declaration_id bigint      NOT NULL REFERENCES special_case_declaration (id),
    file_name      text        NOT NULL,
    content_type   text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    sha256         text        NOT NULL,
    content        bytea       NOT NULL,
    uploaded_by    text        NOT NULL,
    uploaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX special_case_attachment_declaration ON special_case_attachment (declaration_id);

-- A declaration window the bureau keeps open past the parameters' deadline (补报), for one hospital or all (null).
CREATE TABLE special_case_window (
    id            bigserial PRIMARY KEY,
    region        text        NOT NULL,
    hospital_code text REFERENCES hospital (code),
    period        text        NOT NULL,
    open_until    date        NOT NULL,
    reason        text        NOT NULL,
    granted_by    text        NOT NULL,
    granted_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX special_case_window_period ON special_case_window (region, period);

CREATE FUNCTION special_case_record_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is a record and does not change', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER special_case_event_append_only BEFORE UPDATE OR DELETE ON special_case_event
    FOR EACH ROW EXECUTE FUNCTION special_case_record_is_append_only();
CREATE TRIGGER special_case_assignment_append_only BEFORE UPDATE OR DELETE ON special_case_assignment
    FOR EACH ROW EXECUTE FUNCTION special_case_record_is_append_only();
CREATE TRIGGER special_case_opinion_append_only BEFORE UPDATE OR DELETE ON special_case_opinion
    FOR EACH ROW EXECUTE FUNCTION special_case_record_is_append_only();
CREATE TRIGGER special_case_attachment_append_only BEFORE UPDATE OR DELETE ON special_case_attachment
    FOR EACH ROW EXECUTE FUNCTION special_case_record_is_append_only();
CREATE TRIGGER special_case_window_append_only BEFORE UPDATE OR DELETE ON special_case_window
    FOR EACH ROW EXECUTE FUNCTION special_case_record_is_append_only();

-- A decided or withdrawn declaration is final, and no declaration is ever deleted.
CREATE FUNCTION special_case_decided_is_final() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'special-case declaration % is a record and is not deleted', OLD.id;
    END IF;
    IF OLD.status IN ('APPROVED', 'REJECTED', 'WITHDRAWN') THEN
        RAISE EXCEPTION 'special-case declaration % is % and does not change', OLD.id, OLD.status;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER special_case_declaration_final BEFORE UPDATE OR DELETE ON special_case_declaration
    FOR EACH ROW EXECUTE FUNCTION special_case_decided_is_final();
