package webfleet_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/webfleet"
	"github.com/wpfleet/wpfleet/internal/cdktest"
)

const (
	account   = "111111111111"
	region    = "us-east-1"
	goldenAMI = "ami-0a1b2c3d4e5f67890"
	// The context key MachineImage_Lookup asks for with AmiName "WordPress-*" and the default owners.
	amiLookupKey = "ami:account=" + account + ":filters.image-type.0=machine:filters.name.0=WordPress-*:filters.state.0=available:owners.0=self:region=" + region
)

type fixture struct {
	stack awscdk.Stack
	fleet webfleet.WebFleet
	vpc   awsec2.Vpc
	tmpl  assertions.Template
	json  map[string]any
}

// fixtures builds every stack the tests look at in one app and synthesizes it once.
var fixtures = sync.OnceValue(func() map[string]*fixture {
	ctx := map[string]any{amiLookupKey: goldenAMI}
	maps.Copy(ctx, cdktest.NagContext)
	app := cdktest.NewApp(ctx)
	env := &awscdk.Environment{Account: jsii.String(account), Region: jsii.String(region)}
	out := map[string]*fixture{}
	build := func(name string, props func(stack awscdk.Stack, vpc awsec2.Vpc) *webfleet.WebFleetProps) {
		stack := awscdk.NewStack(app, jsii.String(name), &awscdk.StackProps{Env: env})
		vpc := cdktest.NewVpc(stack)
		fleet := webfleet.NewWebFleet(stack, jsii.String("Fleet"), props(stack, vpc))
		cdktest.ApplyNag(stack)
		out[name] = &fixture{stack: stack, fleet: fleet, vpc: vpc}
	}

	// The defaults: HTTP only, as the single instance was.
	build("Defaults", func(_ awscdk.Stack, vpc awsec2.Vpc) *webfleet.WebFleetProps {
		return &webfleet.WebFleetProps{Vpc: vpc, AmiName: jsii.String("WordPress-*")}
	})
	// Production-like: domain + hosted zone (new certificate), data tier values, two instance types.
	build("Https", func(stack awscdk.Stack, vpc awsec2.Vpc) *webfleet.WebFleetProps {
		zone := awsroute53.HostedZone_FromHostedZoneAttributes(stack, jsii.String("Zone"), &awsroute53.HostedZoneAttributes{
			HostedZoneId: jsii.String("Z0123456789ABCDEFGHIJ"), ZoneName: jsii.String("example.com"),
		})
		secret := awssecretsmanager.NewSecret(stack, jsii.String("DbSecret"), nil)
		return &webfleet.WebFleetProps{
			Vpc:                        vpc,
			AmiName:                    jsii.String("WordPress-*"),
			InstanceTypes:              &[]awsec2.InstanceType{awsec2.NewInstanceType(jsii.String("t3.small")), awsec2.NewInstanceType(jsii.String("t3a.small"))},
			MinCapacity:                jsii.Number(2),
			MaxCapacity:                jsii.Number(8),
			CpuTargetPercent:           jsii.Number(60),
			RequestsPerTargetPerMinute: jsii.Number(1000),
			DomainName:                 jsii.String("www.example.com"),
			HostedZone:                 zone,
			DeletionProtection:         jsii.Bool(true),
			DatabaseEndpoint:           awsrds.NewEndpoint(jsii.String("db.internal.example"), jsii.Number(3306)),
			DatabaseSecret:             secret,
			MediaBucket:                awss3.Bucket_FromBucketName(stack, jsii.String("Media"), jsii.String("example-media")),
			ExtraEnvironment:           &map[string]*string{"WP_ENVIRONMENT_TYPE": jsii.String("production")},
		}
	})
	// An existing certificate, no hosted zone, no access logs.
	build("ImportedCertificate", func(stack awscdk.Stack, vpc awsec2.Vpc) *webfleet.WebFleetProps {
		return &webfleet.WebFleetProps{
			Vpc:         vpc,
			AmiName:     jsii.String("WordPress-*"),
			DomainName:  jsii.String("blog.example.org"),
			Certificate: awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("Cert"), jsii.String("arn:aws:acm:us-east-1:111111111111:certificate/0f6d6a6e-1111-2222-3333-444455556666")),
			AccessLogs:  jsii.Bool(false),
		}
	})

	for _, f := range out {
		f.tmpl = cdktest.Template(f.stack)
		f.json = *f.tmpl.ToJSON()
	}
	return out
})

