package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
)

// DataStack holds one environment's state: the database, its secret and the media bucket. It is
// deployed before the Web stack, which reads its values through cross-stack references.
type DataStack struct {
	awscdk.Stack
	// Data is the environment's database, secret and media bucket.
	Data datatier.DataTier
}

// DataStackProps are what the Data stack takes from the other stacks of its stage.
type DataStackProps struct {
	awscdk.StackProps
	// Vpc from the Network stack; the database goes in its Data (isolated) subnets.
	Vpc awsec2.IVpc
}

// NewDataStack builds the data tier of env.
func NewDataStack(scope constructs.Construct, id string, env Environment, props *DataStackProps) *DataStack {
	sp := props.StackProps
	sp.TerminationProtection = jsii.Bool(env.Data.TerminationProtection)
	stack := awscdk.NewStack(scope, jsii.String(id), &sp)
	d := env.Data

	dataProps := &datatier.DataTierProps{Vpc: props.Vpc}
	if x := d.Existing; x != nil {
		dataProps.ExistingDatabase = awsrds.DatabaseInstance_FromDatabaseInstanceAttributes(stack, jsii.String("ExistingDatabase"), &awsrds.DatabaseInstanceAttributes{
			InstanceIdentifier:      jsii.String(x.InstanceIdentifier),
			InstanceEndpointAddress: jsii.String(x.Endpoint),
			Port:                    jsii.Number(x.Port),
			SecurityGroups: &[]awsec2.ISecurityGroup{
				awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("ExistingDatabaseSecurityGroup"), jsii.String(x.SecurityGroupID), nil),
			},
			Engine: awsrds.DatabaseInstanceEngine_MYSQL(),
		})
		dataProps.ExistingDatabaseSecret = awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("ExistingDatabaseSecret"), jsii.String(x.SecretArn))
	} else {
		dataProps.InstanceType = awsec2.NewInstanceType(jsii.String(d.InstanceType))
		dataProps.MultiAz = jsii.Bool(d.MultiAz)
		dataProps.DeletionProtection = jsii.Bool(d.DeletionProtection)
		dataProps.BackupRetention = awscdk.Duration_Days(jsii.Number(d.BackupRetentionDays))
		dataProps.AllocatedStorageGiB = jsii.Number(d.AllocatedStorageGiB)
		dataProps.MaxAllocatedStorageGiB = jsii.Number(max(100, 5*d.AllocatedStorageGiB))
		dataProps.SecretRotation = jsii.Bool(d.SecretRotation)
		dataProps.DatabaseSubnets = &awsec2.SubnetSelection{SubnetGroupName: jsii.String(DataSubnets)}
	}
	if d.ExistingMediaBucket != "" {
		dataProps.ExistingMediaBucket = awss3.Bucket_FromBucketName(stack, jsii.String("ExistingMediaBucket"), jsii.String(d.ExistingMediaBucket))
	}
	data := datatier.NewDataTier(stack, jsii.String("Data"), dataProps)

	awscdk.NewCfnOutput(stack, jsii.String("DatabaseEndpoint"), &awscdk.CfnOutputProps{Value: data.Endpoint().SocketAddress()})
	awscdk.NewCfnOutput(stack, jsii.String("DatabaseSecretArn"), &awscdk.CfnOutputProps{Value: data.Secret().SecretArn()})
	awscdk.NewCfnOutput(stack, jsii.String("MediaBucketName"), &awscdk.CfnOutputProps{Value: data.MediaBucket().BucketName()})
	return &DataStack{Stack: stack, Data: data}
}
