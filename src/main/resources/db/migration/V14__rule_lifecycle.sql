-- The rule lifecycle (issue 15): a rule-base version is a set of files (rules, knowledge base, golden cases) with its
-- author and approver, times and state: DRAFT → VALIDATED → TESTED → BACKTESTED → APPROVED → ACTIVE → RETIRED.
-- Versions that went live before this migration keep their number and their rule files.

ALTER TABLE rule_base_version ADD COLUMN title text;
ALTER TABLE rule_base_version ADD COLUMN source text NOT NULL DEFAULT 'DISK';
ALTER TABLE rule_base_version ADD COLUMN base_version integer;
ALTER TABLE rule_base_version ADD COLUMN kb_version integer;
ALTER TABLE rule_base_version ADD COLUMN updated_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN validated_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN tested_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN backtested_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN approval_requested_by text;
ALTER TABLE rule_base_version ADD COLUMN approval_requested_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN approved_by text;
ALTER TABLE rule_base_version ADD COLUMN approved_at timestamptz;
ALTER TABLE rule_base_version ADD COLUMN published_by text;
ALTER TABLE rule_base_version ADD COLUMN gate jsonb;
ALTER TABLE rule_base_version ADD CONSTRAINT rule_base_version_status CHECK (status IN
    ('DRAFT', 'VALIDATED', 'TESTED', 'BACKTESTED', 'APPROVED', 'ACTIVE', 'RETIRED'));
CREATE UNIQUE INDEX rule_base_version_one_active ON rule_base_version (status) WHERE status = 'ACTIVE';

-- Every file of a version by area: rules (rules-drl/), knowledge (knowledge-base/), test-cases (test-cases/).
-- A draft's files change until it is validated; a version past DRAFT keeps them as they were tested.
CREATE TABLE rule_version_file (
    version_id integer NOT NULL REFERENCES rule_base_version (id),
    area       text    NOT NULL CHECK (area IN ('rules', 'knowledge', 'test-cases')),
    path       text    NOT NULL,
    sha256     text    NOT NULL,
    content    text    NOT NULL,
    PRIMARY KEY (version_id, area, path)
);
INSERT INTO rule_version_file (version_id, area, path, sha256, content)
    SELECT version_id, 'rules', path, sha256, content FROM rule_file;
DROP TABLE rule_file;

-- Each step of a version's life, never rewritten: who did what, when, with which detail.
CREATE TABLE rule_version_event (
    id         bigserial PRIMARY KEY,
    version_id integer     NOT NULL REFERENCES rule_base_version (id),
    action     text        NOT NULL,
    username   text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    detail     jsonb
);
CREATE INDEX rule_version_event_version ON rule_version_event (version_id, id);
CREATE FUNCTION rule_version_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rule version events are a record and do not change';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER rule_version_event_append_only BEFORE UPDATE OR DELETE ON rule_version_event
    FOR EACH ROW EXECUTE FUNCTION rule_version_event_is_append_only();

-- A backtest runs a version over past settlement months next to the active version and stores only the difference.
CREATE TABLE rule_backtest (
    id             bigserial PRIMARY KEY,
    version_id     integer     NOT NULL REFERENCES rule_base_version (id),
    content_hash   text        NOT NULL,
    against        integer     NOT NULL,
    months         text[]      NOT NULL,
    status         text        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    requested_by   text        NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    cases          bigint      NOT NULL DEFAULT 0,
    result         jsonb,
    message        text
);
CREATE INDEX rule_backtest_version ON rule_backtest (version_id, id);

-- A finding's explanation is its rule's template rendered from the evidence; keeping the template and the money
-- sentence lets a hospital's view be rendered again from masked evidence.
ALTER TABLE finding ADD COLUMN explanation_template text;
ALTER TABLE finding ADD COLUMN money_sentence text;
