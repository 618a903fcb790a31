-- The money model (REFERENCE "Money"): a finding's overpayment, a patient refund and a penalty are different
-- quantities, and one number flows unchanged from finding to decision to statement line.

-- A finding carries the fund's overpayment (amount_at_stake, the API's historic name), the refund owed to the
-- patient, or the reason it cannot be priced. Special cases carry none of them.
ALTER TABLE finding ADD COLUMN patient_refund numeric(14, 2) CHECK (patient_refund >= 0);
ALTER TABLE finding ADD COLUMN unpriced_reason text;
COMMENT ON COLUMN finding.amount_at_stake IS 'the fund''s overpayment (多支付) as the rule priced it; null when unpriced';

-- One decision per finding (or per random-sample case without a finding) at 违规处理, never rewritten: a later
-- review of the same finding adds a decision and the latest counts. It copies what clearing needs (cases, family,
-- hospital, month), so that a confirmed decision is never lost with its finding. basis says from whose payments the
-- overpayment is taken ({"parts": {case id: amount}, "factor": …}), so two findings on one payment never take it twice.
CREATE TABLE review_decision (
    id                    bigserial PRIMARY KEY,
    item_id               bigint         NOT NULL REFERENCES review_item (id),
    finding_id            bigint,
    rule_id               text,
    family                text,
    hospital_code         text           NOT NULL,
    case_ids              text[]         NOT NULL,
    month                 date           NOT NULL,
    outcome               text           NOT NULL CHECK (outcome IN ('CONFIRMED', 'DISMISSED')),
    priced_overpayment    numeric(14, 2),
    priced_patient_refund numeric(14, 2),
    unpriced_reason       text,
    overpayment           numeric(14, 2) CHECK (overpayment >= 0),
    patient_refund        numeric(14, 2) CHECK (patient_refund >= 0),
    correct_group         text,
    severity              text,
    severity_name         text,
    penalty_base          text,
    penalty_base_amount   numeric(14, 2),
    penalty_multiple      numeric(8, 4),
    penalty               numeric(14, 2) CHECK (penalty >= 0),
    basis                 jsonb          NOT NULL DEFAULT '{}',
    reason                text,
    decided_by            text           NOT NULL,
    decided_at            timestamptz    NOT NULL DEFAULT now(),
    CHECK (outcome = 'DISMISSED' OR overpayment IS NOT NULL AND penalty IS NOT NULL AND severity IS NOT NULL)
);
CREATE INDEX review_decision_finding ON review_decision (finding_id, id);
CREATE INDEX review_decision_item ON review_decision (item_id);
CREATE INDEX review_decision_month ON review_decision (month, hospital_code);

CREATE FUNCTION review_decision_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'review decisions are a record and do not change';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER review_decision_append_only BEFORE UPDATE OR DELETE ON review_decision
    FOR EACH ROW EXECUTE FUNCTION review_decision_is_append_only();

-- The agreed annual total (约定年度总额) a grade's deduction applies to where the region says so (seed 001).
ALTER TABLE clearing_assessment ADD COLUMN agreed_total numeric(16, 2) CHECK (agreed_total >= 0);

-- Surplus retention and overspend sharing: what the fund kept of the distributable budget; notes that say what a run
-- could not apply (and why), so nothing confirmed is left out silently.
ALTER TABLE clearing_run ADD COLUMN retained numeric(16, 2);
ALTER TABLE clearing_run ADD COLUMN notes jsonb NOT NULL DEFAULT '[]';

ALTER TABLE clearing_statement ADD COLUMN overpayment numeric(16, 2) NOT NULL DEFAULT 0;
ALTER TABLE clearing_statement ADD COLUMN penalties numeric(16, 2) NOT NULL DEFAULT 0;
ALTER TABLE clearing_statement ADD COLUMN patient_refunds numeric(16, 2) NOT NULL DEFAULT 0;
ALTER TABLE clearing_statement ADD COLUMN agreed_total numeric(16, 2);
ALTER TABLE clearing_statement ADD COLUMN grade_deduction numeric(16, 2) NOT NULL DEFAULT 0;
ALTER TABLE clearing_statement ADD COLUMN next_year_reduction numeric(16, 2) NOT NULL DEFAULT 0;
