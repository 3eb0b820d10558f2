-- seam schema version 7: the chain of re-assessments and the action
-- register.
--
-- A follow-up names the assessment it follows: one follow-up per
-- assessment (the unique index; NULLs do not count), never itself.
-- Deleting an assessment keeps its follow-up, which loses the link.
ALTER TABLE assessments ADD COLUMN previous_id TEXT REFERENCES assessments(id) ON DELETE SET NULL
    CHECK (previous_id IS NULL OR previous_id <> id);
CREATE UNIQUE INDEX assessments_by_previous ON assessments (previous_id);

-- Every state of every action adopted from the plan, at the revision of
-- the assessment that recorded it, as answer_log keeps answers: an
-- action's current state is the one of the highest revision, its first
-- entry is its adoption. An action is keyed as its plan item names it:
-- the question and the instrument's action id, or no question ('') and
-- MODE.find-out. Who made a change is not kept; what and when are. The due
-- date is a calendar day (YYYY-MM-DD) or NULL; a risk accepted or an
-- action dropped has a reason, any other status none.
CREATE TABLE action_log (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    action_id     TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT CHECK (due IS NULL OR date(due) IS due),
    status        TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'risk-accepted', 'dropped')),
    reason        TEXT NOT NULL DEFAULT '' CHECK ((status IN ('risk-accepted', 'dropped')) = (reason <> '')),
    notes         TEXT NOT NULL DEFAULT '',
    changed_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id, action_id, revision)
) WITHOUT ROWID;

-- For reading the database by hand: the register as it stands.
CREATE VIEW actions AS
    SELECT assessment_id, question_id, action_id, owner, due, status, reason, notes, changed_at, max(revision) AS revision
    FROM action_log GROUP BY assessment_id, question_id, action_id;
