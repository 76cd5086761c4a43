package diffgate

import (
	"os"
	"strings"
	"testing"
)

// The fixtures are real `cdk diff` output of this app (cdk diff --template against edited golden
// templates): see testdata/README.md.
func parseFixture(t *testing.T, name string) (Report, string) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Parse(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return rep, string(raw)
}

func summary(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, string(c.Impact)+" "+c.Type+" "+c.LogicalID)
	}
	return out
}

func TestDatabaseReplacementIsDestructiveAndCritical(t *testing.T) {
	rep, raw := parseFixture(t, "replace-database.txt")
	got := summary(rep.Destructive())
	want := []string{
		"orphan AWS::S3::Bucket OldMediaBucket",
		"replace AWS::RDS::DBInstance DataDatabaseA9E9E962",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("destructive:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := rep.Destructive()[1]; c.Critical() != "the database" || c.Path != "Data/Data/Database" || c.Stack != "Prod/Data" {
		t.Errorf("database change = %+v (%s)", c, c.Critical())
	}
	md := rep.Markdown("Prod", false, raw)
	if !strings.HasPrefix(md, Marker("Prod")+"\n### `cdk diff` Prod: ⛔ 2 destructive change(s)") {
		t.Errorf("comment does not open with the destructive call-out:\n%s", md)
	}
	if !strings.Contains(md, "| **replace** | `Prod/Data` | `Data/Data/Database` | `AWS::RDS::DBInstance` | **the database** |") {
		t.Errorf("comment does not name the database:\n%s", md)
	}
	if !strings.Contains(rep.Markdown("Prod", true, raw), "allowed by the `allow-destructive` label") {
		t.Error("an allowed comment does not say it was allowed")
	}
}

func TestLoadBalancerReplacementAndRemoval(t *testing.T) {
	rep, raw := parseFixture(t, "replace-loadbalancer-and-removal.txt")
	got := summary(rep.Destructive())
	want := []string{
		"replace AWS::ElasticLoadBalancingV2::LoadBalancer FleetLoadBalancerFB7B619B", // critical first
		"destroy AWS::SNS::Topic OldAlarmTopic",
		"replace AWS::ElasticLoadBalancingV2::Listener FleetLoadBalancerHttpsFD0B02B1",
		"replace AWS::ElasticLoadBalancingV2::Listener FleetLoadBalancerHttpA1488D7B",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("destructive:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if md := rep.Markdown("Prod", false, raw); !strings.Contains(md, "**the load balancer (the site's address)**") {
		t.Errorf("comment does not call out the load balancer:\n%s", md)
	}
}

func TestNetworkChangeReplacesTheVpc(t *testing.T) {
	rep, _ := parseFixture(t, "network-cidr.txt")
	d := rep.Destructive()
	if len(d) == 0 || d[0].Type != "AWS::EC2::VPC" || d[0].Impact != Replace {
		t.Fatalf("first destructive change = %v, want the VPC replaced", summary(d))
	}
	if len(d) != len(rep.Changes) {
		t.Errorf("a new CIDR replaces every subnet and route: %d of %d changes destructive", len(d), len(rep.Changes))
	}
}

func TestHarmlessChangesPass(t *testing.T) {
	rep, raw := parseFixture(t, "harmless.txt")
	if d := rep.Destructive(); len(d) != 0 {
		t.Errorf("destructive = %v, want none", summary(d))
	}
	want := []string{
		"update AWS::AutoScaling::AutoScalingGroup FleetAutoScalingGroupASGDF45BDA5",
		"update AWS::ElasticLoadBalancingV2::TargetGroup FleetTargetGroupE530A1E5",
	}
	if got := summary(rep.Changes); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if md := rep.Markdown("Staging", false, raw); !strings.Contains(md, "### `cdk diff` Staging: 2 change(s), none destructive") {
		t.Errorf("comment:\n%s", md)
	}
}

func TestNoDifferences(t *testing.T) {
	rep, raw := parseFixture(t, "no-differences.txt")
	if len(rep.Changes) != 0 || len(rep.Changed) != 0 || len(rep.Stacks) != 1 {
		t.Errorf("report = %+v, want one stack and no changes", rep)
	}
	if md := rep.Markdown("Dev", false, raw); !strings.Contains(md, "Dev: no changes") {
		t.Errorf("comment:\n%s", md)
	}
}

// Several stacks in one output (as `cdk diff 'Prod/*'` prints them), with colors, and the
// conditional replacement wording of the CLI.
func TestSeveralStacksColorsAndMayBeReplaced(t *testing.T) {
	data, _ := os.ReadFile("testdata/harmless.txt")
	db, _ := os.ReadFile("testdata/replace-database.txt")
	colored := "\x1b[1mStack Prod/Web (Prod-Web)\x1b[22m\nResources\n" +
		"[~] AWS::EC2::LaunchTemplate Web/Fleet/LaunchTemplate FleetLaunchTemplate3FC2FEAE \x1b[3m\x1b[33mmay be replaced\x1b[39m\x1b[23m\n" +
		" └─ [~] LaunchTemplateName (may cause replacement)\n"
	rep, err := Parse(strings.NewReader(string(data) + colored + string(db)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rep.Stacks, ","); got != "Staging/Web,Prod/Web,Prod/Data" {
		t.Errorf("stacks = %s", got)
	}
	var may *Change
	for i, c := range rep.Changes {
		if c.Impact == MayReplace {
			may = &rep.Changes[i]
		}
	}
	if may == nil || may.LogicalID != "FleetLaunchTemplate3FC2FEAE" || may.Stack != "Prod/Web" || !may.Destructive() {
		t.Errorf("may-replace change = %+v", may)
	}
	if len(rep.Destructive()) != 3 {
		t.Errorf("destructive = %v", summary(rep.Destructive()))
	}
}

func TestNotADiff(t *testing.T) {
	if _, err := Parse(strings.NewReader("Error: Need to perform AWS calls for account 333333333333\n")); err == nil {
		t.Error("want an error for output without a stack header")
	}
}

func TestLongDiffsAreTruncatedUnderGitHubsLimit(t *testing.T) {
	rep, _ := parseFixture(t, "harmless.txt")
	md := rep.Markdown("Dev", false, strings.Repeat("[~] AWS::X::Y Path Id\n", 10000))
	if len(md) > 65536 || !strings.Contains(md, "(truncated") {
		t.Errorf("comment is %d characters, truncated=%v", len(md), strings.Contains(md, "(truncated"))
	}
}
