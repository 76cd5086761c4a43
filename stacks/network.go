package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Subnet group names. They are part of the construct IDs of the subnets: renaming one replaces the
// subnets and everything in them.
const (
	PublicSubnets  = "Public" // load balancer, NAT gateways
	AppSubnets     = "App"    // web instances, the site URL Lambda (egress through NAT)
	DataSubnets    = "Data"   // the database (no route to the internet)
	flowLogGroupID = "FlowLogs"
)

// NetworkStack holds one environment's VPC: public, private-with-egress and isolated subnets in
// every AZ, NAT gateways, VPC flow logs and a gateway endpoint for S3 (media traffic skips NAT).
type NetworkStack struct {
	awscdk.Stack
	// Vpc is shared with the Data and Web stacks through cross-stack references.
	Vpc awsec2.Vpc
}

// NewNetworkStack builds the network of env inside its stage.
func NewNetworkStack(scope constructs.Construct, id string, env Environment, props *awscdk.StackProps) *NetworkStack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	n := env.Network

	flowLogs := awslogs.NewLogGroup(stack, jsii.String(flowLogGroupID), &awslogs.LogGroupProps{
		Retention: n.FlowLogRetention,
	})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		IpAddresses: awsec2.IpAddresses_Cidr(jsii.String(n.Cidr)),
		MaxAzs:      jsii.Number(n.MaxAzs),
		NatGateways: jsii.Number(n.NatGateways),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String(PublicSubnets), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(24)},
			{Name: jsii.String(AppSubnets), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(22)},
			{Name: jsii.String(DataSubnets), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
		},
		FlowLogs: &map[string]*awsec2.FlowLogOptions{
			"FlowLog": {
				Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(flowLogs, nil),
				TrafficType: awsec2.FlowLogTrafficType_ALL,
			},
		},
		GatewayEndpoints: &map[string]*awsec2.GatewayVpcEndpointOptions{
			"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()},
		},
	})
	return &NetworkStack{Stack: stack, Vpc: vpc}
}
