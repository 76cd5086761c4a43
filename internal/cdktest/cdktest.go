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
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	jsiiruntime "github.com/aws/jsii-runtime-go/runtime"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
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
	// What the CLI adds for `cdk synth`: construct paths and asset metadata in the templates.
	ctx["aws:cdk:enable-path-metadata"] = true
	ctx["aws:cdk:enable-asset-metadata"] = true
	return ctx, nil
})

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path) //nolint:gosec // G304: cdk.json and cdk.context.json of this repository
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

// NagContext is the context for an app whose stacks get ApplyNag: cdk-nag reports findings as error
// annotations, and with annotationsInValidationReport on, the first one would abort synth before
// NagFindings could list them all.
var NagContext = map[string]any{"@aws-cdk/core:annotationsInValidationReport": false}

// ApplyNag adds cdk-nag's AwsSolutions pack to scope (a stack or a stage: aspects do not cross
// stage boundaries, so applying it to an App misses the stacks inside its stages). Call it before
// the first synth. Suppressed findings are kept as info annotations, for UnusedSuppressions.
func ApplyNag(scope constructs.IConstruct) {
	awscdk.Aspects_Of(scope).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{
		Verbose:    jsii.Bool(true),
		Reports:    jsii.Bool(false),
		LogIgnores: jsii.Bool(true),
	}), nil)
}

// Suppression is one cdk-nag suppression found on a resource.
type Suppression struct {
	Path, Rule, Reason string
	AppliesTo          []string
}

// Suppressions lists every cdk-nag suppression recorded as metadata on the resources under scope.
func Suppressions(scope constructs.IConstruct) []Suppression {
	var out []Suppression
	for _, c := range *scope.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if !*awscdk.CfnResource_IsCfnResource(c) {
			continue
		}
		// The node may be a resource type this binary has no Go proxy for: call getMetadata by name.
		var raw any
		jsiiruntime.Invoke(c, "getMetadata", []any{jsii.String("cdk_nag")}, &raw)
		md, ok := raw.(map[string]any)
		if !ok {
			continue
		}
		rules, _ := md["rules_to_suppress"].([]any)
		for _, r := range rules {
			rule, _ := r.(map[string]any)
			s := Suppression{Path: *c.Node().Path()}
			s.Rule, _ = rule["id"].(string)
			s.Reason, _ = rule["reason"].(string)
			applies, _ := rule["applies_to"].([]any)
			for _, a := range applies {
				s.AppliesTo = append(s.AppliesTo, fmt.Sprint(a))
			}
			out = append(out, s)
		}
	}
	return out
}

var suppressedRule = regexp.MustCompile(`^CdkNagSuppression(?:\[[^\]]*\])?: ([A-Za-z0-9-]+)`)

// UnusedSuppressions returns the suppressions in stack that excused no finding in its synth (after
// ApplyNag): they no longer match anything and should go.
//
//nolint:staticcheck // SA1019: the assertions API still returns cxapi.SynthesisMessage
func UnusedSuppressions(stack awscdk.Stack) []Suppression {
	used := map[string]bool{}
	infos := assertions.Annotations_FromStack(stack).FindInfo(jsii.String("*"),
		assertions.Match_StringLikeRegexp(jsii.String("^CdkNagSuppression")))
	for _, m := range *infos {
		if match := suppressedRule.FindStringSubmatch(fmt.Sprint(m.Entry.Data)); match != nil {
			used[strings.TrimPrefix(*m.Id, "/")+"|"+match[1]] = true
		}
	}
	var unused []Suppression
	for _, s := range Suppressions(stack) {
		if !used[s.Path+"|"+s.Rule] {
			unused = append(unused, s)
		}
	}
	return unused
}

// NagFindings returns the unsuppressed AwsSolutions errors and warnings on stack, one line each
// ("path: message"), after ApplyNag; findings on paths containing one of standIns (a test's own
// VPC or database, say) are left out.
//
//nolint:staticcheck // SA1019: the assertions API still returns cxapi.SynthesisMessage
func NagFindings(stack awscdk.Stack, standIns ...string) []string {
	annotations := assertions.Annotations_FromStack(stack)
	rule := assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))
	var out []string
	for _, msgs := range []*[]*cxapi.SynthesisMessage{
		annotations.FindError(jsii.String("*"), rule),
		annotations.FindWarning(jsii.String("*"), rule),
	} {
	next:
		for _, m := range *msgs {
			for _, skip := range standIns {
				if strings.Contains(*m.Id, skip) {
					continue next
				}
			}
			out = append(out, fmt.Sprintf("%s: %v", *m.Id, m.Entry.Data))
		}
	}
	return out
}

// Check runs assertion, a jsii assertion that panics when it fails, and reports that failure through
// t instead, so one failed assertion does not abort the rest of the test binary.
func Check(t testing.TB, assertion func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Helper()
			t.Errorf("%v", r)
		}
	}()
	assertion()
}

var reportPath = regexp.MustCompile(`found in: (\S+validation-report\.json)`)

// Template synthesizes stack and returns its template. When synth fails CDK's template validation,
// the panic carries the violations themselves, not only the path of a report in a temp directory.
func Template(stack awscdk.Stack) assertions.Template {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		msg := fmt.Sprint(r)
		if m := reportPath.FindStringSubmatch(msg); m != nil {
			if report, err := os.ReadFile(m[1]); err == nil {
				msg += "\n" + summarizeReport(report)
			}
		}
		panic(msg)
	}()
	return assertions.Template_FromStack(stack, nil)
}

func summarizeReport(data []byte) string {
	var report struct {
		PluginReports []struct {
			PluginName string
			Violations []struct {
				RuleName, Description, Severity string
				ViolatingConstructs             []struct{ ConstructPath string }
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		return string(data)
	}
	var b strings.Builder
	for _, p := range report.PluginReports {
		for _, v := range p.Violations {
			var paths []string
			for _, c := range v.ViolatingConstructs {
				paths = append(paths, c.ConstructPath)
			}
			fmt.Fprintf(&b, "%s %s %s: %s %v\n", p.PluginName, v.Severity, v.RuleName, v.Description, paths)
		}
	}
	return b.String()
}

// ExpectNoUnusedSuppressions fails t for every suppression in stack that excused no finding.
func ExpectNoUnusedSuppressions(t testing.TB, name string, stack awscdk.Stack) {
	t.Helper()
	for _, s := range UnusedSuppressions(stack) {
		t.Errorf("%s: suppression %s on %s excuses no finding any more: remove it", name, s.Rule, s.Path)
	}
}