func fx(name string) *fixture { return fixtures()[name] }

func only(t *testing.T, f *fixture, typ string) map[string]any {
	t.Helper()
	rs := cdktest.ResourcesOfType(f.json, typ)
	if len(rs) != 1 {
		t.Fatalf("%s: want exactly one %s, got %d", *f.stack.StackName(), typ, len(rs))
	}
	for _, r := range rs {
		return r
	}
	return nil
}

func TestLaunchTemplateLaunchesTheLookedUpAmiSafely(t *testing.T) {
	lt := cdktest.Props(only(t, fx("Defaults"), "AWS::EC2::LaunchTemplate"))["LaunchTemplateData"].(map[string]any)
	if lt["ImageId"] != goldenAMI {
		t.Errorf("ImageId = %v, want the AMI from the context lookup %s", lt["ImageId"], goldenAMI)
	}
	if got := cdktest.JSON(lt["MetadataOptions"]); got != `{"HttpPutResponseHopLimit":1,"HttpTokens":"required"}` {
		t.Errorf("MetadataOptions = %s, want IMDSv2 required with hop limit 1", got)
	}
	if got := cdktest.JSON(lt["BlockDeviceMappings"]); got != `[{"DeviceName":"/dev/xvda","Ebs":{"DeleteOnTermination":true,"Encrypted":true,"VolumeSize":20,"VolumeType":"gp3"}}]` {
		t.Errorf("BlockDeviceMappings = %s, want an encrypted 20 GiB gp3 root volume", got)
	}
	if got := cdktest.JSON(lt["Monitoring"]); got != `{"Enabled":true}` {
		t.Errorf("Monitoring = %s, want detailed monitoring", got)
	}
	if _, ok := lt["KeyName"]; ok {
		t.Errorf("KeyName = %v, want none by default (SSM Session Manager)", lt["KeyName"])
	}
	if lt["InstanceType"] != "t3.small" {
		t.Errorf("InstanceType = %v, want t3.small", lt["InstanceType"])
	}
}

func TestInstanceRoleHasSessionManagerAndReadsOnlyTheDatabaseSecret(t *testing.T) {
	f := fx("Https")
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), &map[string]any{
			"AssumeRolePolicyDocument": assertions.Match_ObjectLike(&map[string]any{
				"Statement": []any{assertions.Match_ObjectLike(&map[string]any{"Principal": map[string]any{"Service": "ec2.amazonaws.com"}})},
			}),
			"ManagedPolicyArns": []any{map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":iam::aws:policy/AmazonSSMManagedInstanceCore"}}}},
		})
	})
	secretID := ""
	for id := range cdktest.ResourcesOfType(f.json, "AWS::SecretsManager::Secret") {
		secretID = id
	}
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), &map[string]any{
			"PolicyDocument": map[string]any{
				"Statement": []any{map[string]any{
					"Action":   []any{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"},
					"Effect":   "Allow",
					"Resource": map[string]any{"Ref": secretID},
				}},
				"Version": "2012-10-17",
			},
		})
	})
}

