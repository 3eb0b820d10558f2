package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
)

// Help topics: commands without a Run that 'seam help TOPIC' prints.

func newScoringTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "scoring",
		Short: "How seam scores answers and builds the plan",
		Long: fmt.Sprintf(`How seam scores answers and builds the plan

Each question is answered on five levels described by what can be observed:
1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimizing. Levels are
cumulative: pick the highest level whose description is fully true today.
If you cannot tell, answer don't know: a finding in itself. Not applicable
needs a reason, and only where the instrument allows it (a question that
offers n/a reasons, or a failure mode with a gate such as "no executive
technology mandate is in force").

Failure-mode score   the mean of the mode's levels, weighted by each
                     question's importance (1-3); don't know counts as
                     level %d (not knowing whether something is in place
                     means it is not managed); n/a and unanswered questions
                     are left out.
Coverage             answered with a level / applicable (all but n/a).
Rated                a mode is rated from %.0f %% coverage; below it its
                     score is provisional and says what is missing ("2 of 7
                     answered, 6 needed to rate it"). A mode whose questions
                     are all n/a is shown as not applicable, with its
                     reasons, and left out of the index.
Principle alignment  each feeding question's level on 0-100 %% as
                     (level - 1) / 4 (don't know as level %d), averaged
                     with the instrument's weights.
Overall index        the mean of the applicable modes' scores: the one
                     headline number, with its level name, its coverage and
                     the weakest mode. It is rated only when every
                     applicable mode is; until then it is provisional and
                     says what is missing.
Risk                 unknown for don't know; none at or above target or n/a;
                     high when gap x importance >= %d, else medium.
Unverified           level 3 or more without evidence.

The plan takes, for each question below its mode's target (default %d), the
action toward the next level. priority = importance x gap x confidence /
effort (S=1, M=2, L=3). Items are ordered by priority, ties by importance,
then id. A mode's don't knows on questions of importance %d or more make one
find-out item for the mode, effort S, listing them, ranked as if each stood
at level %d.
Prerequisites name a level (requires: {m1.q2: 3}); one counts only while
that question is below it, and then stands just before the highest-ranked
item that needs it, in its horizon: a dependent is never moved down for it.
Horizons: Now (started within 90 days) from priority %.1f, Next (3-6
months) from %.1f, Later (6-12 months) below. Now, Next and Later each hold
at most %d effort points (set per assessment with 'seam new --capacity N',
or for one run with --capacity N on show, plan, report, explain and
score); items beyond it move on to the next horizon in priority order, and
what does not fit in Later waits for capacity. The plan says how many
items wait, and each item why it sits where it does.

Workshops: per question the level scored (the recorded consensus, else the
lower median) with the spread of the answers, the mean, AD = mean |x - mean|
and rwg = 1 - s^2/2 (floored at 0); AD > %.1f is a disagreement; business
and IT means %.0f level or more apart are a perception gap. Confidence is
1.0 for one respondent or a recorded consensus, else rwg floored at 0.5.

Actions ('seam action', 'seam actions'): a plan item adopted keeps its
action whatever the answers become; it is met when its question is at or
above its mode's target (a find-out item: when no important question of
its mode is a don't-know), and overdue when open past its due date. A
follow-up ('seam reassess') reviews the previous assessment's actions
marked done: one whose question stands below the level it aimed at (one
above where it stood, levels are not skipped) is flagged "done, but the
answer did not move"; one with no level yet is not measured again; a
question that went up with no action adopted for it is credited.
Questions are matched by id across instrument versions.

Every number can be traced with 'seam explain ID WHAT'.`,
			assessment.DontKnowCounts, assessment.RatedFrom*100, assessment.DontKnowCounts, assessment.HighRiskSeverity,
			assessment.DefaultTarget, assessment.FindOutFrom, assessment.DontKnowCounts, assessment.NowFrom, assessment.NextFrom,
			assessment.DefaultCapacity, assessment.DisagreementAD, assessment.PerceptionGapLevels),
	}
}

func newFormatsTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "formats",
		Short: "The answers file, custom instruments, bundles and reports",
		Long: `The file formats seam reads and writes

Answers file (YAML), for 'seam score' and 'seam answer':
  organization: Acme Logistics     # optional
  title: Q3 self-check             # optional
  targets: {m6: 5}                 # optional, per failure mode, 1-5;
                                   # seam score only (an assessment keeps
                                   # the targets seam new gave it)
  answers:
    m1.q1: 3
    m1.q2: {level: 2, note: "meets ad hoc", evidence: "wiki/charter"}
    m3.q6: dont-know
    m4.q5: {level: n/a, reason: "no mandates in force"}
  baseline:                        # optional, where the instrument has a
    integrations: 140              # baseline chapter (seam baseline ID):
    point-to-point: 90             # a number in the figure's unit, or
    data-trust: dont-know          # dont-know; a part never above its whole
  Every mistake (the first 100) is reported on its own line as
  FILE:LINE: message, and nothing is scored or saved.

Custom instrument (YAML): start from 'seam instrument show', check with
'seam instrument validate FILE'. Principles (id, name, description); roles
(id, name, function business/it/data/security: the owners actions may
name); terms (term, meaning: scope words shown wherever a question uses
them); an optional baseline chapter (id, name, question, unit
percent/count/days, optional part_of); failure modes (id, group, name,
summary, an optional gate: the condition under which the whole mode is not
applicable, and questions); a question has id, title, text, why, importance
1-3, principles {id: weight in (0, 1]}, optional na: [reasons] where not
applicable may be answered, exactly five levels {text, evidence} and
actions whose 'from' levels cover 1-4 once, each with do, done_when, effort
S/M/L, owners [role ids: a business role and an IT, data or security role],
a kpi {measure, baseline, optional figure, target, within}, an optional
decision and optional requires: {question id: level} (the level that
question must reach first). An instrument without roles is read in the
format before 1.1: levels as text, owners {business, it}, kpi as one text,
requires also as a list of ids meaning level 3.
At most 300 questions and 2,000 characters in a text. Instruments and
answers files are at most 512 KiB and may not use YAML anchors or aliases.

Bundle (JSON, 'seam export' and 'seam import'): format "seam.bundle",
version 2: the instrument's body and hash, the assessment (with its plan
capacity when it has its own; a bundle without one imports with the
default; a follow-up's "previous", the id of the assessment it follows
up), participants, answers, the history of every change, a workshop's
consensus and the baseline chapter's recorded figures (each {figure, value
or dont_know, at}; checked against the bundle's instrument), and the action
register: "actions" as they stand and "action_history", every change
(question, action, owner, due YYYY-MM-DD, status not-started, in-progress,
done, risk-accepted or dropped with a reason for the last two, notes, at);
with a "checksum" (sha256 of the content; delete it to import a bundle
edited by hand). Times are RFC 3339 (export writes UTC; import takes any
offset). Keys written twice, unknown keys, null lists and ids that are not
seam ids are refused. At most 128 MiB. Version 1 bundles (older seams)
import as before.

Reports ('seam report'): Markdown; HTML (--format html: one self-contained
page, UTF-8, with its stylesheet and charts as SVG inline, no scripts and
nothing fetched, a Content-Security-Policy, and a print stylesheet for A4
that puts the decision page alone on page one); JSON with schema
"seam.report/v1" (with "previous" when it compares with an earlier
assessment, and "register" when plan items are adopted as actions: today,
overdue, met and each action's question, action, title, owner, due,
status, reason, notes, overdue, met, rank and bucket); CSV (RFC 4180,
UTF-8, header row) with one row per question, per plan item (--what plan)
or per participant's answer (--what votes).

Action register ('seam actions ID'): JSON with schema "seam.actions/v1"
(the actions, the plan items not adopted, a follow-up's review of the
previous actions); CSV for an issue tracker's importer with --csv jira
(Summary, Issue Type, Description, Assignee, Due Date, Priority, Labels
repeated) or --csv azure (Work Item Type, Title, Description, Priority,
Tags, Due Date), RFC 4180, UTF-8, dates YYYY-MM-DD, cells that would start a
formula prefixed with an apostrophe.

Comparison ('seam compare A B --json'): JSON with schema "seam.compare/v1":
before and after (each assessment's id, organization, title, kind, date,
overall_index, rated) and comparison (instruments, note, overall, modes,
principles, questions, moves, top_up, top_down, coverage, workshops), as
'seam compare --help' describes; a number that does not exist is null.`,
	}
}
