-- A finding that a campaign sampled or a review item names is never deleted (issue 13.1): a draw marks its
-- findings SAMPLED in its own transaction, a re-sweep replaces UNREVIEWED findings only, and this trigger makes
-- the rule hold for every path: deleting a finding that a sample or a review item still references fails.

UPDATE finding f SET review_status = 'SAMPLED'
WHERE f.review_status = 'UNREVIEWED'
  AND (EXISTS (SELECT 1 FROM campaign_sample s WHERE f.id = ANY (s.finding_ids))
    OR EXISTS (SELECT 1 FROM review_item r WHERE f.id = ANY (r.finding_ids)));

CREATE INDEX campaign_sample_findings ON campaign_sample USING gin (finding_ids);
CREATE INDEX review_item_findings ON review_item USING gin (finding_ids);

CREATE FUNCTION finding_referenced_is_kept() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM campaign_sample WHERE finding_ids @> ARRAY[OLD.id])
       OR EXISTS (SELECT 1 FROM review_item WHERE finding_ids @> ARRAY[OLD.id]) THEN
        RAISE EXCEPTION 'finding % is referenced by a campaign sample or a review item and is kept', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

-- Invisible findings (a sweep still running or discarded) were never drawn, so only visible ones are checked.
CREATE TRIGGER finding_referenced_kept BEFORE DELETE ON finding
    FOR EACH ROW WHEN (OLD.visible) EXECUTE FUNCTION finding_referenced_is_kept();
