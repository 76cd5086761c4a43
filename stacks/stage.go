package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Stack IDs inside every stage. With the stage name they form the paths `cdk deploy 'Prod/*'` selects
// and the CloudFormation stack names ("Prod-Network"): renaming one creates a new stack.
const (
	NetworkStackID = "Network"
	DataStackID    = "Data"
	WebStackID     = "Web"
)

// EnvironmentStage is one environment: an awscdk.Stage holding its stacks.
type EnvironmentStage struct {
	awscdk.Stage
	// Settings the stage was built from.
	Settings Environment
	// Network holds the VPC.
	Network *NetworkStack
	// Data holds the database, its secret and the media bucket (stateful).
	Data *DataStack
	// Web holds the fleet and the site URL custom resource (stateless).
	Web *WebStack
}

// NewStages validates every environment and then builds one stage per environment under scope.
// Nothing is built when any environment is invalid.
func NewStages(scope constructs.Construct, envs []Environment) ([]*EnvironmentStage, error) {
	if err := ValidateAll(envs); err != nil {
		return nil, err
	}
	stages := make([]*EnvironmentStage, 0, len(envs))
	for _, env := range envs {
		stages = append(stages, newEnvironmentStage(scope, env))
	}
	return stages, nil
}

func newEnvironmentStage(scope constructs.Construct, env Environment) *EnvironmentStage {
	stage := awscdk.NewStage(scope, jsii.String(env.Name), &awscdk.StageProps{
		Env: &awscdk.Environment{Account: jsii.String(env.Account), Region: jsii.String(env.Region)},
	})
	tags := awscdk.Tags_Of(stage)
	tags.Add(jsii.String("wpfleet:environment"), jsii.String(env.Name), nil)
	tags.Add(jsii.String("wpfleet:managed-by"), jsii.String("cdk"), nil)

	network := NewNetworkStack(stage, NetworkStackID, env, &awscdk.StackProps{
		Description: jsii.String("wpfleet " + env.Name + ": VPC, subnets, NAT gateways, flow logs"),
	})
	data := NewDataStack(stage, DataStackID, env, &DataStackProps{
		StackProps: awscdk.StackProps{
			Description: jsii.String("wpfleet " + env.Name + ": database, its secret, media bucket (stateful)"),
		},
		Vpc: network.Vpc,
	})
	web := NewWebStack(stage, WebStackID, env, &WebStackProps{
		StackProps: awscdk.StackProps{
			Description: jsii.String("wpfleet " + env.Name + ": load balancer, Auto Scaling group, launch template (stateless)"),
		},
		Vpc:  network.Vpc,
		Data: data.Data,
	})
	return &EnvironmentStage{Stage: stage, Settings: env, Network: network, Data: data, Web: web}
}
