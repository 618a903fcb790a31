-- The frame hash becomes the combination of per-stratum (per-hospital) hashes, so that a hospital can check its own
-- stratum against the published frame hash without seeing other hospitals' cases (docs/sampling.md):
--   stratum hash = SHA-256 of its cases' lines "caseId TAB hospitalCode TAB contentHash LF" in frame order;
--   frame hash   = SHA-256 of the lines "hospitalCode TAB stratumHash LF", strata in byte order of their codes.
-- The function computes it from a stored frame, exactly as the service does (a test holds them equal); anyone with
-- database access can recompute a campaign's hash with it.
CREATE FUNCTION campaign_frame_hash(p_campaign bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(coalesce(
               string_agg(s.hospital_code || E'\t' || s.hash || E'\n', '' ORDER BY s.hospital_code COLLATE "C"), ''),
               'UTF8')), 'hex')
    FROM (SELECT hospital_code,
                 encode(sha256(convert_to(string_agg(case_id || E'\t' || hospital_code || E'\t' || content_hash || E'\n',
                                                     '' ORDER BY position), 'UTF8')), 'hex') AS hash
          FROM campaign_frame WHERE campaign_id = p_campaign GROUP BY hospital_code) s
$$;

-- Campaigns drawn before keep the hash published at their draw (one SHA-256 over the whole frame's lines, still
-- recomputable from GET /api/campaigns/{id}/frame) as flat_frame_hash, and get the combined hash of the same frame.
ALTER TABLE campaign ADD COLUMN flat_frame_hash text;
UPDATE campaign SET flat_frame_hash = frame_hash, frame_hash = campaign_frame_hash(id) WHERE frame_hash IS NOT NULL;

-- How many review items were still open when the campaign was closed (closing with open items must be confirmed).
ALTER TABLE campaign ADD COLUMN open_items_at_close integer;
