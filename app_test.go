package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/internal/cdktest"
	"github.com/wpfleet/wpfleet/stacks"
)

// synthesized is the whole app, synthesized once and shared by every test in this file: one synth
// costs seconds of jsii start-up.
type synthesized struct {
	stages     map[string]*stacks.EnvironmentStage
	assemblies map[string]cxapi.CloudAssembly
}

var synthApp = sync.OnceValues(func() (*synthesized, error) {
	app := cdktest.NewApp(cdktest.NagContext)
	stages, err := stacks.NewStages(app, stacks.Environments())
	if err != nil {
		return nil, err
	}
	s := &synthesized{stages: map[string]*stacks.EnvironmentStage{}, assemblies: map[string]cxapi.CloudAssembly{}}
	for _, stage := range stages {
		cdktest.ApplyNag(stage.Stage)
		s.stages[*stage.StageName()] = stage
		s.assemblies[*stage.StageName()] = stage.Synth(nil)
	}
	return s, nil
})

func app(t *testing.T) *synthesized {
	t.Helper()
	s, err := synthApp()
	if err != nil {
		t.Fatalf("the sample environments do not synthesize: %v", err)
	}
	return s
}

// template returns the synthesized template of one stack as a Go value.
func template(t *testing.T, stack awscdk.Stack) map[string]any {
	t.Helper()
	return *assertions.Template_FromStack(stack, nil).ToJSON()
}

func tagValue(res map[string]any, key string) string {
	tags, _ := cdktest.Props(res)["Tags"].([]any)
	for _, tag := range tags {
		kv := tag.(map[string]any)
		if kv["Key"] == key {
			s, _ := kv["Value"].(string)
			return s
		}
	}
	return ""
}

func TestEveryEnvironmentIsAStageWithNamedStacks(t *testing.T) {
	s := app(t)
	want := map[string]struct{ account, region string }{
		"Dev":     {"111111111111", "us-east-1"},
		"Staging": {"222222222222", "us-east-1"},
		"Prod":    {"333333333333", "ap-southeast-1"},
	}
	if len(s.assemblies) != len(want) {
		t.Fatalf("stages: got %d, want %d", len(s.assemblies), len(want))
	}
	for stage, env := range want {
		asm, ok := s.assemblies[stage]
		if !ok {
			t.Errorf("no stage %q", stage)
			continue
		}
		var names []string
		for _, st := range *asm.Stacks() {
			names = append(names, *st.HierarchicalId()+"="+*st.StackName())
			if got := *st.Environment().Account; got != env.account {
				t.Errorf("%s: account %s, want %s", *st.HierarchicalId(), got, env.account)
			}
			if got := *st.Environment().Region; got != env.region {
				t.Errorf("%s: region %s, want %s", *st.HierarchicalId(), got, env.region)
			}
		}
		slices.Sort(names)
		wantNames := []string{stage + "/Data=" + stage + "-Data", stage + "/Network=" + stage + "-Network", stage + "/Web=" + stage + "-Web"}
		if !slices.Equal(names, wantNames) {
			t.Errorf("%s stacks: got %v, want %v", stage, names, wantNames)
		}
	}
}

