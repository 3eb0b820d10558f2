-- Data as schema version 6 holds it: the data of version 5 (the data of
-- version 4, and an assessment on an instrument with a baseline chapter,
-- testdata/baseline-1.1.yaml, that recorded two figures, one as don't
-- know), and the history of the consensus.
INSERT INTO instruments (hash, id, version, title, questions, body, stored_at)
    VALUES (:hash, 'seam-integration-strategy', '1.0.0', 'Integration strategy failure modes', 36, :body, '2026-01-01T00:00:00.000000Z');
INSERT INTO assessments (id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, revision, capacity)
    VALUES ('abc234', :hash, 'Legacy Corp', 'From version 1', '', 'self', 'in-progress', '2026-01-01T00:00:00.000000Z', '2026-01-02T00:00:00.000000Z', 3, 4);
INSERT INTO targets (assessment_id, mode_id, level) VALUES ('abc234', 'm6', 5);
INSERT INTO participants (id, assessment_id, name, role, function, created_at)
    VALUES (1, 'abc234', 'Jo', 'CIO', 'it', '2026-01-01T00:00:00.000000Z');
INSERT INTO answer_log (assessment_id, participant_id, question_id, revision, kind, level, reason, note, evidence, answered_at)
    VALUES ('abc234', 1, 'm1.q1', 1, 'level', 2, '', '', '', '2026-01-01T12:00:00.000000Z'),
           ('abc234', 1, 'm1.q1', 2, 'level', 3, '', 'kept', 'wiki', '2026-01-02T00:00:00.000000Z'),
           ('abc234', 1, 'm4.q5', 3, 'n/a', NULL, 'no mandates', '', '', '2026-01-02T00:00:00.000000Z');
INSERT INTO consensus (assessment_id, question_id, kind, level, reason, note, recorded_at)
    VALUES ('abc234', 'm2.q1', 'level', 2, '', 'agreed in the room', '2026-01-03T00:00:00.000000Z');
INSERT INTO instruments (hash, id, version, title, questions, body, stored_at)
    VALUES (:hash11, 'baseline-test', '1.1.0-test', 'Baseline test instrument', 4, :body11, '2026-01-01T00:00:00.000000Z');
INSERT INTO assessments (id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, revision)
    VALUES ('abc567', :hash11, 'Baseline Corp', 'With figures', '', 'self', 'in-progress', '2026-01-01T00:00:00.000000Z', '2026-01-02T00:00:00.000000Z', 2);
INSERT INTO participants (id, assessment_id, name, role, function, created_at)
    VALUES (2, 'abc567', 'Al', 'CIO', 'it', '2026-01-01T00:00:00.000000Z');
INSERT INTO baseline (assessment_id, figure_id, kind, value, recorded_at)
    VALUES ('abc567', 'integrations', 'value', 140, '2026-01-02T00:00:00.000000Z'),
           ('abc567', 'data-trust', 'dont-know', NULL, '2026-01-02T00:00:00.000000Z');
INSERT INTO consensus_history (assessment_id, question_id, kind, level, reason, note, recorded_at)
    VALUES ('abc234', 'm2.q1', 'level', 2, '', 'agreed in the room', '2026-01-03T00:00:00.000000Z');
