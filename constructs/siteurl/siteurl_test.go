package siteurl_test

import (
	"debug/elf"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
	"github.com/wpfleet/wpfleet/constructs/siteurl"
	"github.com/wpfleet/wpfleet/internal/cdktest"
	"github.com/wpfleet/wpfleet/internal/nag"
)

type fixture struct {
	stack  awscdk.Stack
	vpc    awsec2.Vpc
	data   datatier.DataTier
	sites  []siteurl.SiteUrl
	tmpl   assertions.Template
	json   map[string]any
	outdir string
}

var fixtures = sync.OnceValue(func() map[string]*fixture {
	outdir, err := os.MkdirTemp("", "siteurl-test-")
	if err != nil {
		panic(err)
	}
	ctx := maps.Clone(cdktest.NagContext)
	app := awscdk.NewApp(&awscdk.AppProps{Context: ptr(cdktest.Context(ctx)), Outdir: jsii.String(outdir)})
	env := &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")}
	out := map[string]*fixture{}
	build := func(name string, sites func(stack awscdk.Stack, f *fixture) []siteurl.SiteUrl) {
		stack := awscdk.NewStack(app, jsii.String(name), &awscdk.StackProps{Env: env})
		vpc := cdktest.NewVpc(stack)
		f := &fixture{stack: stack, vpc: vpc, outdir: outdir}
		f.data = datatier.NewDataTier(stack, jsii.String("Data"), &datatier.DataTierProps{
			Vpc: vpc, EngineVersion: nil, DeletionProtection: jsii.Bool(false),
		})
		f.sites = sites(stack, f)
		cdktest.ApplyNag(stack)
		out[name] = f
	}
	build("Single", func(stack awscdk.Stack, f *fixture) []siteurl.SiteUrl {
		return []siteurl.SiteUrl{siteurl.NewSiteUrl(stack, jsii.String("SiteUrl"), &siteurl.SiteUrlProps{
			SiteUrl: jsii.String("https://www.example.com"), DatabaseSecret: f.data.Secret(), Database: f.data, Vpc: f.vpc,
		})}
	})
	build("Two", func(stack awscdk.Stack, f *fixture) []siteurl.SiteUrl {
		return []siteurl.SiteUrl{
			siteurl.NewSiteUrl(stack, jsii.String("Main"), &siteurl.SiteUrlProps{
				SiteUrl: jsii.String("https://www.example.com/wp"), HomeUrl: jsii.String("https://www.example.com"),
				DatabaseSecret: f.data.Secret(), Database: f.data, Vpc: f.vpc, RestoreOnDelete: jsii.Bool(true),
			}),
			siteurl.NewSiteUrl(stack, jsii.String("Blog"), &siteurl.SiteUrlProps{
				SiteUrl: jsii.String("https://blog.example.com"), TablePrefix: jsii.String("blog_"), DatabaseName: jsii.String("blog"),
				DatabaseSecret: f.data.Secret(), Database: f.data, Vpc: f.vpc,
			}),
		}
	})
	// A database outside this stack, reached through its security group, with a secret under a
	// customer managed key.
	build("Kms", func(stack awscdk.Stack, f *fixture) []siteurl.SiteUrl {
		key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
		secret := awssecretsmanager.NewSecret(stack, jsii.String("ExternalSecret"), &awssecretsmanager.SecretProps{EncryptionKey: key})
		nag.Suppress(secret, nag.Suppression{ID: "AwsSolutions-SMG4", Reason: "A test fixture standing for an externally managed secret."})
		dbSG := awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("ExternalDbSg"), jsii.String("sg-0123456789abcdef0"), nil)
		return []siteurl.SiteUrl{siteurl.NewSiteUrl(stack, jsii.String("SiteUrl"), &siteurl.SiteUrlProps{
			SiteUrl:        jsii.String("https://www.example.com"),
			DatabaseSecret: secret,
			Database:       awsec2.NewConnections(&awsec2.ConnectionsProps{SecurityGroups: &[]awsec2.ISecurityGroup{dbSG}, DefaultPort: awsec2.Port_Tcp(jsii.Number(3306))}),
			Vpc:            f.vpc,
		})}
	})
	for _, f := range out {
		f.tmpl = cdktest.Template(f.stack)
		f.json = *f.tmpl.ToJSON()
	}
	return out
})

func ptr[T any](v T) *T { return &v }

func fx(name string) *fixture { return fixtures()[name] }

// goFunction returns the handler: the only function on provided.al2023.
func goFunction(t *testing.T, f *fixture) (string, map[string]any) {
	t.Helper()
	var id string
	var fn map[string]any
	for lid, r := range cdktest.ResourcesOfType(f.json, "AWS::Lambda::Function") {
		if cdktest.Props(r)["Runtime"] == "provided.al2023" {
			if fn != nil {
				t.Fatalf("more than one Go function in %s: one per stack is the contract", *f.stack.StackName())
			}
			id, fn = lid, r
		}
	}
	if fn == nil {
		t.Fatalf("no provided.al2023 function in %s", *f.stack.StackName())
	}
	return id, fn
}

