package cli

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/serve"
)

// defaultServeAddr serves this computer only: the room is opened with
// --addr on purpose.
const defaultServeAddr = "127.0.0.1:8765"

func newServeCmd() *cobra.Command {
	var addr, certFile, keyFile string
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

Ctrl-C closes the room: answers under way are saved first.

The app serves the room too, with the link as a QR code and each
participant's progress live: o on a workshop's screen in seam.`,
		Example: `  seam serve k3f9                          # try it on this computer
  seam serve k3f9 --addr 0.0.0.0:8765      # open it to the room
  seam serve k3f9 --addr 0.0.0.0:8443 --tls-cert room.crt --tls-key room.key`,
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
				room, err := serve.New(b, id, serve.Options{Log: log.New(cmd.ErrOrStderr(), "seam serve: ", log.LstdFlags), TLS: cfg})
				if err != nil {
					return err
				}
				ln, err := serve.Listen(addr)
				if err != nil {
					return err
				}
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				printRoom(cmd.OutOrStdout(), ln.Addr(), room.Path(), cfg != nil)
				if err := room.Serve(ctx, ln); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "The room is closed.")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", defaultServeAddr, "where to listen, HOST:PORT; 0.0.0.0:8765 opens the room to the local network")
	cmd.Flags().StringVar(&certFile, "tls-cert", "", "certificate file (PEM) to serve HTTPS; with --tls-key")
	cmd.Flags().StringVar(&keyFile, "tls-key", "", "private key file (PEM) for --tls-cert")
	return cmd
}

// printRoom prints the links participants join with, and says plainly
// when answers travel unencrypted.
func printRoom(w io.Writer, at net.Addr, path string, secure bool) {
	fmt.Fprintf(w, "Serving the workshop on %s. Participants join at:\n", at)
	for _, u := range serve.JoinURLs(at, path, secure) {
		fmt.Fprintf(w, "  %s\n", u)
	}
	if serve.OnlyHere(at) {
		fmt.Fprintln(w, "Only this computer can join; --addr 0.0.0.0:8765 opens the room to the local network.")
	}
	if !secure {
		fmt.Fprintln(w, "Warning: answers travel unencrypted on the local network; use --tls-cert and --tls-key for HTTPS.")
	}
	fmt.Fprintln(w, "Press Ctrl-C to close the room.")
}
