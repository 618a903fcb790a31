-- Every finding records the knowledge set that judged its case (issue 17 part 1): the dated set in force on the
-- case's discharge date, as "parameters / grouper version / catalogue" (e.g. demo-2025 / CHS-DRG-2.0 / demo-2025).
-- Findings written before this column existed have none.
ALTER TABLE finding ADD COLUMN knowledge_set text;
