package stacks_test

import (
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/internal/cdktest"
	"github.com/wpfleet/wpfleet/stacks"
)

// A team migrating a running site brings its database, secret and bucket: the Data stack then
// creates none of them, and the Web stack still reads them and opens the database to the fleet.
func TestExistingDatabaseAndBucket(t *testing.T) {
	env := stacks.Staging()
	env.Data = stacks.DataSettings{
		Existing: &stacks.ExistingDatabase{
			InstanceIdentifier: "wordpress",
			Endpoint:           "wordpress.abc123.us-east-1.rds.amazonaws.com",
			Port:               3306,
			SecurityGroupID:    "sg-0123456789abcdef0",
			SecretArn:          "arn:aws:secretsmanager:us-east-1:222222222222:secret:wordpress/db-AbCdEf",
		},
		ExistingMediaBucket: "example-wordpress-media",
	}
	app := cdktest.NewApp(nil)
	stages, err := stacks.NewStages(app, []stacks.Environment{env})
	if err != nil {
		t.Fatal(err)
	}
	stage := stages[0]
	data := cdktest.Template(stage.Data.Stack)
	for _, typ := range []string{"AWS::RDS::DBInstance", "AWS::S3::Bucket", "AWS::SecretsManager::Secret"} {
		cdktest.Check(t, func() { data.ResourceCountIs(jsii.String(typ), jsii.Number(0)) })
	}
	web := cdktest.Template(stage.Web.Stack)
	cdktest.Check(t, func() {
		web.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupIngress"), &map[string]any{
			"GroupId": "sg-0123456789abcdef0", "FromPort": 3306, "ToPort": 3306, "IpProtocol": "tcp",
		})
	})
	cdktest.Check(t, func() {
		web.HasResourceProperties(jsii.String("AWS::IAM::Policy"), &map[string]any{
			"PolicyDocument": map[string]any{"Statement": []any{
				map[string]any{"Action": []any{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, "Effect": "Allow",
					"Resource": "arn:aws:secretsmanager:us-east-1:222222222222:secret:wordpress/db-AbCdEf"},
				map[string]any{"Action": []any{"s3:GetBucketLocation", "s3:GetBucketOwnershipControls", "s3:GetBucketPublicAccessBlock", "s3:ListBucket"}, "Effect": "Allow",
					"Resource": "arn:aws:s3:::example-wordpress-media"},
				map[string]any{"Action": []any{"s3:DeleteObject", "s3:GetObject", "s3:PutObject"}, "Effect": "Allow",
					"Resource": "arn:aws:s3:::example-wordpress-media/*"},
			}, "Version": "2012-10-17"},
		})
	})
}
