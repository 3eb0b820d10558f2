-- seam schema version 2: workshops. The consensus a facilitator records
-- after discussing a question is kept apart from the participants' votes and
-- never overwrites them; revealed_at marks when the facilitator showed the
-- results to the room.

CREATE TABLE consensus (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('level', 'dont-know', 'n/a')),
    level         INTEGER CHECK ((kind = 'level') = (level BETWEEN 1 AND 5)),
    reason        TEXT NOT NULL DEFAULT '' CHECK (kind = 'n/a' OR reason = ''),
    note          TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
);

ALTER TABLE assessments ADD COLUMN revealed_at TEXT;

-- Scores of workshops now come from aggregated votes: recompute summaries.
UPDATE assessments SET summary_version = 0 WHERE kind = 'workshop';
