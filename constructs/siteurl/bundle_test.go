package siteurl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyHandlerModule copies go.mod, go.sum and the handler's sources into a fresh directory: the
// same module at another path, as on another machine or in the module cache.
func copyHandlerModule(t *testing.T) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	files := []string{"go.mod", "go.sum"}
	matches, _ := filepath.Glob(filepath.Join(root, handlerPackage, "*.go"))
	for _, m := range matches {
		rel, _ := filepath.Rel(root, m)
		files = append(files, rel)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// The asset hash depends on the handler's source and dependency versions only: not on the path of
// the checkout, file times, tests, or the Go toolchain. So `cdk diff` shows a Lambda change exactly
// when the handler changed.
func TestAssetHashFollowsTheHandlerSourceOnly(t *testing.T) {
	here, err := assetHash()
	if err != nil {
		t.Fatal(err)
	}
	moved := copyHandlerModule(t)
	elsewhere, err := hashHandler(moved)
	if err != nil {
		t.Fatal(err)
	}
	if elsewhere != here {
		t.Errorf("the same source at another path hashes to %s, not %s", elsewhere, here)
	}

	// A test file and CRLF line endings (a Windows checkout) change nothing.
	main := filepath.Join(moved, handlerPackage, "main.go")
	data, _ := os.ReadFile(main)
	_ = os.WriteFile(filepath.Join(moved, handlerPackage, "extra_test.go"), []byte("package main\n"), 0o644)
	_ = os.WriteFile(main, []byte(strings.ReplaceAll(string(data), "\n", "\r\n")), 0o644)
	if got, _ := hashHandler(moved); got != here {
		t.Errorf("a test file or CRLF endings changed the hash to %s", got)
	}

	// A change to the handler's code changes it.
	_ = os.WriteFile(main, append(data, []byte("\n// a change\n")...), 0o644)
	if got, _ := hashHandler(moved); got == here {
		t.Error("a change to main.go left the hash unchanged: cdk diff would hide a handler change")
	}
}
