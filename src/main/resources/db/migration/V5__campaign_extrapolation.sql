-- Whether a campaign's results extrapolate the random sample's overpayment to each hospital's ordinary cases.
ALTER TABLE campaign ADD COLUMN extrapolate boolean NOT NULL DEFAULT false;
