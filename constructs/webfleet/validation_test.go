package webfleet_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/webfleet"
	"github.com/wpfleet/wpfleet/internal/cdktest"
)

// newFleet builds a fleet and returns the panic message, or "" when construction succeeded.
func newFleet(stack awscdk.Stack, id string, props *webfleet.WebFleetProps) string {
	return cdktest.PanicMessage(func() { webfleet.NewWebFleet(stack, jsii.String(id), props) })
}

func TestInvalidPropsFailWithEveryProblemNamed(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Validation"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	zone := awsroute53.HostedZone_FromHostedZoneAttributes(stack, jsii.String("Zone"), &awsroute53.HostedZoneAttributes{
		HostedZoneId: jsii.String("Z1"), ZoneName: jsii.String("example.com"),
	})
	cert := awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("Cert"), jsii.String("arn:aws:acm:us-east-1:111111111111:certificate/x"))
	ami := jsii.String("WordPress-*")

	cases := []struct {
		name  string
		props *webfleet.WebFleetProps
		want  []string
	}{
		{"nothing", nil, []string{"Vpc is required", "AmiName (the golden AMI's name pattern) or MachineImage is required"}},
		{"two AMI sources", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MachineImage: awsec2.MachineImage_LatestAmazonLinux2023(nil)},
			[]string{"MachineImage and AmiName/AmiOwners/AmiFilters are alternatives"}},
		{"max below min", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MinCapacity: jsii.Number(3), MaxCapacity: jsii.Number(2)},
			[]string{"MaxCapacity 2 must be >= MinCapacity 3"}},
		{"max below default min", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MaxCapacity: jsii.Number(0)},
			[]string{"MaxCapacity 0 must be a whole number >= 1", "MaxCapacity 0 must be >= MinCapacity 1"}},
		{"negative min", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MinCapacity: jsii.Number(-1)},
			[]string{"MinCapacity -1 must be a whole number >= 0"}},
		{"fractional capacity", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MaxCapacity: jsii.Number(2.5)},
			[]string{"MaxCapacity 2.5 must be a whole number >= 1"}},
		{"cpu target zero", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, CpuTargetPercent: jsii.Number(0)},
			[]string{"CpuTargetPercent 0 must be > 0 and <= 100"}},
		{"cpu target above 100", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, CpuTargetPercent: jsii.Number(120)},
			[]string{"CpuTargetPercent 120 must be > 0 and <= 100"}},
		{"relative health check path", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, HealthCheckPath: jsii.String("health")},
			[]string{`HealthCheckPath "health" must start with '/'`}},
		{"domain without certificate source", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, DomainName: jsii.String("www.example.com")},
			[]string{`DomainName "www.example.com" needs Certificate or HostedZone`}},
		{"domain with scheme", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, DomainName: jsii.String("https://www.example.com"), HostedZone: zone},
			[]string{`DomainName "https://www.example.com" is not a fully qualified domain name`}},
		{"certificate without domain", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, Certificate: cert},
			[]string{"Certificate needs DomainName"}},
		{"hosted zone without domain", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, HostedZone: zone},
			[]string{"HostedZone needs DomainName"}},
		{"alias record without zone", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, CreateAliasRecord: jsii.Bool(true)},
			[]string{"CreateAliasRecord needs HostedZone"}},
		{"empty instance types", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, InstanceTypes: &[]awsec2.InstanceType{}},
			[]string{"InstanceTypes is empty"}},
		{"tiny root volume", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, RootVolumeGiB: jsii.Number(4)},
			[]string{"RootVolumeGiB 4 must be between 8 and 16384"}},
		{"reserved environment key", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, ExtraEnvironment: &map[string]*string{"WPFLEET_DB_HOST": jsii.String("x"), "lower": jsii.String("y")}},
			[]string{`ExtraEnvironment key "WPFLEET_DB_HOST"`, `ExtraEnvironment key "lower"`}},
		{"everything at once", &webfleet.WebFleetProps{Vpc: vpc, AmiName: ami, MinCapacity: jsii.Number(5), MaxCapacity: jsii.Number(4), CpuTargetPercent: jsii.Number(101), HealthCheckPath: jsii.String("x")},
			[]string{"MaxCapacity 4 must be >= MinCapacity 5", "CpuTargetPercent 101", `HealthCheckPath "x"`}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := fmt.Sprintf("Fleet%d", i)
			cdktest.ExpectInvalid(t, stack, "webfleet.NewWebFleet", id, func() { webfleet.NewWebFleet(stack, jsii.String(id), c.props) }, c.want...)
		})
	}
}

// Values only known at deploy time (tokens) are not judged at synth.
func TestTokensAreNotValidated(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Tokens"), &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("us-east-1")}})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	max := awscdk.NewCfnParameter(stack, jsii.String("Max"), &awscdk.CfnParameterProps{Type: jsii.String("Number")})
	if msg := newFleet(stack, "Fleet", &webfleet.WebFleetProps{
		Vpc: vpc, MachineImage: awsec2.MachineImage_LatestAmazonLinux2023(nil), MaxCapacity: max.ValueAsNumber(),
	}); msg != "" {
		t.Errorf("a token MaxCapacity must not be rejected at synth: %s", msg)
	}
}
