package datatier_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
)

// A new database and media bucket, opened to a web tier.
func ExampleNewDataTier() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Data"), &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)

	data := datatier.NewDataTier(stack, jsii.String("Data"), &datatier.DataTierProps{
		Vpc:     vpc,
		MultiAz: jsii.Bool(true),
	})
	web := awsec2.NewSecurityGroup(stack, jsii.String("Web"), &awsec2.SecurityGroupProps{Vpc: vpc})
	web.Connections().AllowToDefaultPort(data, jsii.String("web to database"))

	tmpl := assertions.Template_FromStack(stack, nil)
	for _, db := range *tmpl.FindResources(jsii.String("AWS::RDS::DBInstance"), nil) {
		p := (*db)["Properties"].(map[string]any)
		fmt.Println(p["Engine"], p["EngineVersion"], "multi-AZ:", p["MultiAZ"], "encrypted:", p["StorageEncrypted"])
	}
	// Output:
	// mysql 8.0.46 multi-AZ: true encrypted: true
}

// A site migrating to the fleet keeps its database, secret and bucket: nothing new is created.
func ExampleNewDataTier_existing() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Data"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)

	data := datatier.NewDataTier(stack, jsii.String("Data"), &datatier.DataTierProps{
		Vpc: vpc,
		ExistingDatabase: awsrds.DatabaseInstance_FromDatabaseInstanceAttributes(stack, jsii.String("Db"), &awsrds.DatabaseInstanceAttributes{
			InstanceIdentifier:      jsii.String("wordpress"),
			InstanceEndpointAddress: jsii.String("wordpress.abc123.eu-west-1.rds.amazonaws.com"),
			Port:                    jsii.Number(3306),
			SecurityGroups:          &[]awsec2.ISecurityGroup{awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("DbSg"), jsii.String("sg-0123456789abcdef0"), nil)},
		}),
		ExistingDatabaseSecret: awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("Secret"),
			jsii.String("arn:aws:secretsmanager:eu-west-1:123456789012:secret:wordpress/db-AbCdEf")),
		ExistingMediaBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Media"), jsii.String("example-media")),
	})

	fmt.Println(*data.Endpoint().Hostname(), *data.MediaBucket().BucketName(), data.DatabaseInstance() == nil)
	// Output:
	// wordpress.abc123.eu-west-1.rds.amazonaws.com example-media true
}
