-- seam schema version 3: a revision per assessment, and one log of answers.
--
-- The revision is raised by every change to an assessment. A seam that
-- holds an assessment in memory saves an answer with one check of the
-- revision instead of reading the whole assessment again inside the
-- transaction: if another seam changed it since, the revision tells, and
-- the save reads it afresh.
ALTER TABLE assessments ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The list sorts a few thousand rows at most; an index on updated_at only
-- cost every saved answer a write.
DROP INDEX assessments_by_update;

-- Every answer as it was given, at the revision of the assessment that
-- recorded it. A participant's current answer to a question is the one of
-- the highest revision, so current answers and their history cannot
-- disagree, and saving an answer writes one row next to that question's
-- earlier ones, instead of a row in each of two tables and an index.
CREATE TABLE answer_log (
    assessment_id  TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    question_id    TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('level', 'dont-know', 'n/a')),
    level          INTEGER CHECK ((kind = 'level') = (level BETWEEN 1 AND 5)),
    reason         TEXT NOT NULL DEFAULT '' CHECK (kind = 'n/a' OR reason = ''),
    note           TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL DEFAULT '',
    answered_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, participant_id, question_id, revision)
) WITHOUT ROWID;

-- The history keeps its order: its sequence numbers become revisions.
INSERT INTO answer_log
    SELECT assessment_id, participant_id, question_id, seq, kind, level, reason, note, evidence, changed_at FROM answer_history;

-- A current answer that is not the last entry of its history (an import
-- of a hand-made bundle could leave one) is logged after the rest.
INSERT INTO answer_log
    SELECT a.assessment_id, a.participant_id, a.question_id, (SELECT coalesce(max(seq), 0) FROM answer_history) + 1,
           a.kind, a.level, a.reason, a.note, a.evidence, a.answered_at
    FROM answers a
    WHERE NOT EXISTS (
        SELECT 1 FROM answer_history h
        WHERE h.assessment_id = a.assessment_id AND h.participant_id = a.participant_id AND h.question_id = a.question_id
          AND h.kind = a.kind AND h.level IS a.level AND h.reason = a.reason AND h.note = a.note AND h.evidence = a.evidence
          AND h.seq = (SELECT max(seq) FROM answer_history l
                       WHERE l.assessment_id = a.assessment_id AND l.participant_id = a.participant_id AND l.question_id = a.question_id));

UPDATE assessments SET revision = coalesce((SELECT max(revision) FROM answer_log WHERE assessment_id = assessments.id), 0);

DROP TABLE answers;
DROP TABLE answer_history;
DELETE FROM sqlite_sequence WHERE name = 'answer_history';

-- For reading the database by hand: the current answers.
CREATE VIEW answers AS
    SELECT assessment_id, participant_id, question_id, kind, level, reason, note, evidence, answered_at, max(revision) AS revision
    FROM answer_log GROUP BY assessment_id, participant_id, question_id;

-- Rows that seam doctor --fix moved out of the way (a database edited by
-- hand, or damaged): each as JSON, with the table it came from and why.
CREATE TABLE quarantine (
    moved_at   TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row        TEXT NOT NULL,
    problem    TEXT NOT NULL
);