func TestAutoScalingGroupKeepsCapacityAndRollsOutNewAmis(t *testing.T) {
	f := fx("Defaults")
	asg := only(t, f, "AWS::AutoScaling::AutoScalingGroup")
	p := cdktest.Props(asg)
	if p["MinSize"] != "1" || p["MaxSize"] != "4" {
		t.Errorf("MinSize/MaxSize = %v/%v, want 1/4", p["MinSize"], p["MaxSize"])
	}
	if d, ok := p["DesiredCapacity"]; ok {
		t.Errorf("DesiredCapacity = %v: it must be absent, or every deploy resets the running fleet's size", d)
	}
	if p["HealthCheckType"] != "ELB" || p["HealthCheckGracePeriod"] != float64(300) {
		t.Errorf("health check = %v grace %v, want ELB with 300 s grace", p["HealthCheckType"], p["HealthCheckGracePeriod"])
	}
	// Instances in the private subnets of every AZ, never the public ones.
	var private []string
	for _, s := range *f.vpc.PrivateSubnets() {
		private = append(private, cdktest.JSON(f.stack.Resolve(s.SubnetId())))
	}
	if got, want := cdktest.JSON(p["VPCZoneIdentifier"]), "["+strings.Join(private, ",")+"]"; got != want {
		t.Errorf("VPCZoneIdentifier = %s, want the private subnets %s", got, want)
	}
	wantPolicy := `{"AutoScalingInstanceRefresh":{"Preferences":{"InstanceWarmup":300,"MaxHealthyPercentage":200,"MinHealthyPercentage":100,"SkipMatching":true},"Strategy":"Rolling"},"AutoScalingScheduledAction":{"IgnoreUnmodifiedGroupSizeProperties":true}}`
	if got := cdktest.JSON(asg["UpdatePolicy"]); got != wantPolicy {
		t.Errorf("UpdatePolicy = %s\nwant an instance refresh that launches before it terminates: %s", got, wantPolicy)
	}
	// The group follows the launch template's latest version: a new AMI is a new version.
	if got := cdktest.JSON(p["LaunchTemplate"]); !strings.Contains(got, `"LatestVersionNumber"`) {
		t.Errorf("LaunchTemplate = %s, want the latest version", got)
	}
}

func TestScalingTracksCpu(t *testing.T) {
	for name, want := range map[string]float64{"Defaults": 50, "Https": 60} {
		cdktest.Check(t, func() {
			fx(name).tmpl.HasResourceProperties(jsii.String("AWS::AutoScaling::ScalingPolicy"), &map[string]any{
				"PolicyType": "TargetTrackingScaling",
				"TargetTrackingConfiguration": map[string]any{
					"PredefinedMetricSpecification": map[string]any{"PredefinedMetricType": "ASGAverageCPUUtilization"},
					"TargetValue":                   want,
				},
			})
		})
	}
	cdktest.Check(t, func() {
		fx("Defaults").tmpl.ResourceCountIs(jsii.String("AWS::AutoScaling::ScalingPolicy"), jsii.Number(1))
	})
	cdktest.Check(t, func() {
		fx("Https").tmpl.HasResourceProperties(jsii.String("AWS::AutoScaling::ScalingPolicy"), &map[string]any{
			"TargetTrackingConfiguration": map[string]any{
				"PredefinedMetricSpecification": assertions.Match_ObjectLike(&map[string]any{"PredefinedMetricType": "ALBRequestCountPerTarget"}),
				"TargetValue":                   1000,
			},
		})
	})
}

func TestMixedInstanceTypesInPriorityOrder(t *testing.T) {
	p := cdktest.Props(only(t, fx("Https"), "AWS::AutoScaling::AutoScalingGroup"))
	mip := cdktest.JSON(p["MixedInstancesPolicy"])
	for _, want := range []string{
		`"Overrides":[{"InstanceType":"t3.small"},{"InstanceType":"t3a.small"}]`,
		`"OnDemandAllocationStrategy":"prioritized"`,
		`"OnDemandPercentageAboveBaseCapacity":100`,
	} {
		if !strings.Contains(mip, want) {
			t.Errorf("MixedInstancesPolicy = %s\nwant it to contain %s", mip, want)
		}
	}
	if p["MinSize"] != "2" || p["MaxSize"] != "8" {
		t.Errorf("MinSize/MaxSize = %v/%v, want 2/8", p["MinSize"], p["MaxSize"])
	}
}

