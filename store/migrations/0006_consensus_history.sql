-- seam schema version 6: the history of a workshop's consensus. Every
-- consensus recorded, changed or cleared adds a row; the consensus table
-- keeps the current one per question. A consensus recorded before this
-- version starts its question's history.
CREATE TABLE consensus_history (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('level', 'dont-know', 'n/a', 'cleared')),
    level         INTEGER CHECK ((kind = 'level') = (level BETWEEN 1 AND 5)),
    reason        TEXT NOT NULL DEFAULT '' CHECK (kind = 'n/a' OR reason = ''),
    note          TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL
);

CREATE INDEX consensus_history_by_assessment ON consensus_history (assessment_id, question_id);

INSERT INTO consensus_history (assessment_id, question_id, kind, level, reason, note, recorded_at)
    SELECT assessment_id, question_id, kind, level, reason, note, recorded_at FROM consensus ORDER BY recorded_at;
