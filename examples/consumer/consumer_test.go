package main

import (
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// The consumer's app synthesizes with the constructs as another module sees them, and the site URL
// function is built from wherever Go keeps the wpfleet module: the module cache when it is a plain
// dependency (scripts/consumer.sh), the repository with a replace directive.
func TestConsumerSynthesizesAFleetAndBundlesTheHandler(t *testing.T) {
	out := t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(out)})
	site := NewSite(app, "Blog", &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}})
	tmpl := assertions.Template_FromStack(site.Stack, nil)

	tmpl.ResourceCountIs(jsii.String("AWS::AutoScaling::AutoScalingGroup"), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String("AWS::EC2::LaunchTemplate"), &map[string]any{
		"LaunchTemplateData": assertions.Match_ObjectLike(&map[string]any{"ImageId": "ami-0c0ffee0c0ffee000"}),
	})
	tmpl.HasResourceProperties(jsii.String("Custom::WordPressSiteUrl"), &map[string]any{"TablePrefix": "wp_"})

	// The handler was bundled: a linux/arm64 bootstrap in the asset the function names.
	var key string
	for _, r := range *tmpl.FindResources(jsii.String("AWS::Lambda::Function"), &map[string]any{
		"Properties": map[string]any{"Runtime": "provided.al2023"},
	}) {
		key = (*r)["Properties"].(map[string]any)["Code"].(map[string]any)["S3Key"].(string)
	}
	bin, err := elf.Open(filepath.Join(out, "asset."+strings.TrimSuffix(key, ".zip"), "bootstrap"))
	if err != nil {
		t.Fatalf("the site URL handler was not bundled: %v", err)
	}
	defer bin.Close()
	if bin.Machine != elf.EM_AARCH64 {
		t.Errorf("bootstrap is built for %v, want arm64", bin.Machine)
	}

	// Where the wpfleet module came from.
	info, err := exec.Command("go", "list", "-m", "-json", "github.com/wpfleet/wpfleet").Output()
	if err != nil {
		t.Fatal(err)
	}
	var mod struct {
		Dir     string
		Version string
		Replace *struct{ Dir string }
	}
	_ = json.Unmarshal(info, &mod)
	cache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	inCache := strings.HasPrefix(mod.Dir, strings.TrimSpace(string(cache)))
	t.Logf("wpfleet %s from %s (module cache: %v)", mod.Version, mod.Dir, inCache)
	if os.Getenv("WPFLEET_CONSUMER_FROM_CACHE") != "" && (!inCache || mod.Replace != nil) {
		t.Errorf("wpfleet came from %s, want the module cache (no replace)", mod.Dir)
	}
}
