-- seam schema version 4: the plan's capacity per assessment: the effort
-- points (S = 1, M = 2, L = 3) each horizon of the plan holds. NULL means
-- the default, assessment.DefaultCapacity.
ALTER TABLE assessments ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR (typeof(capacity) = 'integer' AND capacity BETWEEN 1 AND 999));
