-- The review workflow (初审 → 复审 → 申诉 → 调查核实 → 违规处理): one item per sampled case, an append-only
-- history of every step, and the hospital's appeal attachments.

CREATE TABLE review_item (
    id               bigserial PRIMARY KEY,
    campaign_id      bigint      NOT NULL REFERENCES campaign (id),
    case_id          text        NOT NULL,
    hospital_code    text        NOT NULL,
    finding_ids      bigint[]    NOT NULL,
    step             text        NOT NULL,
    outcome          text,
    deadline         timestamptz,
    confirmed_amount numeric(14, 2),
    correct_group    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, case_id)
);
CREATE INDEX review_item_hospital ON review_item (hospital_code, campaign_id);

CREATE TABLE review_event (
    id            bigserial PRIMARY KEY,
    item_id       bigint      NOT NULL REFERENCES review_item (id),
    step          text        NOT NULL,
    action        text        NOT NULL,
    actor         text        NOT NULL,
    at            timestamptz NOT NULL DEFAULT now(),
    reason        text,
    amount        numeric(14, 2),
    correct_group text
);
CREATE INDEX review_event_item ON review_event (item_id, id);

CREATE TABLE review_attachment (
    id           bigserial PRIMARY KEY,
    item_id      bigint      NOT NULL REFERENCES review_item (id),
    file_name    text        NOT NULL,
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    sha256       text        NOT NULL,
    content      bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
