// Command modproxy writes a file-based GOPROXY that serves this repository's committed tree (HEAD)
// as one version of github.com/wpfleet/wpfleet, so a consumer module can depend on it exactly as on
// a published release: downloaded into the module cache, no replace directive.
//
//	go run ./internal/modproxy DIR VERSION
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

const modulePath = "github.com/wpfleet/wpfleet"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: modproxy DIR VERSION")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(dir, version string) error {
	mv := module.Version{Path: modulePath, Version: version}
	if err := module.Check(mv.Path, mv.Version); err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	at := filepath.Join(dir, modulePath, "@v")
	if err := os.MkdirAll(at, 0o750); err != nil {
		return err
	}
	z, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		return err
	}
	if err := zip.CreateFromVCS(z, mv, root, "HEAD", ""); err != nil {
		_ = z.Close()
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, version+".mod"), goMod, 0o600); err != nil {
		return err
	}
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	if err := os.WriteFile(filepath.Join(at, version+".info"), info, 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(at, "list"), []byte(strings.TrimSpace(version)+"\n"), 0o600)
}