// A lookup missing from cdk.context.json would make `cdk synth` call AWS (and fail without
// credentials) or, in tests, silently synthesize dummy values.
func TestNoContextLookupIsMissing(t *testing.T) {
	for stage, asm := range app(t).assemblies {
		// The manifest is read from disk: the jsii proxy of Manifest() cannot unmarshal its unions.
		data, err := os.ReadFile(filepath.Join(*asm.Directory(), "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var manifest struct {
			Missing []struct{ Key string } `json:"missing"`
		}
		if err := json.Unmarshal(data, &manifest); err != nil {
			t.Fatal(err)
		}
		for _, m := range manifest.Missing {
			t.Errorf("%s: lookup missing from cdk.context.json: %s", stage, m.Key)
		}
	}
}

func TestNetworkPerEnvironment(t *testing.T) {
	cases := []struct {
		stage         string
		azs           []string
		nat           int
		cidr          string
		flowRetention float64
	}{
		{"Dev", []string{"us-east-1a", "us-east-1b"}, 1, "10.10.0.0/16", 7},
		{"Staging", []string{"us-east-1a", "us-east-1b"}, 1, "10.20.0.0/16", 30},
		{"Prod", []string{"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"}, 3, "10.30.0.0/16", 365},
	}
	for _, c := range cases {
		t.Run(c.stage, func(t *testing.T) {
			tmpl := template(t, app(t).stages[c.stage].Network.Stack)

			vpcs := cdktest.ResourcesOfType(tmpl, "AWS::EC2::VPC")
			if len(vpcs) != 1 {
				t.Fatalf("VPCs: got %d, want 1", len(vpcs))
			}
			for _, vpc := range vpcs {
				if got := cdktest.Props(vpc)["CidrBlock"]; got != c.cidr {
					t.Errorf("VPC CIDR %v, want %s", got, c.cidr)
				}
			}

			// Every tier has one subnet in every AZ, and only in those AZs.
			tiers := map[string][]string{}
			for _, subnet := range cdktest.ResourcesOfType(tmpl, "AWS::EC2::Subnet") {
				tier := tagValue(subnet, "aws-cdk:subnet-name") + "/" + tagValue(subnet, "aws-cdk:subnet-type")
				tiers[tier] = append(tiers[tier], cdktest.Props(subnet)["AvailabilityZone"].(string))
			}
			wantTiers := []string{"App/Private", "Data/Isolated", "Public/Public"}
			if got := slices.Sorted(func(yield func(string) bool) {
				for k := range tiers {
					if !yield(k) {
						return
					}
				}
			}); !slices.Equal(got, wantTiers) {
				t.Errorf("subnet tiers %v, want %v", got, wantTiers)
			}
			for tier, azs := range tiers {
				slices.Sort(azs)
				if !slices.Equal(azs, c.azs) {
					t.Errorf("%s subnets in %v, want %v", tier, azs, c.azs)
				}
			}

			if got := len(cdktest.ResourcesOfType(tmpl, "AWS::EC2::NatGateway")); got != c.nat {
				t.Errorf("NAT gateways: got %d, want %d", got, c.nat)
			}
			// Isolated (database) subnets have no route to a NAT or internet gateway.
			for id, route := range cdktest.ResourcesOfType(tmpl, "AWS::EC2::Route") {
				if strings.Contains(id, "Data") {
					t.Errorf("isolated subnet route %s must not exist: %v", id, cdktest.Props(route))
				}
			}

			tpl := assertions.Template_FromStack(app(t).stages[c.stage].Network.Stack, nil)
			tpl.HasResourceProperties(jsii.String("AWS::EC2::FlowLog"), &map[string]any{
				"ResourceType":       "VPC",
				"TrafficType":        "ALL",
				"LogDestinationType": "cloud-watch-logs",
				"ResourceId":         map[string]any{"Ref": assertions.Match_AnyValue()},
			})
			tpl.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), &map[string]any{
				"RetentionInDays": c.flowRetention,
			})
			tpl.HasResourceProperties(jsii.String("AWS::EC2::VPCEndpoint"), &map[string]any{
				"VpcEndpointType": "Gateway",
				"ServiceName":     assertions.Match_AnyValue(),
			})
		})
	}
}