func TestLoadBalancerIsInternetFacingAndHardened(t *testing.T) {
	attrs := func(name string) map[string]any {
		lb := cdktest.Props(only(t, fx(name), "AWS::ElasticLoadBalancingV2::LoadBalancer"))
		if lb["Scheme"] != "internet-facing" {
			t.Errorf("%s: Scheme = %v, want internet-facing", name, lb["Scheme"])
		}
		m := map[string]any{}
		for _, a := range lb["LoadBalancerAttributes"].([]any) {
			kv := a.(map[string]any)
			m[kv["Key"].(string)] = kv["Value"]
		}
		return m
	}
	d := attrs("Defaults")
	for key, want := range map[string]string{
		"routing.http.drop_invalid_header_fields.enabled": "true",
		"idle_timeout.timeout_seconds":                    "120",
		"deletion_protection.enabled":                     "false",
		"access_logs.s3.enabled":                          "true",
	} {
		if d[key] != want {
			t.Errorf("Defaults: %s = %v, want %s", key, d[key], want)
		}
	}
	if got := attrs("Https")["deletion_protection.enabled"]; got != "true" {
		t.Errorf("Https: deletion_protection.enabled = %v, want true", got)
	}
	if got, ok := attrs("ImportedCertificate")["access_logs.s3.enabled"]; ok && got != "false" {
		t.Errorf("ImportedCertificate: access_logs.s3.enabled = %v, want off", got)
	}
	cdktest.Check(t, func() {
		fx("ImportedCertificate").tmpl.ResourceCountIs(jsii.String("AWS::S3::Bucket"), jsii.Number(0))
	})

	// The access log bucket: SSE-S3 (what ALB log delivery supports), no public access, TLS only.
	cdktest.Check(t, func() {
		fx("Defaults").tmpl.HasResourceProperties(jsii.String("AWS::S3::Bucket"), &map[string]any{
			"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
				map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}},
			}},
			"PublicAccessBlockConfiguration": map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
		})
	})
	cdktest.Check(t, func() {
		fx("Defaults").tmpl.HasResourceProperties(jsii.String("AWS::S3::BucketPolicy"), &map[string]any{
			"PolicyDocument": assertions.Match_ObjectLike(&map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
				assertions.Match_ObjectLike(&map[string]any{"Effect": "Deny", "Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}),
			})}),
		})
	})
}

func TestHttpOnlyForwardsAndWarns(t *testing.T) {
	f := fx("Defaults")
	listener := cdktest.Props(only(t, f, "AWS::ElasticLoadBalancingV2::Listener"))
	if listener["Port"] != float64(80) || listener["Protocol"] != "HTTP" {
		t.Errorf("listener = %s, want HTTP on 80", cdktest.JSON(listener))
	}
	if got := cdktest.JSON(listener["DefaultActions"]); !strings.Contains(got, `"Type":"forward"`) {
		t.Errorf("DefaultActions = %s, want a forward to the fleet", got)
	}
	cdktest.Check(t, func() {
		assertions.Annotations_FromStack(f.stack).HasWarning(jsii.String("/Defaults/Fleet"),
			assertions.Match_StringLikeRegexp(jsii.String("served over plain HTTP")))
	})
	if !strings.HasPrefix(*f.fleet.SiteUrl(), "http://") {
		t.Errorf("SiteUrl() = %s, want http://<alb dns>", *f.fleet.SiteUrl())
	}
	if got := cdktest.JSON(f.stack.Resolve(f.fleet.SiteUrl())); !strings.Contains(got, `"DNSName"`) {
		t.Errorf("SiteUrl() resolves to %s, want the ALB's DNSName", got)
	}
}

