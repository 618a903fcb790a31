-- A sweep that could not judge some of its month's cases says so (issue 12.9): how many, and why, by reason
-- (JSON object reason → count). Its status is then DONE_WITH_SKIPS, never a clean DONE.
ALTER TABLE sweep ADD COLUMN skipped bigint NOT NULL DEFAULT 0;
ALTER TABLE sweep ADD COLUMN skipped_by_reason text;
