-- seam schema version 1: instruments, assessments, participants, answers and
-- the append-only history of every answer change.

CREATE TABLE instruments (
    hash        TEXT PRIMARY KEY,           -- SHA-256 of the instrument's canonical content
    id          TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    questions   INTEGER NOT NULL,           -- number of questions, for progress without parsing
    body        BLOB NOT NULL,              -- the YAML it was loaded from, so old assessments stay readable
    stored_at   TEXT NOT NULL
);

CREATE TABLE assessments (
    id              TEXT PRIMARY KEY,       -- short, typeable
    instrument_hash TEXT NOT NULL REFERENCES instruments(hash),
    organization    TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    scope           TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('self', 'workshop')),
    status          TEXT NOT NULL DEFAULT 'in-progress' CHECK (status IN ('in-progress', 'complete')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- A summary for the list, recomputed by the scorer in the same
    -- transaction as every answer change. summary_version 0 (or an older
    -- version) means "recompute": a schema step that changes scoring resets it.
    answered        INTEGER NOT NULL DEFAULT 0,
    overall_index   REAL,
    summary_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE targets (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    mode_id       TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, mode_id)
);

CREATE TABLE participants (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    function      TEXT NOT NULL CHECK (function IN ('business', 'it', 'data', 'security', 'other')),
    created_at    TEXT NOT NULL,
    UNIQUE (assessment_id, name)
);

-- One current answer per assessment x participant x question.
CREATE TABLE answers (
    assessment_id  TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    question_id    TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('level', 'dont-know', 'n/a')),
    level          INTEGER CHECK ((kind = 'level') = (level BETWEEN 1 AND 5)),
    reason         TEXT NOT NULL DEFAULT '' CHECK (kind = 'n/a' OR reason = ''),
    note           TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL DEFAULT '',
    answered_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, participant_id, question_id)
);

-- Every answer as it was given, never updated or deleted but with its assessment.
CREATE TABLE answer_history (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id  TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    question_id    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    level          INTEGER,
    reason         TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL DEFAULT '',
    changed_at     TEXT NOT NULL
);

CREATE INDEX answer_history_by_assessment ON answer_history (assessment_id, seq);
CREATE INDEX participants_by_assessment ON participants (assessment_id);
CREATE INDEX assessments_by_update ON assessments (updated_at);
