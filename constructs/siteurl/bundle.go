package siteurl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

const (
	modulePath = "github.com/wpfleet/wpfleet"
	// handlerPackage is the handler's directory inside the module.
	handlerPackage = "constructs/siteurl/handler"
)

// buildFlags are part of the asset hash: changing them changes the binary.
var buildFlags = []string{"build", "-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w -buildid=", "-o"}

// buildEnv cross-compiles a static linux/arm64 binary, ignoring any go.work of the caller's, with
// the toolchain wpfleet's go.mod names (downloaded through the module proxy when the local Go is
// older), so the deployed function carries a patched standard library.
func buildEnv() []string {
	return append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=readonly", "GOTOOLCHAIN=auto")
}

// moduleRoot finds the wpfleet module's directory: this file's own directory when the program was
// built from source (go run, go test), else what `go list -m` says from the caller's module.
var moduleRoot = sync.OnceValues(func() (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
		if _, err := os.Stat(filepath.Join(root, handlerPackage, "main.go")); err == nil {
			return root, nil
		}
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", modulePath).Output()
	if err != nil {
		return "", fmt.Errorf("siteurl: cannot find the %s module's source to build the handler (go list -m: %w)", modulePath, err)
	}
	root := strings.TrimSpace(string(out))
	if _, err := os.Stat(filepath.Join(root, handlerPackage, "main.go")); err != nil {
		return "", fmt.Errorf("siteurl: %s has no handler source at %s", modulePath, filepath.Join(root, handlerPackage))
	}
	return root, nil
})

// assetHash identifies the handler binary by its inputs: the handler's Go files, the exact versions
// of every module it imports, and the build flags. The Go toolchain and the machine are left out, so
// `cdk diff` shows no Lambda change unless the handler's source or dependencies change.
var assetHash = sync.OnceValues(func() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	return hashHandler(root)
})

// hashHandler computes the asset hash of the handler in the module at root.
func hashHandler(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "flags %q linux/arm64\n", buildFlags)

	// The go and toolchain lines of go.mod: a deliberate toolchain bump (a security fix in the
	// standard library) redeploys the function; the Go installed on a machine does not.
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod")) //nolint:gosec // G304: the module's go.mod
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(goMod), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "go ") || strings.HasPrefix(line, "toolchain ") {
			fmt.Fprintf(h, "%s\n", line)
		}
	}

	files, err := filepath.Glob(filepath.Join(root, handlerPackage, "*.go"))
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f) //nolint:gosec // G304: the handler's own source files, by glob

		if err != nil {
			return "", err
		}
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		fmt.Fprintf(h, "file %s %d\n", filepath.Base(f), len(data))
		h.Write(data)
	}

	cmd := exec.Command("go", "list", "-deps", "-json=Module", "./"+handlerPackage)
	cmd.Dir, cmd.Env = root, buildEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("siteurl: go list the handler's dependencies: %w\n%s", err, stderr.String())
	}
	modules := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var pkg struct {
			Module *struct{ Path, Version string }
		}
		if err := dec.Decode(&pkg); err != nil {
			return "", err
		}
		if pkg.Module != nil && pkg.Module.Path != modulePath {
			modules[pkg.Module.Path+"@"+pkg.Module.Version] = true
		}
	}
	for _, m := range slices.Sorted(func(yield func(string) bool) {
		for m := range modules {
			if !yield(m) {
				return
			}
		}
	}) {
		fmt.Fprintf(h, "module %s\n", m)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// goBundler builds the handler with the local Go toolchain (no Docker). jsii needs a pointer
// receiver, and the value is passed as a pointer.
type goBundler struct{}

func (b *goBundler) TryBundle(outputDir *string, _ *awscdk.BundlingOptions) *bool {
	root, err := moduleRoot()
	if err != nil {
		panic(err)
	}
	args := append(slices.Clone(buildFlags), filepath.Join(*outputDir, "bootstrap"), "./"+handlerPackage)
	cmd := exec.Command("go", args...) //nolint:gosec // G204: fixed flags; only the output path varies
	cmd.Dir, cmd.Env = root, buildEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("siteurl: building the handler (go %s in %s) failed: %v\n%s", strings.Join(args, " "), root, err, out))
	}
	return jsii.Bool(true)
}
