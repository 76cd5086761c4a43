package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/google/go-cmp/cmp"
)

// Golden templates: every stack of every stage, committed under testdata/golden, so a pull request
// that changes infrastructure shows the CloudFormation change in its file diff. Refresh them on
// purpose with `make golden` (go test . -run TestGoldenTemplates -update).
var update = flag.Bool("update", false, "rewrite testdata/golden from the current synth")

const goldenDir = "testdata/golden"

// assetHash matches asset hashes (S3 keys of Lambda code, nested templates): they are normalized so
// the files hold only what a reviewer should read.
var assetHash = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// normalizedTemplate is the template file as synthesized (CDK's key order, so `cdk diff --template`
// against it shows no spurious change), with asset hashes replaced.
func normalizedTemplate(t *testing.T, asm cxapi.CloudAssembly, stack awscdk.Stack) []byte {
	t.Helper()
	data, err := os.ReadFile(*asm.GetStackArtifact(stack.ArtifactId()).TemplateFullPath())
	if err != nil {
		t.Fatal(err)
	}
	return assetHash.ReplaceAll(data, []byte("<asset-hash>"))
}

func TestGoldenTemplates(t *testing.T) {
	want := map[string]bool{}
	for name, stage := range app(t).stages {
		for _, st := range []awscdk.Stack{stage.Network.Stack, stage.Data.Stack, stage.Web.Stack} {
			file := filepath.Join(goldenDir, name, *st.StackName()+".template.json")
			want[file] = true
			got := normalizedTemplate(t, app(t).assemblies[name], st)
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			golden, err := os.ReadFile(file)
			if err != nil {
				t.Errorf("%s: %v (run `make golden` to create it)", file, err)
				continue
			}
			if !bytes.Equal(golden, got) {
				diff := cmp.Diff(strings.Split(string(golden), "\n"), strings.Split(string(got), "\n"))
				t.Errorf("%s differs from the synthesized template (-golden +synth). If the change is intended, run `make golden` and commit it.\n%s", file, diff)
			}
		}
	}
	// A golden file without a stack is a stack that was removed or renamed.
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*", "*.template.json"))
	for _, f := range files {
		if !want[f] {
			if *update {
				_ = os.Remove(f)
				continue
			}
			t.Errorf("%s belongs to no stack any more (renamed or removed?): run `make golden`", f)
		}
	}
}
