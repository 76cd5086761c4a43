// Package cdktest builds CDK apps for tests the way the CDK CLI builds them for `cdk synth`: with the
// feature flags of the repository's cdk.json and the lookups committed in cdk.context.json, so a
// test sees the same templates a deploy would, with no AWS credentials.
package cdktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
)

// RepoRoot is the directory holding the repository's go.mod, cdk.json and cdk.context.json.
var RepoRoot = sync.OnceValue(func() string {
	dir, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "cdk.json")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			panic("cdktest: no cdk.json in any parent directory")
		}
		dir = parent
	}
})

var cliContext = sync.OnceValues(func() (map[string]any, error) {
	root := RepoRoot()
	var cdkJSON struct {
		Context map[string]any `json:"context"`
	}
	if err := readJSON(filepath.Join(root, "cdk.json"), &cdkJSON); err != nil {
		return nil, err
	}
	lookups := map[string]any{}
	if err := readJSON(filepath.Join(root, "cdk.context.json"), &lookups); err != nil {
		return nil, err
	}
	ctx := maps.Clone(cdkJSON.Context)
	maps.Copy(ctx, lookups)
	return ctx, nil
})

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Context returns the context the CDK CLI would hand the app: cdk.json's "context" (feature flags)
// merged with cdk.context.json (cached lookups), plus extra (which wins).
func Context(extra map[string]any) map[string]any {
	ctx, err := cliContext()
	if err != nil {
		panic(fmt.Sprintf("cdktest: %v", err))
	}
	out := maps.Clone(ctx)
	maps.Copy(out, extra)
	return out
}

// NewApp returns an App with the CLI's context (see Context) and extra context on top.
func NewApp(extra map[string]any) awscdk.App {
	ctx := Context(extra)
	return awscdk.NewApp(&awscdk.AppProps{Context: &ctx})
}
