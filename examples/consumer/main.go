// Command consumer is how another team builds a WordPress fleet with wpfleet's constructs in its own
// CDK app: one stack with a VPC, the data tier, the fleet and the site URL custom resource. It
// synthesizes with no AWS credentials (a fixed AMI per region instead of a lookup).
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
	"github.com/wpfleet/wpfleet/constructs/siteurl"
	"github.com/wpfleet/wpfleet/constructs/webfleet"
)

// Site is the consumer's stack and what it built.
type Site struct {
	Stack   awscdk.Stack
	Data    datatier.DataTier
	Fleet   webfleet.WebFleet
	SiteUrl siteurl.SiteUrl
}

// NewSite builds the whole site in one stack.
func NewSite(scope constructs.Construct, id string, props *awscdk.StackProps) *Site {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs:      jsii.Number(2),
		NatGateways: jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC},
			{Name: jsii.String("App"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
			{Name: jsii.String("Data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		},
	})
	data := datatier.NewDataTier(stack, jsii.String("Data"), &datatier.DataTierProps{
		Vpc:                vpc,
		DeletionProtection: jsii.Bool(false),
	})
	fleet := webfleet.NewWebFleet(stack, jsii.String("Fleet"), &webfleet.WebFleetProps{
		Vpc: vpc,
		MachineImage: awsec2.MachineImage_GenericLinux(&map[string]*string{
			"eu-west-1": jsii.String("ami-0c0ffee0c0ffee000"),
		}, nil),
		MaxCapacity:      jsii.Number(3),
		DatabaseEndpoint: data.Endpoint(),
		DatabaseSecret:   data.Secret(),
		MediaBucket:      data.MediaBucket(),
	})
	fleet.Connections().AllowToDefaultPort(data, jsii.String("fleet to database"))
	data.GrantMediaReadWrite(fleet.InstanceRole())
	site := siteurl.NewSiteUrl(stack, jsii.String("WordPressSiteUrl"), &siteurl.SiteUrlProps{
		SiteUrl:        fleet.SiteUrl(),
		DatabaseSecret: data.Secret(),
		Database:       data,
		Vpc:            vpc,
	})
	awscdk.NewCfnOutput(stack, jsii.String("SiteUrl"), &awscdk.CfnOutputProps{Value: fleet.SiteUrl()})
	return &Site{Stack: stack, Data: data, Fleet: fleet, SiteUrl: site}
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	NewSite(app, "Blog", &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}})
	app.Synth(nil)
}
