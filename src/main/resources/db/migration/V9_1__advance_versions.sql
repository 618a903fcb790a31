-- Monthly advances keep every version, like cases (issue 13.3): a re-import of a hospital-month with a different
-- amount moves the stored one to clearing_advance_history with who replaced it and when; clearing_advance holds
-- the current version, which is what clearing reads.

ALTER TABLE clearing_advance ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE clearing_advance_history (
    hospital_code    text           NOT NULL,
    month            date           NOT NULL,
    version          integer        NOT NULL,
    advance          numeric(16, 2) NOT NULL,
    deposit_withheld numeric(16, 2) NOT NULL,
    amount_paid      numeric(16, 2) NOT NULL,
    imported_by      text           NOT NULL,
    imported_at      timestamptz    NOT NULL,
    replaced_by      text           NOT NULL,
    replaced_at      timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (hospital_code, month, version)
);
