-- Audit campaigns (专项抽查审核) and their frozen sampling frames and samples.

CREATE TABLE campaign (
    id               bigserial PRIMARY KEY,
    name             text          NOT NULL,
    status           text          NOT NULL,
    months           text[]        NOT NULL,
    hospital_level   smallint,
    hospital_codes   text[],
    group_prefixes   text[],
    families         text[],
    random_share     numeric(6, 4) NOT NULL,
    min_per_hospital integer       NOT NULL,
    max_suspicious   integer       NOT NULL,
    seed             bigint        NOT NULL,
    frame_hash       text,
    frame_size       integer,
    created_by       text          NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    drawn_by         text,
    drawn_at         timestamptz,
    closed_by        text,
    closed_at        timestamptz
);

-- The sampling frame: the ordered list of eligible ordinary cases, frozen when the sample is drawn.
CREATE TABLE campaign_frame (
    campaign_id   bigint  NOT NULL REFERENCES campaign (id),
    position      integer NOT NULL,
    case_id       text    NOT NULL,
    hospital_code text    NOT NULL,
    content_hash  text    NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

CREATE TABLE campaign_sample (
    campaign_id     bigint         NOT NULL REFERENCES campaign (id),
    case_id         text           NOT NULL,
    hospital_code   text           NOT NULL,
    reason          text           NOT NULL,
    finding_ids     bigint[]       NOT NULL,
    amount_at_stake numeric(14, 2),
    PRIMARY KEY (campaign_id, case_id)
);
