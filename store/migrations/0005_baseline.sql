-- seam schema version 5: the baseline chapter, the organisation's own
-- figures the plan's KPIs start from (instrument 1.1 on). One current
-- value per assessment and figure: a number in the figure's unit, or
-- don't know. Clearing a figure deletes its row. Figures are not scored,
-- so no summary changes; recording one raises the assessment's revision
-- as an answer does.
CREATE TABLE baseline (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    figure_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('value', 'dont-know')),
    value         REAL CHECK ((kind = 'value') = (value IS NOT NULL)),
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, figure_id)
) WITHOUT ROWID;
