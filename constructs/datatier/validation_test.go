package datatier_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
	"github.com/wpfleet/wpfleet/internal/cdktest"
)

func TestInvalidPropsFailWithEveryProblemNamed(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Validation"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	db := awsrds.DatabaseInstance_FromDatabaseInstanceAttributes(stack, jsii.String("Db"), &awsrds.DatabaseInstanceAttributes{
		InstanceIdentifier: jsii.String("db"), InstanceEndpointAddress: jsii.String("db.example"), Port: jsii.Number(3306),
		SecurityGroups: &[]awsec2.ISecurityGroup{},
	})
	secret := awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Secret"), jsii.String("wordpress/db"))
	bucket := awss3.Bucket_FromBucketName(stack, jsii.String("Bucket"), jsii.String("media"))

	cases := []struct {
		name  string
		props *datatier.DataTierProps
		want  []string
	}{
		{"no vpc", nil, []string{"Vpc is required"}},
		{"existing database and new-database settings", &datatier.DataTierProps{
			Vpc: vpc, ExistingDatabase: db, ExistingDatabaseSecret: secret,
			MultiAz: jsii.Bool(true), InstanceType: awsec2.NewInstanceType(jsii.String("t4g.large")),
		}, []string{"ExistingDatabase and InstanceType conflict", "ExistingDatabase and MultiAz conflict"}},
		{"existing database without secret", &datatier.DataTierProps{Vpc: vpc, ExistingDatabase: db},
			[]string{"ExistingDatabaseSecret is required with ExistingDatabase"}},
		{"secret without existing database", &datatier.DataTierProps{Vpc: vpc, ExistingDatabaseSecret: secret},
			[]string{"ExistingDatabaseSecret needs ExistingDatabase"}},
		{"existing bucket and new-bucket settings", &datatier.DataTierProps{
			Vpc: vpc, ExistingMediaBucket: bucket, MediaNoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(5)), MediaRemovalPolicy: awscdk.RemovalPolicy_DESTROY,
		}, []string{"ExistingMediaBucket and MediaNoncurrentVersionExpiration conflict", "ExistingMediaBucket and MediaRemovalPolicy conflict"}},
		{"destroy the database", &datatier.DataTierProps{Vpc: vpc, RemovalPolicy: awscdk.RemovalPolicy_DESTROY},
			[]string{"RemovalPolicy DESTROY would delete the site's database"}},
		{"backups too long", &datatier.DataTierProps{Vpc: vpc, BackupRetention: awscdk.Duration_Days(jsii.Number(40))},
			[]string{"BackupRetention 40 days must be between 1 and 35"}},
		{"no backups", &datatier.DataTierProps{Vpc: vpc, BackupRetention: awscdk.Duration_Hours(jsii.Number(1))},
			[]string{"must be between 1 and 35"}},
		{"storage", &datatier.DataTierProps{Vpc: vpc, AllocatedStorageGiB: jsii.Number(50), MaxAllocatedStorageGiB: jsii.Number(40)},
			[]string{"MaxAllocatedStorageGiB 40 must be >= AllocatedStorageGiB 50"}},
		{"bad names", &datatier.DataTierProps{Vpc: vpc, DatabaseName: jsii.String("word-press"), Username: jsii.String("1admin")},
			[]string{`DatabaseName "word-press"`, `Username "1admin"`}},
		{"rotation interval without rotation", &datatier.DataTierProps{Vpc: vpc, RotationInterval: awscdk.Duration_Days(jsii.Number(7))},
			[]string{"RotationInterval is set but SecretRotation is not true"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := fmt.Sprintf("Data%d", i)
			cdktest.ExpectInvalid(t, stack, "datatier.NewDataTier", id, func() { datatier.NewDataTier(stack, jsii.String(id), c.props) }, c.want...)
		})
	}
}
