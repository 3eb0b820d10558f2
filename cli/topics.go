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
1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimizing; or don't know
(a finding in itself), or not applicable with a reason.

Failure-mode score   the mean of the mode's answered levels, weighted by each
                     question's importance (1-3); don't know, n/a and
                     unanswered questions are left out.
Coverage             answered with a level / applicable (all but n/a).
Principle alignment  each feeding question's level on 0-100 %% as
                     (level - 1) / 4, averaged with the instrument's weights.
Overall index        the mean of the mode scores.
Staged level         the highest whole level every mode reaches.
Risk                 unknown for don't know; none at or above target or n/a;
                     high when gap x importance >= %d, else medium.
Unverified           level 3 or more without evidence.

The plan takes, for each question below its mode's target (default %d), the
action toward the next level. priority = importance x gap x confidence /
effort (S=1, M=2, L=3); Now from %.1f, Next from %.1f, Later below. A don't
know on a question of importance %d or more is a find-out item in Now.
Prerequisites are pulled into the bucket of what needs them and come first.

Workshops: per question the median, mean, spread, AD = mean |x - mean| and
rwg = 1 - s^2/2 (floored at 0); AD > %.1f is a disagreement; business and IT
means %.0f level or more apart are a perception gap. Scores use the recorded
consensus, else the lower median; confidence is rwg floored at 0.5.

Every number can be traced with 'seam explain ID WHAT'.`,
			assessment.HighRiskSeverity, assessment.DefaultTarget, assessment.NowFrom, assessment.NextFrom, assessment.FindOutFrom,
			assessment.DisagreementAD, assessment.PerceptionGapLevels),
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
  Every mistake (the first 100) is reported on its own line as
  FILE:LINE: message, and nothing is scored or saved.

Custom instrument (YAML): start from 'seam instrument show', check with
'seam instrument validate FILE'. Principles (id, name, description); failure
modes (id, group, name, summary, questions); a question has id, title, text,
why, importance 1-3, principles {id: weight in (0, 1]}, exactly five levels
and actions whose 'from' levels cover 1-4 once, each with do, effort S/M/L,
owners {business, it}, an outcome kpi and optional requires: [question ids].
At most 300 questions and 2,000 characters in a text. Instruments and
answers files are at most 512 KiB and may not use YAML anchors or aliases.

Bundle (JSON, 'seam export' and 'seam import'): format "seam.bundle",
version 1: the instrument's body and hash, the assessment, participants,
answers, the history of every change and a workshop's consensus, with a
"checksum" (sha256 of the content; delete it to import a bundle edited by
hand). Times are RFC 3339 (export writes UTC; import takes any offset).
Keys written twice, unknown keys, null lists and ids that are not seam ids
are refused. At most 128 MiB.

Reports ('seam report'): Markdown; JSON with schema "seam.report/v1"; CSV
(RFC 4180, UTF-8, header row) with one row per question, per plan item
(--what plan) or per participant's answer (--what votes).`,
	}
}