func TestFunctionIsAGoArmLambdaInThePrivateSubnets(t *testing.T) {
	f := fx("Single")
	_, fn := goFunction(t, f)
	p := cdktest.Props(fn)
	for k, want := range map[string]string{
		"Runtime": `"provided.al2023"`, "Architectures": `["arm64"]`, "Handler": `"bootstrap"`,
		"Timeout": "180", "MemorySize": "256",
	} {
		if got := cdktest.JSON(p[k]); got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	var private []string
	for _, s := range *f.vpc.PrivateSubnets() {
		private = append(private, cdktest.JSON(f.stack.Resolve(s.SubnetId())))
	}
	vpcConfig := p["VpcConfig"].(map[string]any)
	if got := cdktest.JSON(vpcConfig["SubnetIds"]); got != "["+strings.Join(private, ",")+"]" {
		t.Errorf("SubnetIds = %s, want the private subnets with egress %v", got, private)
	}
	if got, want := cdktest.JSON(vpcConfig["SecurityGroupIds"]), "["+cdktest.JSON(f.stack.Resolve(f.sites[0].SecurityGroup().SecurityGroupId()))+"]"; got != want {
		t.Errorf("SecurityGroupIds = %s, want %s", got, want)
	}
}

func TestTheCustomResourceAnswersWithinTheServiceTimeout(t *testing.T) {
	f := fx("Single")
	crs := cdktest.ResourcesOfType(f.json, siteurl.ResourceType)
	if len(crs) != 1 {
		t.Fatalf("want one %s, got %d", siteurl.ResourceType, len(crs))
	}
	for _, cr := range crs {
		p := cdktest.Props(cr)
		if p["ServiceTimeout"] != "300" {
			t.Errorf("ServiceTimeout = %v, want 300 (CloudFormation must never wait an hour)", p["ServiceTimeout"])
		}
		if siteurl.FunctionTimeoutSeconds >= siteurl.ServiceTimeoutSeconds {
			t.Errorf("the function's timeout must stay below the service timeout")
		}
		secretRef := cdktest.JSON(f.stack.Resolve(f.data.Secret().SecretArn()))
		for k, want := range map[string]string{
			"SiteUrl": `"https://www.example.com"`, "TablePrefix": `"wp_"`, "RestoreOnDelete": `"false"`, "SecretArn": secretRef,
		} {
			if got := cdktest.JSON(p[k]); got != want {
				t.Errorf("property %s = %s, want %s", k, got, want)
			}
		}
		for _, absent := range []string{"HomeUrl", "DatabaseName", "Password", "password"} {
			if _, ok := p[absent]; ok {
				t.Errorf("property %s must not be set", absent)
			}
		}
		// It runs after the database exists.
		dbID := ""
		for id := range cdktest.ResourcesOfType(f.json, "AWS::RDS::DBInstance") {
			dbID = id
		}
		if got := cdktest.JSON(cr["DependsOn"]); !strings.Contains(got, `"`+dbID+`"`) {
			t.Errorf("DependsOn = %s, want the database %s", got, dbID)
		}
	}
}

func TestTwoSiteUrlsShareOneFunctionAndProvider(t *testing.T) {
	f := fx("Two")
	goFunction(t, f) // fails on more than one
	if f.sites[0].Function() != f.sites[1].Function() {
		t.Error("Function() differs between two SiteUrls of one stack")
	}
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String(siteurl.ResourceType), &map[string]any{
			"SiteUrl": "https://www.example.com/wp", "HomeUrl": "https://www.example.com", "RestoreOnDelete": "true", "TablePrefix": "wp_",
		})
	})
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String(siteurl.ResourceType), &map[string]any{
			"SiteUrl": "https://blog.example.com", "TablePrefix": "blog_", "DatabaseName": "blog", "RestoreOnDelete": "false",
		})
	})
}

// The function may read the database secret and nothing else.
func TestFunctionPolicyNamesOnlyTheSecret(t *testing.T) {
	f := fx("Single")
	fnID, fn := goFunction(t, f)
	roleID := cdktest.Props(fn)["Role"].(map[string]any)["Fn::GetAtt"].([]any)[0].(string)
	secretRef := cdktest.JSON(f.stack.Resolve(f.data.Secret().SecretArn()))
	found := false
	for _, policy := range cdktest.ResourcesOfType(f.json, "AWS::IAM::Policy") {
		p := cdktest.Props(policy)
		if cdktest.JSON(p["Roles"]) != `[{"Ref":"`+roleID+`"}]` {
			continue
		}
		found = true
		want := `{"Statement":[{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":` + secretRef + `}],"Version":"2012-10-17"}`
		if got := cdktest.JSON(p["PolicyDocument"]); got != want {
			t.Errorf("%s's policy\n got %s\nwant %s", fnID, got, want)
		}
	}
	if !found {
		t.Fatalf("no policy for the function's role %s", roleID)
	}
}

