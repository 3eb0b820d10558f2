package serve

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
)

// Where a room listens and the links it is joined by, shared by seam
// serve and the app, so both say the same thing in the same words.

// CheckAddr tells whether addr is HOST:PORT with a port number (0 lets
// the system pick a free port; an empty host listens on every address).
// Its error completes a sentence naming the place: "--addr must be …".
func CheckAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return fmt.Errorf("must be HOST:PORT, for example 0.0.0.0:8765, not %q", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("must end in a port number from 0 to 65535, not %q", addr)
	}
	return nil
}

// Listen listens on addr (see CheckAddr), saying in one line why not:
// "127.0.0.1:8765: address already in use".
func Listen(addr string) (net.Listener, error) {
	if err := CheckAddr(addr); err != nil {
		return nil, fmt.Errorf("the address %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, listenError(addr, err)
	}
	return ln, nil
}

func listenError(addr string, err error) error {
	var se *os.SyscallError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %w", addr, se.Err)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return fmt.Errorf("%s: %w", addr, oe.Err)
	}
	return fmt.Errorf("%s: %w", addr, err)
}

// TLSConfig serves HTTPS with a certificate and its key, PEM files.
func TLSConfig(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// JoinURLs are the links participants join by, for a room listening at
// at with the join path given (Server.Path): one per address of this
// computer when it listens on all of them, those on a network first and
// loopback last, since only this computer can use that one.
func JoinURLs(at net.Addr, path string, secure bool) []string {
	scheme := "http"
	if secure {
		scheme = "https"
	}
	ip, port := hostPort(at)
	var hosts []string
	if ip == nil || ip.IsUnspecified() {
		hosts = localAddresses()
	} else {
		hosts = []string{ip.String()}
	}
	urls := make([]string, len(hosts))
	for i, h := range hosts {
		urls[i] = scheme + "://" + net.JoinHostPort(h, port) + path
	}
	return urls
}

// OnlyHere tells whether a room listening at at can be joined from this
// computer only (it listens on loopback).
func OnlyHere(at net.Addr) bool {
	ip, _ := hostPort(at)
	return ip != nil && ip.IsLoopback()
}

func hostPort(at net.Addr) (net.IP, string) {
	if t, ok := at.(*net.TCPAddr); ok {
		return t.IP, strconv.Itoa(t.Port)
	}
	host, port, err := net.SplitHostPort(at.String())
	if err != nil {
		return nil, ""
	}
	return net.ParseIP(host), port
}

// localAddresses are this computer's IPv4 addresses on the networks it
// is up on, loopback last.
func localAddresses() []string {
	var out, loop []string
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.To4() == nil {
			continue
		}
		if ipn.IP.IsLoopback() {
			loop = append(loop, ipn.IP.String())
		} else {
			out = append(out, ipn.IP.String())
		}
	}
	if len(out)+len(loop) == 0 {
		return []string{"127.0.0.1"}
	}
	return append(out, loop...)
}
