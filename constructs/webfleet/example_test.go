package webfleet_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/webfleet"
)

// A fleet from a golden AMI found by name. In an app run by the CDK CLI the lookup is answered
// from cdk.context.json (or, with credentials, from the account); here the context is given.
func ExampleNewWebFleet() {
	app := awscdk.NewApp(&awscdk.AppProps{Context: &map[string]any{
		"ami:account=123456789012:filters.image-type.0=machine:filters.name.0=WordPress-*:filters.state.0=available:owners.0=self:region=eu-west-1": "ami-0123456789abcdef0",
		"availability-zones:account=123456789012:region=eu-west-1":                                                                                  []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"},
	}})
	stack := awscdk.NewStack(app, jsii.String("Site"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")},
	})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)

	fleet := webfleet.NewWebFleet(stack, jsii.String("Fleet"), &webfleet.WebFleetProps{
		Vpc:     vpc,
		AmiName: jsii.String("WordPress-*"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("SiteUrl"), &awscdk.CfnOutputProps{Value: fleet.SiteUrl()})

	tmpl := assertions.Template_FromStack(stack, nil)
	for _, lt := range *tmpl.FindResources(jsii.String("AWS::EC2::LaunchTemplate"), nil) {
		data := (*lt)["Properties"].(map[string]any)["LaunchTemplateData"].(map[string]any)
		fmt.Println("AMI:", data["ImageId"], "type:", data["InstanceType"])
	}
	for _, asg := range *tmpl.FindResources(jsii.String("AWS::AutoScaling::AutoScalingGroup"), nil) {
		p := (*asg)["Properties"].(map[string]any)
		fmt.Println("capacity:", p["MinSize"], "to", p["MaxSize"])
	}
	// Output:
	// AMI: ami-0123456789abcdef0 type: t3.small
	// capacity: 1 to 4
}