func TestDatabasePortOpensToTheFunctionOnly(t *testing.T) {
	f := fx("Single")
	fnSG := cdktest.JSON(f.stack.Resolve(f.sites[0].SecurityGroup().SecurityGroupId()))
	dbSG := cdktest.JSON(f.stack.Resolve(f.data.SecurityGroup().SecurityGroupId()))
	var rules []string
	for _, r := range cdktest.ResourcesOfType(f.json, "AWS::EC2::SecurityGroupIngress") {
		p := cdktest.Props(r)
		rules = append(rules, cdktest.JSON(p))
		if cdktest.JSON(p["GroupId"]) != dbSG || cdktest.JSON(p["SourceSecurityGroupId"]) != fnSG || !strings.Contains(cdktest.JSON(p["FromPort"]), "Endpoint.Port") {
			t.Errorf("unexpected ingress %s", cdktest.JSON(p))
		}
	}
	if len(rules) != 1 {
		t.Errorf("ingress rules %v, want exactly the function to the database", rules)
	}
}

// The handler is built by local bundling: a stripped static linux/arm64 executable named bootstrap,
// in the asset whose hash the template names.
func TestHandlerIsBundledLocallyForArm64(t *testing.T) {
	f := fx("Single")
	_, fn := goFunction(t, f)
	key, _ := cdktest.Props(fn)["Code"].(map[string]any)["S3Key"].(string)
	hash := strings.TrimSuffix(key, ".zip")
	if len(hash) != 64 {
		t.Fatalf("S3Key = %q, want <sha256>.zip", key)
	}
	bootstrap := filepath.Join(f.outdir, "asset."+hash, "bootstrap")
	bin, err := elf.Open(bootstrap)
	if err != nil {
		t.Fatalf("bundled handler: %v", err)
	}
	defer bin.Close()
	if bin.Machine != elf.EM_AARCH64 || bin.Type != elf.ET_EXEC {
		t.Errorf("bootstrap is %v %v, want a linux/arm64 executable", bin.Machine, bin.Type)
	}
	if interp := bin.Section(".interp"); interp != nil {
		t.Errorf("bootstrap is dynamically linked: CGO_ENABLED=0 was not applied")
	}
	if syms, _ := bin.Symbols(); len(syms) > 0 {
		t.Errorf("bootstrap keeps %d symbols: it was not stripped", len(syms))
	}
	st, _ := os.Stat(bootstrap)
	t.Logf("bootstrap: %d bytes", st.Size())
}

func TestCdkNagAwsSolutionsHasNoUnsuppressedFindings(t *testing.T) {
	for _, name := range []string{"Single", "Two", "Kms"} {
		for _, finding := range cdktest.NagFindings(fx(name).stack, "/Vpc/", "/Data/") {
			t.Errorf("%s: %s", name, finding)
		}
	}
}

func TestEverySuppressionStillExcusesAFinding(t *testing.T) {
	for name, f := range fixtures() {
		cdktest.ExpectNoUnusedSuppressions(t, name, f.stack)
	}
}

func TestInvalidPropsFailWithEveryProblemNamed(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Validation"), nil)
	cases := []struct {
		name  string
		props *siteurl.SiteUrlProps
		want  []string
	}{
		{"nothing", nil, []string{"SiteUrl is required", "DatabaseSecret is required", "Database is required", "Vpc is required"}},
		{"relative URL", &siteurl.SiteUrlProps{SiteUrl: jsii.String("www.example.com")}, []string{`SiteUrl "www.example.com" must be an absolute http:// or https:// URL`}},
		{"bad home", &siteurl.SiteUrlProps{SiteUrl: jsii.String("https://a.example"), HomeUrl: jsii.String("https://a.example/?p=1")}, []string{`HomeUrl "https://a.example/?p=1"`}},
		{"bad prefix", &siteurl.SiteUrlProps{SiteUrl: jsii.String("https://a.example"), TablePrefix: jsii.String("wp-")}, []string{`TablePrefix "wp-" must match`}},
		{"bad database name", &siteurl.SiteUrlProps{SiteUrl: jsii.String("https://a.example"), DatabaseName: jsii.String("a;b")}, []string{`DatabaseName "a;b" must match`}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := fmt.Sprintf("Site%d", i)
			cdktest.ExpectInvalid(t, stack, "siteurl.NewSiteUrl", id, func() { siteurl.NewSiteUrl(stack, jsii.String(id), c.props) }, c.want...)
		})
	}
}

// With a customer managed key, the function may decrypt with exactly that key, only through Secrets
// Manager (the key policy names its role); the external database's security group admits it on 3306.
func TestFunctionDecryptsASecretUnderItsKey(t *testing.T) {
	f := fx("Kms")
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), &map[string]any{
			"KeyPolicy": assertions.Match_ObjectLike(&map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
				map[string]any{
					"Action":    "kms:Decrypt",
					"Condition": map[string]any{"StringEquals": map[string]any{"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}},
					"Effect":    "Allow",
					"Principal": map[string]any{"AWS": map[string]any{"Fn::GetAtt": []any{"WpfleetSiteUrlProviderFunctionServiceRole05953554", "Arn"}}},
					"Resource":  "*",
				},
			})}),
		})
	})
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupIngress"), &map[string]any{
			"GroupId": "sg-0123456789abcdef0", "FromPort": 3306, "ToPort": 3306, "IpProtocol": "tcp",
		})
	})
}
