package cli

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/serve"
)

// defaultServeAddr serves this computer only: the room is opened with
// --addr on purpose.
const defaultServeAddr = "127.0.0.1:8765"

func newServeCmd() *cobra.Command {
	var addr, certFile, keyFile string
	var links, showResults bool
	cmd := &cobra.Command{
		Use:   "serve ID [--addr HOST:PORT]",
		Short: "Serve a workshop to the room: each participant answers on their own device",
		Long: `Serve opens a workshop to its participants over HTTP. It prints the room's
link: each participant opens it on their phone or laptop, picks their name
and answers one question per page. Answers are saved the moment they are
given, as in the app. Nobody sees the others' answers or the results; the
facilitator looks at them in the app (seam) or with seam show.

By default only this computer can join (127.0.0.1:8765). For the room,
bind to the local network with --addr 0.0.0.0:8765 (every address of this
computer) or one address of it. Without --tls-cert and --tls-key the
answers travel unencrypted on the local network.

A device asking for a name another device already holds waits for you:
the terminal prints the request with its number; type "confirm N" to let
it in (the other device is signed out) or "refuse N". With --links, each
participant's personal link is printed too: it joins them directly, with
no name to pick. A session idle for 8 hours ends.

While it runs, type progress (who has answered how much), reveal (as
the app's v) or counts on / counts off (what the room sees after the
reveal).

After the reveal the room sees nothing of the results unless
--show-results is given (or counts on typed): then each question's page and the last page show
how many chose each level, don't know and n/a, never who.

Ctrl-C closes the room: answers under way are saved first.

The app serves the room too, with the link as a QR code and each
participant's progress live: o on a workshop's screen in seam.`,
		Example: `  seam serve k3f9                          # try it on this computer
  seam serve k3f9 --addr 0.0.0.0:8765      # open it to the room
  seam serve k3f9 --addr 0.0.0.0:8443 --tls-cert room.crt --tls-key room.key
  seam serve k3f9 --addr 0.0.0.0:8765 --links --show-results`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (certFile == "") != (keyFile == "") {
				return usagef("--tls-cert and --tls-key go together")
			}
			if err := serve.CheckAddr(addr); err != nil {
				return usagef("--addr %v", err)
			}
			var cfg *tls.Config
			if certFile != "" {
				var err error
				if cfg, err = serve.TLSConfig(certFile, keyFile); err != nil {
					return fmt.Errorf("reading --tls-cert and --tls-key: %w", err)
				}
			}
			return withBackend(func(b *backend.Backend) error {
				id, err := b.Store().Resolve(args[0])
				if err != nil {
					return err
				}
				out := &lockedWriter{w: cmd.OutOrStdout()}
				room, err := serve.New(b, id, serve.Options{Log: log.New(cmd.ErrOrStderr(), "seam serve: ", log.LstdFlags), TLS: cfg,
					OnJoinRequest: func(q serve.JoinRequest) { printJoinRequest(out, q) }})
				if err != nil {
					return err
				}
				room.ShowDistribution(showResults)
				ln, err := serve.Listen(addr)
				if err != nil {
					return err
				}
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				var personal map[string]string
				if links {
					personal = room.PersonalLinks()
				}
				printRoom(out, ln.Addr(), room.Path(), personal, cfg != nil)
				go obeyFacilitator(cmd.InOrStdin(), out, room)
				if err := room.Serve(ctx, ln); err != nil {
					return err
				}
				fmt.Fprintln(out, "The room is closed.")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", defaultServeAddr, "where to listen, HOST:PORT; 0.0.0.0:8765 opens the room to the local network")
	cmd.Flags().StringVar(&certFile, "tls-cert", "", "certificate file (PEM) to serve HTTPS; with --tls-key")
	cmd.Flags().StringVar(&keyFile, "tls-key", "", "private key file (PEM) for --tls-cert")
	cmd.Flags().BoolVar(&links, "links", false, "print each participant's personal link, which joins them with no name to pick")
	cmd.Flags().BoolVar(&showResults, "show-results", false,
		"after the reveal, show the room how many chose each answer per question (never names); no effect before the reveal")
	return cmd
}

// printRoom prints the links participants join with, and says plainly
// when answers travel unencrypted.
func printRoom(w io.Writer, at net.Addr, path string, personal map[string]string, secure bool) {
	fmt.Fprintf(w, "Serving the workshop on %s. Participants join at:\n", at)
	for _, u := range serve.JoinURLs(at, path, secure) {
		fmt.Fprintf(w, "  %s\n", u)
	}
	if len(personal) > 0 {
		fmt.Fprintln(w, "Personal links (each joins one participant directly; hand each to its owner only):")
		for _, name := range slices.Sorted(maps.Keys(personal)) {
			fmt.Fprintf(w, "  %s: %s\n", safetext.Line(name), serve.JoinURLs(at, personal[name], secure)[0])
		}
	}
	if serve.OnlyHere(at) {
		fmt.Fprintln(w, "Only this computer can join; --addr 0.0.0.0:8765 opens the room to the local network.")
	}
	if !secure {
		fmt.Fprintln(w, "Warning: answers travel unencrypted on the local network; use --tls-cert and --tls-key for HTTPS.")
	}
	fmt.Fprintln(w, "A name already taken on another device is asked here: type confirm N or refuse N.")
	fmt.Fprintln(w, "Type progress to see who has answered how much, reveal to reveal the results, counts on to let the room see the counts after it.")
	fmt.Fprintln(w, "Press Ctrl-C to close the room.")
}

// printJoinRequest asks the facilitator about a device that wants a name
// another device holds.
func printJoinRequest(w io.Writer, q serve.JoinRequest) {
	fmt.Fprintf(w, "%s asks to join from %s, already joined on another device: type \"confirm %s\" or \"refuse %s\".\n",
		safetext.Line(q.Name), q.Addr, q.ID, q.ID)
}

// obeyFacilitator reads the facilitator's answers to join requests, one a
// line, until the input ends; a room run without a terminal (CI, a
// service) just stops listening and goes on serving.
func obeyFacilitator(in io.Reader, out io.Writer, room *serve.Server) {
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		if reply := facilitatorLine(room, lines.Text()); reply != "" {
			fmt.Fprintln(out, reply)
		}
	}
}

// facilitatorLine obeys one line the facilitator typed and says in one
// line what came of it.
func facilitatorLine(room *serve.Server, line string) string {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return ""
	}
	verb := strings.ToLower(fields[0])
	switch {
	case verb == "progress" && len(fields) == 1:
		return progressText(room.Progress())
	case verb == "reveal" && len(fields) == 1:
		if room.Progress().Revealed {
			return "The results are revealed already."
		}
		if err := room.Reveal(); err != nil {
			return "Not done: " + safetext.Line(err.Error()) + "."
		}
		if room.ShowsDistribution() {
			return "Revealed: the results show on the facilitator's screens (seam, seam show), and the room sees how many chose each answer."
		}
		return "Revealed: the results show on the facilitator's screens (seam, seam show); the room sees none of them (counts on shows it the counts)."
	case verb == "counts" && len(fields) == 2 && (fields[1] == "on" || fields[1] == "off"):
		room.ShowDistribution(fields[1] == "on")
		if fields[1] == "on" {
			return "Counts on: after the reveal each question's page shows how many chose each answer, never who."
		}
		return "Counts off: the room sees nothing of the results."
	}
	if len(fields) != 2 || (verb != "confirm" && verb != "refuse") {
		waiting := room.JoinRequests()
		if len(waiting) == 0 {
			return fmt.Sprintf("Not understood: %q. Type progress, reveal, counts on or counts off; confirm N or refuse N when a device waits.", safetext.Line(line))
		}
		var ids []string
		for _, q := range waiting {
			ids = append(ids, q.ID)
		}
		return fmt.Sprintf("Not understood: %q. Type confirm N or refuse N (waiting: %s), progress, reveal, counts on or counts off.", safetext.Line(line), strings.Join(ids, ", "))
	}
	var name string
	for _, q := range room.JoinRequests() {
		if q.ID == fields[1] {
			name = safetext.Line(q.Name)
		}
	}
	if err := room.Decide(fields[1], verb == "confirm"); err != nil {
		return "Not done: " + safetext.Line(err.Error()) + "."
	}
	if verb == "confirm" {
		return fmt.Sprintf("Confirmed: %s joins on the new device; the other device is signed out.", name)
	}
	return fmt.Sprintf("Refused: %s is not let in on that device.", name)
}

// progressText says how far the room has answered, one line a
// participant after the total.
func progressText(p serve.Progress) string {
	lines := []string{p.Summary()}
	for _, j := range p.Participants {
		state := "not joined"
		if j.Online {
			state = "online"
		}
		lines = append(lines, fmt.Sprintf("  %s: %d of %d, %s", safetext.Line(j.Name), j.Answered, p.Questions, state))
	}
	return strings.Join(lines, "\n")
}

// lockedWriter lets the room's messages and the facilitator's replies
// print whole lines from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
