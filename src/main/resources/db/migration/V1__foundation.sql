-- DRG Audit foundation schema: hospitals, settled cases, outpatient visits, knowledge-base and
-- rule-base versions, sweeps, findings, users and the audit trail.

CREATE TABLE hospital (
    code          text PRIMARY KEY,
    name          text          NOT NULL,
    level         smallint      NOT NULL CHECK (level BETWEEN 1 AND 3),
    type          text,
    region        text          NOT NULL,
    alliance_code text,
    coefficient   numeric(6, 4) NOT NULL CHECK (coefficient > 0),
    updated_at    timestamptz   NOT NULL DEFAULT now()
);

-- One row per settlement (结算清单). The payload is the whole record in the import format;
-- the columns beside it are what queries and sweeps select on.
CREATE TABLE settled_case (
    case_id          text PRIMARY KEY,
    hospital_code    text           NOT NULL REFERENCES hospital (code),
    patient_id       text           NOT NULL,
    patient_bucket   integer        NOT NULL,
    settlement_month date           NOT NULL,
    admission_time   timestamp      NOT NULL,
    discharge_time   timestamp      NOT NULL,
    drg_code         text,
    total_cost       numeric(14, 2) NOT NULL,
    payload          jsonb          NOT NULL,
    content_hash     text           NOT NULL,
    version          integer        NOT NULL DEFAULT 1,
    imported_at      timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX settled_case_month_bucket ON settled_case (settlement_month, patient_bucket);
CREATE INDEX settled_case_discharge ON settled_case (discharge_time);
CREATE INDEX settled_case_patient ON settled_case (patient_id);
CREATE INDEX settled_case_hospital_month ON settled_case (hospital_code, settlement_month);

-- Earlier versions of replaced cases, kept for the audit trail.
CREATE TABLE settled_case_history (
    case_id       text        NOT NULL,
    version       integer     NOT NULL,
    payload       jsonb       NOT NULL,
    content_hash  text        NOT NULL,
    imported_at   timestamptz NOT NULL,
    replaced_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, version)
);

CREATE TABLE outpatient_visit (
    visit_id       text PRIMARY KEY,
    hospital_code  text           NOT NULL REFERENCES hospital (code),
    patient_id     text           NOT NULL,
    patient_bucket integer        NOT NULL,
    visit_date     date           NOT NULL,
    total_cost     numeric(14, 2) NOT NULL,
    payload        jsonb          NOT NULL,
    content_hash   text           NOT NULL,
    imported_at    timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX outpatient_visit_date_bucket ON outpatient_visit (visit_date, patient_bucket);

-- Knowledge base: every distinct content of knowledge-base/ is one version; its files are kept
-- verbatim so any version can be rebuilt exactly.
CREATE TABLE kb_version (
    id           serial PRIMARY KEY,
    label        text        NOT NULL UNIQUE,
    content_hash text        NOT NULL UNIQUE,
    file_count   integer     NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE kb_file (
    version_id integer NOT NULL REFERENCES kb_version (id),
    path       text    NOT NULL,
    sha256     text    NOT NULL,
    content    text    NOT NULL,
    PRIMARY KEY (version_id, path)
);
CREATE TABLE kb_drg_group (
    version_id    integer        NOT NULL REFERENCES kb_version (id),
    catalogue     text           NOT NULL,
    code          text           NOT NULL,
    name          text           NOT NULL,
    weight        numeric(8, 4)  NOT NULL,
    standard_cost numeric(14, 2) NOT NULL,
    avg_los       numeric(6, 1)  NOT NULL,
    PRIMARY KEY (version_id, catalogue, code)
);
CREATE TABLE kb_parameter_set (
    version_id     integer NOT NULL REFERENCES kb_version (id),
    region         text    NOT NULL,
    year           integer NOT NULL,
    effective_from date    NOT NULL,
    effective_to   date    NOT NULL,
    parameters     jsonb   NOT NULL,
    PRIMARY KEY (version_id, region, year)
);

-- Rule base: each compiled and tested content of rules-drl/ that went live is one version.
CREATE TABLE rule_base_version (
    id           serial PRIMARY KEY,
    version      integer     NOT NULL UNIQUE,
    status       text        NOT NULL,
    content_hash text        NOT NULL,
    rule_count   integer     NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    retired_at   timestamptz
);
CREATE TABLE rule_file (
    version_id integer NOT NULL REFERENCES rule_base_version (id),
    path       text    NOT NULL,
    sha256     text    NOT NULL,
    content    text    NOT NULL,
    PRIMARY KEY (version_id, path)
);

CREATE TABLE sweep (
    id                bigserial PRIMARY KEY,
    month             date        NOT NULL,
    status            text        NOT NULL,
    rule_base_version integer     NOT NULL,
    kb_version        integer     NOT NULL,
    processed         bigint      NOT NULL DEFAULT 0,
    total             bigint      NOT NULL DEFAULT 0,
    findings          bigint      NOT NULL DEFAULT 0,
    started_by        text        NOT NULL,
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    message           text
);
CREATE INDEX sweep_month ON sweep (month);

-- Findings (疑点). A sweep writes its findings invisible and shows them in one transaction when it
-- completes, so a crash or a cancel never leaves half a sweep visible.
CREATE TABLE finding (
    id                bigserial PRIMARY KEY,
    sweep_id          bigint         NOT NULL REFERENCES sweep (id),
    month             date           NOT NULL,
    rule_id           text           NOT NULL,
    rule_name         text           NOT NULL,
    family            text           NOT NULL,
    result_type       text           NOT NULL,
    severity          text           NOT NULL,
    shadow            boolean        NOT NULL DEFAULT false,
    hospital_code     text           NOT NULL,
    patient_id        text           NOT NULL,
    case_ids          text[]         NOT NULL,
    finding_key       text           NOT NULL,
    explanation       text           NOT NULL,
    evidence          jsonb          NOT NULL,
    amount_at_stake   numeric(14, 2),
    correct_group     text,
    rule_base_version integer        NOT NULL,
    kb_version        integer        NOT NULL,
    review_status     text           NOT NULL DEFAULT 'UNREVIEWED',
    visible           boolean        NOT NULL DEFAULT false,
    created_at        timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX finding_month_visible ON finding (month, visible);
CREATE INDEX finding_hospital ON finding (hospital_code, month);
CREATE INDEX finding_rule ON finding (rule_id, month);
CREATE INDEX finding_sweep ON finding (sweep_id);
CREATE INDEX finding_key_idx ON finding (finding_key);

CREATE TABLE app_user (
    username      text PRIMARY KEY,
    password_hash text    NOT NULL,
    roles         text    NOT NULL,
    hospital_code text REFERENCES hospital (code),
    display_name  text    NOT NULL,
    enabled       boolean NOT NULL DEFAULT true
);

-- Append-only trail of every write: who, when, what.
CREATE TABLE audit_log (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    username text        NOT NULL,
    action   text        NOT NULL,
    target   text,
    detail   jsonb
);