func TestInvalidSettingsFailBeforeAnythingIsBuilt(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*stacks.Environment)
		want   string
	}{
		{"malformed account", func(e *stacks.Environment) { e.Account = "12345" }, `environment Prod: Account: "12345" is not a 12-digit AWS account ID`},
		{"unknown region", func(e *stacks.Environment) { e.Region = "mars-north-1" }, `environment Prod: Region: "mars-north-1" is not a known AWS region`},
		{"too few NAT gateways", func(e *stacks.Environment) { e.Network.NatGateways = 0 }, `environment Prod: Network.NatGateways: 0 must be between 1 and MaxAzs (3)`},
		{"more NAT gateways than AZs", func(e *stacks.Environment) { e.Network.NatGateways = 4 }, `environment Prod: Network.NatGateways: 4 must be between 1 and MaxAzs (3)`},
		{"single AZ", func(e *stacks.Environment) { e.Network.MaxAzs = 1; e.Network.NatGateways = 1 }, `environment Prod: Network.MaxAzs: 1 must be between 2 and 6`},
		{"bad CIDR", func(e *stacks.Environment) { e.Network.Cidr = "10.0.0.0/33" }, `environment Prod: Network.Cidr: "10.0.0.0/33" is not an IPv4 CIDR block`},
		{"small CIDR", func(e *stacks.Environment) { e.Network.Cidr = "10.0.0.0/24" }, `environment Prod: Network.Cidr: "10.0.0.0/24" must be a /16, /17 or /18`},
		{"bad stage name", func(e *stacks.Environment) { e.Name = "prod env" }, `environment prod env: Name: "prod env" must start with a letter`},
		{"max below min", func(e *stacks.Environment) { e.Web.MaxCapacity = 1 }, `environment Prod: Web.MaxCapacity: 1 must be >= 1 and >= MinCapacity (2)`},
		{"no AMI", func(e *stacks.Environment) { e.Web.AmiName = "" }, `environment Prod: Web.AmiName: must name the golden AMI`},
		{"bad instance type", func(e *stacks.Environment) { e.Web.InstanceTypes = []string{"large"} }, `environment Prod: Web.InstanceTypes: "large" is not an EC2 instance type`},
		{"cpu target above 100", func(e *stacks.Environment) { e.Web.CpuTargetPercent = 150 }, `environment Prod: Web.CpuTargetPercent: 150 must be between 1 and 100`},
		{"domain outside zone", func(e *stacks.Environment) { e.Web.DomainName = "www.example.org" }, `environment Prod: Web.DomainName: "www.example.org" is not inside hosted zone "example.com"`},
		{"backups too short", func(e *stacks.Environment) { e.Data.BackupRetentionDays = 0 }, `environment Prod: Data.BackupRetentionDays: 0 must be between 1 and 35`},
		{"db instance type with prefix", func(e *stacks.Environment) { e.Data.InstanceType = "db.m7g.large" }, `environment Prod: Data.InstanceType: "db.m7g.large" is not an instance type`},
		{"existing database and new-database settings", func(e *stacks.Environment) {
			e.Data.Existing = &stacks.ExistingDatabase{InstanceIdentifier: "wp", Endpoint: "wp.example", Port: 3306, SecurityGroupID: "sg-1", SecretArn: "arn:aws:secretsmanager:ap-southeast-1:333333333333:secret:wp-AbCdEf"}
		}, `environment Prod: Data.Existing: conflicts with InstanceType/MultiAz`},
		{"domain without certificate", func(e *stacks.Environment) { e.Web.HostedZoneID, e.Web.HostedZoneName = "", "" }, `environment Prod: Web.DomainName: "www.example.com" needs HostedZoneID+HostedZoneName or CertificateArn`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := stacks.Prod()
			c.mutate(&env)
			scope := awscdk.NewApp(nil)
			stages, err := stacks.NewStages(scope, []stacks.Environment{stacks.Dev(), env})
			if err == nil {
				t.Fatalf("want an error containing %q, got none", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\ndoes not contain %q", err, c.want)
			}
			if stages != nil || len(*scope.Node().Children()) != 0 {
				t.Errorf("nothing may be built when settings are invalid; got %d stages", len(stages))
			}
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	env := stacks.Staging()
	env.Account = "x"
	env.Region = "nowhere"
	env.Network.MaxAzs = 9
	err := stacks.ValidateAll([]stacks.Environment{env, stacks.Staging()})
	if err == nil {
		t.Fatal("want errors, got none")
	}
	for _, want := range []string{
		`environment Staging: Account: "x"`,
		`environment Staging: Region: "nowhere"`,
		`environment Staging: Network.MaxAzs: 9`,
		`environment Staging: Name: "Staging" is used by more than one environment`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\ndoes not contain %q", err, want)
		}
	}
}

func lbAttributes(tmpl map[string]any) map[string]any {
	out := map[string]any{}
	for _, lb := range cdktest.ResourcesOfType(tmpl, "AWS::ElasticLoadBalancingV2::LoadBalancer") {
		for _, a := range cdktest.Props(lb)["LoadBalancerAttributes"].([]any) {
			kv := a.(map[string]any)
			out[kv["Key"].(string)] = kv["Value"]
		}
	}
	return out
}

func TestWebFleetPerEnvironment(t *testing.T) {
	cases := []struct {
		stage, ami, instanceType string
		min, max                 string
		listenerPorts            []float64
		deletionProtection       string
		accessLogs               bool
		siteURL                  string
	}{
		{"Dev", "ami-0d1e2f3a4b5c6d7e8", "t3.small", "1", "2", []float64{80}, "false", false, "http://"},
		{"Staging", "ami-0f9e8d7c6b5a49382", "t3.small", "1", "3", []float64{80}, "false", true, "http://"},
		{"Prod", "ami-07a6b5c4d3e2f1a09", "t3.medium", "2", "6", []float64{80, 443}, "true", true, "https://www.example.com"},
	}
	for _, c := range cases {
		t.Run(c.stage, func(t *testing.T) {
			web := app(t).stages[c.stage].Web
			tmpl := template(t, web.Stack)
			for _, lt := range cdktest.ResourcesOfType(tmpl, "AWS::EC2::LaunchTemplate") {
				data := cdktest.Props(lt)["LaunchTemplateData"].(map[string]any)
				if data["ImageId"] != c.ami {
					t.Errorf("ImageId %v, want %s from cdk.context.json", data["ImageId"], c.ami)
				}
				if data["InstanceType"] != c.instanceType {
					t.Errorf("InstanceType %v, want %s", data["InstanceType"], c.instanceType)
				}
			}
			for _, asg := range cdktest.ResourcesOfType(tmpl, "AWS::AutoScaling::AutoScalingGroup") {
				p := cdktest.Props(asg)
				if p["MinSize"] != c.min || p["MaxSize"] != c.max {
					t.Errorf("min/max %v/%v, want %s/%s", p["MinSize"], p["MaxSize"], c.min, c.max)
				}
				if _, ok := p["DesiredCapacity"]; ok {
					t.Error("DesiredCapacity must not be in the template")
				}
				// Instances only in the App subnets, exported by the Network stack.
				if got := fmt.Sprint(p["VPCZoneIdentifier"]); !strings.Contains(got, "AppSubnet") || strings.Contains(got, "Public") {
					t.Errorf("VPCZoneIdentifier %s, want the App subnets only", got)
				}
			}
			var ports []float64
			for _, l := range cdktest.ResourcesOfType(tmpl, "AWS::ElasticLoadBalancingV2::Listener") {
				ports = append(ports, cdktest.Props(l)["Port"].(float64))
			}
			if slices.Sort(ports); !slices.Equal(ports, c.listenerPorts) {
				t.Errorf("listener ports %v, want %v", ports, c.listenerPorts)
			}
			attrs := lbAttributes(tmpl)
			if attrs["deletion_protection.enabled"] != c.deletionProtection {
				t.Errorf("deletion protection %v, want %s", attrs["deletion_protection.enabled"], c.deletionProtection)
			}
			if got := attrs["access_logs.s3.enabled"] == "true"; got != c.accessLogs {
				t.Errorf("access logs %v, want %v", got, c.accessLogs)
			}
			if got := *web.Fleet.SiteUrl(); !strings.HasPrefix(got, c.siteURL) {
				t.Errorf("site URL %s, want %s...", got, c.siteURL)
			}
		})
	}
}

func TestDataTierPerEnvironment(t *testing.T) {
	cases := []struct {
		stage, class         string
		multiAz, deletion    bool
		backupDays           float64
		terminationProtected bool
	}{
		{"Dev", "db.t4g.micro", false, false, 1, false},
		{"Staging", "db.t4g.small", false, true, 7, false},
		{"Prod", "db.m7g.large", true, true, 14, true},
	}
	for _, c := range cases {
		t.Run(c.stage, func(t *testing.T) {
			data := app(t).stages[c.stage].Data
			tmpl := template(t, data.Stack)
			dbs := cdktest.ResourcesOfType(tmpl, "AWS::RDS::DBInstance")
			if len(dbs) != 1 {
				t.Fatalf("databases: %d, want 1", len(dbs))
			}
			for id, db := range dbs {
				p := cdktest.Props(db)
				if id != "DataDatabaseA9E9E962" {
					t.Errorf("database logical ID %s changed: that replaces the database", id)
				}
				if p["DBInstanceClass"] != c.class || p["MultiAZ"] != c.multiAz || p["DeletionProtection"] != c.deletion || p["BackupRetentionPeriod"] != c.backupDays {
					t.Errorf("database class/multi-AZ/deletion protection/backups = %v/%v/%v/%v, want %s/%v/%v/%v",
						p["DBInstanceClass"], p["MultiAZ"], p["DeletionProtection"], p["BackupRetentionPeriod"], c.class, c.multiAz, c.deletion, c.backupDays)
				}
				if db["DeletionPolicy"] != "Snapshot" {
					t.Errorf("DeletionPolicy %v, want Snapshot", db["DeletionPolicy"])
				}
			}
			if got := *data.TerminationProtection(); got != c.terminationProtected {
				t.Errorf("termination protection %v, want %v", got, c.terminationProtected)
			}
			// The Web stack reads the data tier from this stack: endpoint, secret and bucket in the
			// AMI contract, and the database port opened to the fleet only.
			web := template(t, app(t).stages[c.stage].Web.Stack)
			userData := ""
			for _, lt := range cdktest.ResourcesOfType(web, "AWS::EC2::LaunchTemplate") {
				b, _ := json.Marshal(cdktest.Props(lt)["LaunchTemplateData"].(map[string]any)["UserData"])
				b, _ = json.Marshal(string(b)) // quote it, as the expected strings are
				userData = string(b)
			}
			for _, want := range []string{
				`WPFLEET_DB_HOST='\",{\"Fn::GetStackOutput\":{\"OutputName\":\"PublishOutputFnGetAttDataDatabaseA9E9E962EndpointAddress`,
				`WPFLEET_DB_SECRET_ARN='\",{\"Fn::GetStackOutput\":{\"OutputName\":\"PublishOutputRefDataDatabaseSecretAttachment`,
				`WPFLEET_MEDIA_BUCKET='\",{\"Fn::GetStackOutput\":{\"OutputName\":\"PublishOutputRefDataMediaBucketC84E36E3`,
				`\"StackName\":\"` + c.stage + `-Data\"`,
			} {
				if !strings.Contains(userData, want) {
					t.Errorf("user data lacks %s:\n%s", want, userData)
				}
			}
			// The database admits exactly the fleet and the site URL function.
			var sources []string
			for _, r := range cdktest.ResourcesOfType(web, "AWS::EC2::SecurityGroupIngress") {
				b, _ := json.Marshal(cdktest.Props(r))
				if strings.Contains(string(b), "DatabaseSecurityGroup") {
					src, _ := json.Marshal(cdktest.Props(r)["SourceSecurityGroupId"])
					sources = append(sources, string(src))
				}
			}
			slices.Sort(sources)
			want := []string{
				`{"Fn::GetAtt":["FleetInstanceSecurityGroupA8C3D7AD","GroupId"]}`,
				`{"Fn::GetAtt":["WpfleetSiteUrlProviderSecurityGroup1DC3EDD7","GroupId"]}`,
			}
			if !slices.Equal(sources, want) {
				t.Errorf("database ingress from %v, want exactly %v", sources, want)
			}
		})
	}
}

func TestSiteUrlCustomResourcePerEnvironment(t *testing.T) {
	for stage, want := range map[string]string{
		"Dev":     `{"Fn::Join":["",["http://",{"Fn::GetAtt":["FleetLoadBalancerFB7B619B","DNSName"]}]]}`,
		"Staging": `{"Fn::Join":["",["http://",{"Fn::GetAtt":["FleetLoadBalancerFB7B619B","DNSName"]}]]}`,
		"Prod":    `"https://www.example.com"`,
	} {
		t.Run(stage, func(t *testing.T) {
			web := template(t, app(t).stages[stage].Web.Stack)
			crs := cdktest.ResourcesOfType(web, "Custom::WordPressSiteUrl")
			if len(crs) != 1 {
				t.Fatalf("site URL resources: %d, want 1", len(crs))
			}
			for _, cr := range crs {
				p := cdktest.Props(cr)
				if got, _ := json.Marshal(p["SiteUrl"]); string(got) != want {
					t.Errorf("SiteUrl = %s, want %s", got, want)
				}
				if got, _ := json.Marshal(p["SecretArn"]); !strings.Contains(string(got), `"OutputName":"PublishOutputRefDataDatabaseSecretAttachment`) {
					t.Errorf("SecretArn = %s, want the Data stack's secret", got)
				}
				if p["TablePrefix"] != "wp_" || p["ServiceTimeout"] != "300" {
					t.Errorf("TablePrefix/ServiceTimeout = %v/%v", p["TablePrefix"], p["ServiceTimeout"])
				}
				if deps, _ := json.Marshal(cr["DependsOn"]); !strings.Contains(string(deps), "FleetLoadBalancerFB7B619B") {
					t.Errorf("DependsOn = %s, want the load balancer", deps)
				}
			}
		})
	}
}

// Every stack of every stage passes cdk-nag's AwsSolutions pack: each finding is either fixed or
// suppressed next to its resource with a reason specific to it; and no suppression is left over
// after what it excused is gone.
func TestCdkNagAwsSolutionsAppWide(t *testing.T) {
	for name, stage := range app(t).stages {
		for _, st := range []awscdk.Stack{stage.Network.Stack, stage.Data.Stack, stage.Web.Stack} {
			for _, finding := range cdktest.NagFindings(st) {
				t.Errorf("%s: %s", name, finding)
			}
			cdktest.ExpectNoUnusedSuppressions(t, name, st)
		}
	}
}

// The README lists every suppression the app carries (rule and resource), so a reviewer sees them.
func TestReadmeListsEverySuppression(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| `AwsSolutions-") || strings.HasPrefix(line, "| `CdkNag") {
			rows[line] = true
		}
	}
	seen := map[string]bool{}
	for _, stage := range app(t).stages {
		for _, st := range []awscdk.Stack{stage.Network.Stack, stage.Data.Stack, stage.Web.Stack} {
			for _, s := range cdktest.Suppressions(st) {
				// "Dev/Web/Fleet/InstanceRole/Resource" -> "Web/Fleet/InstanceRole"
				where := strings.TrimSuffix(s.Path[strings.Index(s.Path, "/")+1:], "/Resource")
				key := s.Rule + " " + where
				if seen[key] {
					continue
				}
				seen[key] = true
				found := false
				for row := range rows {
					if strings.HasPrefix(row, "| `"+s.Rule+"` | `"+where+"`") {
						found = true
					}
				}
				if !found {
					t.Errorf("README.md has no row | `%s` | `%s` | ... in its suppression table", s.Rule, where)
				}
			}
		}
	}
}

// CDK's CloudFormation validation runs on every synth and fails it on a finding (and the tests,
// which synthesize with cdk.json's context, do the same).
func TestTemplateValidationIsAnError(t *testing.T) {
	ctx := cdktest.Context(nil)
	for _, flag := range []string{"@aws-cdk/core:validateAgainstDefaultRules", "@aws-cdk/core:annotationsInValidationReport"} {
		if ctx[flag] != true {
			t.Errorf("cdk.json context %s = %v, want true", flag, ctx[flag])
		}
	}
}