func TestHttpsWithRedirectAndNoWarning(t *testing.T) {
	for _, name := range []string{"Https", "ImportedCertificate"} {
		f := fx(name)
		cdktest.Check(t, func() {
			f.tmpl.ResourceCountIs(jsii.String("AWS::ElasticLoadBalancingV2::Listener"), jsii.Number(2))
		})
		cdktest.Check(t, func() {
			f.tmpl.HasResourceProperties(jsii.String("AWS::ElasticLoadBalancingV2::Listener"), &map[string]any{
				"Port": 443, "Protocol": "HTTPS",
				"SslPolicy":      "ELBSecurityPolicy-TLS13-1-2-2021-06",
				"Certificates":   []any{assertions.Match_ObjectLike(&map[string]any{"CertificateArn": assertions.Match_AnyValue()})},
				"DefaultActions": []any{assertions.Match_ObjectLike(&map[string]any{"Type": "forward"})},
			})
		})
		cdktest.Check(t, func() {
			f.tmpl.HasResourceProperties(jsii.String("AWS::ElasticLoadBalancingV2::Listener"), &map[string]any{
				"Port": 80, "Protocol": "HTTP",
				"DefaultActions": []any{map[string]any{"Type": "redirect", "RedirectConfig": map[string]any{"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}},
			})
		})
		cdktest.Check(t, func() {
			assertions.Annotations_FromStack(f.stack).HasNoWarning(jsii.String("*"),
				assertions.Match_StringLikeRegexp(jsii.String("served over plain HTTP")))
		})
	}
	if got := *fx("Https").fleet.SiteUrl(); got != "https://www.example.com" {
		t.Errorf("SiteUrl() = %s, want https://www.example.com", got)
	}
	if got := *fx("ImportedCertificate").fleet.SiteUrl(); got != "https://blog.example.org" {
		t.Errorf("SiteUrl() = %s, want https://blog.example.org", got)
	}
	https := fx("Https")
	cdktest.Check(t, func() {
		https.tmpl.HasResourceProperties(jsii.String("AWS::CertificateManager::Certificate"), &map[string]any{
			"DomainName":              "www.example.com",
			"ValidationMethod":        "DNS",
			"DomainValidationOptions": []any{map[string]any{"DomainName": "www.example.com", "HostedZoneId": "Z0123456789ABCDEFGHIJ"}},
		})
	})
	cdktest.Check(t, func() {
		https.tmpl.HasResourceProperties(jsii.String("AWS::Route53::RecordSet"), &map[string]any{
			"Name": "www.example.com.", "Type": "A", "HostedZoneId": "Z0123456789ABCDEFGHIJ",
			"AliasTarget": assertions.Match_ObjectLike(&map[string]any{"DNSName": assertions.Match_AnyValue()}),
		})
	})
	cdktest.Check(t, func() {
		fx("ImportedCertificate").tmpl.ResourceCountIs(jsii.String("AWS::CertificateManager::Certificate"), jsii.Number(0))
	})
	cdktest.Check(t, func() {
		fx("ImportedCertificate").tmpl.ResourceCountIs(jsii.String("AWS::Route53::RecordSet"), jsii.Number(0))
	})
}

func TestTargetGroupHealthCheckSurvivesAWrongSiteUrl(t *testing.T) {
	tg := cdktest.Props(only(t, fx("Defaults"), "AWS::ElasticLoadBalancingV2::TargetGroup"))
	want := map[string]any{
		"Port": float64(80), "Protocol": "HTTP", "TargetType": "instance",
		"HealthCheckPath":            "/wp-includes/images/blank.gif",
		"HealthCheckIntervalSeconds": float64(15), "HealthCheckTimeoutSeconds": float64(5),
		"HealthyThresholdCount": float64(2), "UnhealthyThresholdCount": float64(3),
	}
	for k, v := range want {
		if tg[k] != v {
			t.Errorf("%s = %v, want %v", k, tg[k], v)
		}
	}
	if got := cdktest.JSON(tg["Matcher"]); got != `{"HttpCode":"200"}` {
		t.Errorf("Matcher = %s, want 200 only (a redirect is not healthy)", got)
	}
	if got := cdktest.JSON(tg["TargetGroupAttributes"]); !strings.Contains(got, `{"Key":"deregistration_delay.timeout_seconds","Value":"30"}`) {
		t.Errorf("TargetGroupAttributes = %s, want a 30 s deregistration delay", got)
	}
}

// Ingress is exactly: the ALB from anywhere on its listener ports, the instances from the ALB only.
func TestSecurityGroupIngressIsExactlyTheWebPath(t *testing.T) {
	for name, ports := range map[string]string{"Defaults": "[80]", "Https": "[80 443]"} {
		f := fx(name)
		albSG := cdktest.JSON(f.stack.Resolve(f.fleet.LoadBalancerSecurityGroup().SecurityGroupId()))
		instSG := cdktest.JSON(f.stack.Resolve(f.fleet.InstanceSecurityGroup().SecurityGroupId()))

		var open []string
		var albPorts []float64
		for id, sg := range cdktest.ResourcesOfType(f.json, "AWS::EC2::SecurityGroup") {
			for _, rule := range anySlice(cdktest.Props(sg)["SecurityGroupIngress"]) {
				r := rule.(map[string]any)
				open = append(open, fmt.Sprintf("%s %v %v", id, r["CidrIp"], r["FromPort"]))
				albPorts = append(albPorts, r["FromPort"].(float64))
			}
		}
		if got := fmt.Sprint(slices.Sorted(slices.Values(albPorts))); got != ports || len(open) != strings.Count(ports, " ")+1 {
			t.Errorf("%s: inline ingress %v, want only the ALB's listener ports %s from 0.0.0.0/0", name, open, ports)
		}
		for _, o := range open {
			if !strings.Contains(o, "0.0.0.0/0") || !strings.Contains(o, "FleetLoadBalancerSecurityGroup") {
				t.Errorf("%s: unexpected ingress %s", name, o)
			}
		}
		ingress := cdktest.ResourcesOfType(f.json, "AWS::EC2::SecurityGroupIngress")
		if len(ingress) != 1 {
			t.Fatalf("%s: want one ingress rule (ALB -> instances), got %d: %s", name, len(ingress), cdktest.JSON(ingress))
		}
		for _, r := range ingress {
			p := cdktest.Props(r)
			if cdktest.JSON(p["GroupId"]) != instSG || cdktest.JSON(p["SourceSecurityGroupId"]) != albSG || p["FromPort"] != float64(80) || p["ToPort"] != float64(80) {
				t.Errorf("%s: ingress %s, want tcp/80 from the ALB security group to the instances", name, cdktest.JSON(p))
			}
		}
	}
}

func TestUserDataWritesTheEnvironmentFile(t *testing.T) {
	lt := cdktest.Props(only(t, fx("Https"), "AWS::EC2::LaunchTemplate"))["LaunchTemplateData"].(map[string]any)
	userData := cdktest.JSON(lt["UserData"])
	for _, want := range []string{
		`cat \u003e /etc/wpfleet/wpfleet.env.tmp`,
		`WPFLEET_SITE_URL='https://www.example.com'`,
		`WPFLEET_DB_HOST='db.internal.example'`,
		`WPFLEET_DB_PORT='3306'`,
		`WPFLEET_DB_SECRET_ARN='",{"Ref":"DbSecret`,
		`WPFLEET_MEDIA_BUCKET='example-media'`,
		`WPFLEET_REGION='us-east-1'`,
		`WP_ENVIRONMENT_TYPE='production'`,
		`/etc/wpfleet/on-boot.sh`,
	} {
		if !strings.Contains(userData, want) {
			t.Errorf("user data does not contain %s:\n%s", want, userData)
		}
	}
	// Without a data tier the keys are still there, empty, so the AMI can rely on them.
	d := cdktest.JSON(cdktest.Props(only(t, fx("Defaults"), "AWS::EC2::LaunchTemplate"))["LaunchTemplateData"].(map[string]any)["UserData"])
	if !strings.Contains(d, `WPFLEET_DB_HOST=''`) || !strings.Contains(d, `WPFLEET_SITE_URL='http://",{"Fn::GetAtt":["FleetLoadBalancer`) {
		t.Errorf("default user data lacks the empty DB keys or the ALB site URL:\n%s", d)
	}
}

func TestCdkNagAwsSolutionsHasNoUnsuppressedFindings(t *testing.T) {
	// Turning access logs off is the caller's decision, and cdk-nag must still flag it.
	expected := map[string]string{"ImportedCertificate": "/ImportedCertificate/Fleet/LoadBalancer/Resource: AwsSolutions-ELB2"}
	for _, name := range []string{"Defaults", "Https", "ImportedCertificate"} {
		got := cdktest.NagFindings(fx(name).stack, "/Vpc/", "/DbSecret/") // the test's own VPC and secret
		want := expected[name]
		switch {
		case want == "" && len(got) > 0:
			t.Errorf("%s: unsuppressed findings:\n%s", name, strings.Join(got, "\n"))
		case want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], want)):
			t.Errorf("%s: findings %q, want exactly %q", name, got, want)
		}
	}
}

func TestEverySuppressionStillExcusesAFinding(t *testing.T) {
	for name, f := range fixtures() {
		cdktest.ExpectNoUnusedSuppressions(t, name, f.stack)
	}
}

func anySlice(v any) []any { s, _ := v.([]any); return s }
