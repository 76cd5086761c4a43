package datatier_test

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
	"github.com/wpfleet/wpfleet/internal/cdktest"
)

type fixture struct {
	stack awscdk.Stack
	vpc   awsec2.Vpc
	data  datatier.DataTier
	peer  awsec2.SecurityGroup
	role  awsiam.Role
	tmpl  assertions.Template
	json  map[string]any
}

var fixtures = sync.OnceValue(func() map[string]*fixture {
	app := cdktest.NewApp(maps.Clone(cdktest.NagContext))
	env := &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")}
	out := map[string]*fixture{}
	build := func(name string, props func(stack awscdk.Stack, vpc awsec2.Vpc) *datatier.DataTierProps) {
		stack := awscdk.NewStack(app, jsii.String(name), &awscdk.StackProps{Env: env})
		vpc := cdktest.NewVpc(stack)
		f := &fixture{stack: stack, vpc: vpc}
		f.data = datatier.NewDataTier(stack, jsii.String("Data"), props(stack, vpc))
		// A web tier stand-in: the database opens to it, and its role gets the media grant.
		f.peer = awsec2.NewSecurityGroup(stack, jsii.String("Peer"), &awsec2.SecurityGroupProps{Vpc: vpc})
		f.peer.Connections().AllowToDefaultPort(f.data, jsii.String("fleet to database"))
		f.role = awsiam.NewRole(stack, jsii.String("FleetRole"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil)})
		f.data.GrantMediaReadWrite(f.role)
		cdktest.ApplyNag(stack)
		out[name] = f
	}
	build("New", func(_ awscdk.Stack, vpc awsec2.Vpc) *datatier.DataTierProps {
		return &datatier.DataTierProps{Vpc: vpc}
	})
	build("Production", func(_ awscdk.Stack, vpc awsec2.Vpc) *datatier.DataTierProps {
		return &datatier.DataTierProps{
			Vpc:                 vpc,
			EngineVersion:       awsrds.MysqlEngineVersion_VER_8_4_10(),
			InstanceType:        awsec2.NewInstanceType(jsii.String("m7g.large")),
			MultiAz:             jsii.Bool(true),
			BackupRetention:     awscdk.Duration_Days(jsii.Number(14)),
			RemovalPolicy:       awscdk.RemovalPolicy_RETAIN,
			RequireTls:          jsii.Bool(true),
			SecretRotation:      jsii.Bool(true),
			AllocatedStorageGiB: jsii.Number(50),
		}
	})
	build("Existing", func(stack awscdk.Stack, vpc awsec2.Vpc) *datatier.DataTierProps {
		return &datatier.DataTierProps{
			Vpc: vpc,
			ExistingDatabase: awsrds.DatabaseInstance_FromDatabaseInstanceAttributes(stack, jsii.String("Db"), &awsrds.DatabaseInstanceAttributes{
				InstanceIdentifier:      jsii.String("wordpress-prod"),
				InstanceEndpointAddress: jsii.String("wordpress-prod.abc123.us-east-1.rds.amazonaws.com"),
				Port:                    jsii.Number(3306),
				SecurityGroups:          &[]awsec2.ISecurityGroup{awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("DbSg"), jsii.String("sg-0123456789abcdef0"), nil)},
			}),
			ExistingDatabaseSecret: awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("DbSecret"),
				jsii.String("arn:aws:secretsmanager:us-east-1:111111111111:secret:wordpress/db-AbCdEf")),
			ExistingMediaBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Media"), jsii.String("example-wordpress-media")),
		}
	})
	// A VPC without isolated subnets: the database falls back to the private ones.
	twoTier := awscdk.NewStack(app, jsii.String("TwoTier"), &awscdk.StackProps{Env: env})
	twoTierVpc := awsec2.NewVpc(twoTier, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1)})
	out["TwoTier"] = &fixture{stack: twoTier, vpc: twoTierVpc,
		data: datatier.NewDataTier(twoTier, jsii.String("Data"), &datatier.DataTierProps{Vpc: twoTierVpc})}
	cdktest.ApplyNag(twoTier)
	for _, f := range out {
		f.tmpl = cdktest.Template(f.stack)
		f.json = *f.tmpl.ToJSON()
	}
	return out
})

func fx(name string) *fixture { return fixtures()[name] }

func only(t *testing.T, f *fixture, typ string) (string, map[string]any) {
	t.Helper()
	rs := cdktest.ResourcesOfType(f.json, typ)
	if len(rs) != 1 {
		t.Fatalf("%s: want one %s, got %d", *f.stack.StackName(), typ, len(rs))
	}
	for id, r := range rs {
		return id, r
	}
	return "", nil
}

// Renaming a construct ID replaces the live database or bucket: these logical IDs must never change.
func TestStatefulLogicalIdsArePinned(t *testing.T) {
	if id, _ := only(t, fx("New"), "AWS::RDS::DBInstance"); id != "DataDatabaseA9E9E962" {
		t.Errorf("database logical ID %s changed: that replaces the database", id)
	}
	for id, b := range cdktest.ResourcesOfType(fx("New").json, "AWS::S3::Bucket") {
		if _, versioned := cdktest.Props(b)["VersioningConfiguration"]; versioned && id != "DataMediaBucketC84E36E3" {
			t.Errorf("media bucket logical ID %s changed: that replaces the bucket", id)
		}
	}
}

func TestNewDatabaseDefaults(t *testing.T) {
	_, db := only(t, fx("New"), "AWS::RDS::DBInstance")
	p := cdktest.Props(db)
	want := map[string]any{
		"Engine": "mysql", "EngineVersion": "8.0.46", "DBInstanceClass": "db.t4g.small",
		"StorageEncrypted": true, "StorageType": "gp3", "AllocatedStorage": "20", "MaxAllocatedStorage": float64(100),
		"MultiAZ": false, "DeletionProtection": true, "BackupRetentionPeriod": float64(7),
		"PubliclyAccessible": false, "DBName": "wordpress", "AutoMinorVersionUpgrade": true,
		"CopyTagsToSnapshot": true, "DeleteAutomatedBackups": false, "Port": "3306",
	}
	for k, v := range want {
		if fmt.Sprint(p[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	if db["DeletionPolicy"] != "Snapshot" || db["UpdateReplacePolicy"] != "Snapshot" {
		t.Errorf("DeletionPolicy/UpdateReplacePolicy = %v/%v, want Snapshot: never a plain delete", db["DeletionPolicy"], db["UpdateReplacePolicy"])
	}
	if got := cdktest.JSON(p["EnableCloudwatchLogsExports"]); got != `["error","slowquery"]` {
		t.Errorf("EnableCloudwatchLogsExports = %s", got)
	}
	// In the isolated subnets: no route to the internet.
	_, group := only(t, fx("New"), "AWS::RDS::DBSubnetGroup")
	var isolated []string
	for _, s := range *fx("New").vpc.IsolatedSubnets() {
		isolated = append(isolated, cdktest.JSON(fx("New").stack.Resolve(s.SubnetId())))
	}
	if got := cdktest.JSON(cdktest.Props(group)["SubnetIds"]); got != "["+strings.Join(isolated, ",")+"]" {
		t.Errorf("subnet group %s, want the isolated subnets %v", got, isolated)
	}
	cdktest.Check(t, func() {
		fx("New").tmpl.HasResourceProperties(jsii.String("AWS::RDS::DBParameterGroup"), &map[string]any{
			"Family": "mysql8.0",
			"Parameters": assertions.Match_ObjectEquals(&map[string]any{
				"character_set_server": "utf8mb4", "collation_server": "utf8mb4_unicode_ci",
				"slow_query_log": "1", "long_query_time": "2", "log_output": "FILE",
			}),
		})
	})
	cdktest.Check(t, func() {
		assertions.Annotations_FromStack(fx("New").stack).HasWarning(jsii.String("/New/Data"),
			assertions.Match_StringLikeRegexp(jsii.String("MySQL 8.0 reached the end of RDS standard support")))
	})
}

func TestProductionDatabase(t *testing.T) {
	_, db := only(t, fx("Production"), "AWS::RDS::DBInstance")
	p := cdktest.Props(db)
	for k, v := range map[string]any{
		"EngineVersion": "8.4.10", "DBInstanceClass": "db.m7g.large", "MultiAZ": true,
		"BackupRetentionPeriod": float64(14), "AllocatedStorage": "50",
	} {
		if fmt.Sprint(p[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	if db["DeletionPolicy"] != "Retain" {
		t.Errorf("DeletionPolicy = %v, want Retain", db["DeletionPolicy"])
	}
	cdktest.Check(t, func() {
		fx("Production").tmpl.HasResourceProperties(jsii.String("AWS::RDS::DBParameterGroup"), &map[string]any{
			"Family":     "mysql8.4",
			"Parameters": assertions.Match_ObjectLike(&map[string]any{"require_secure_transport": "ON"}),
		})
	})
	cdktest.Check(t, func() {
		fx("Production").tmpl.HasResourceProperties(jsii.String("AWS::SecretsManager::RotationSchedule"), &map[string]any{
			"RotationRules": map[string]any{"ScheduleExpression": "rate(30 days)"},
		})
	})
	fx("New").tmpl.ResourceCountIs(jsii.String("AWS::SecretsManager::RotationSchedule"), jsii.Number(0))
	cdktest.Check(t, func() {
		assertions.Annotations_FromStack(fx("Production").stack).HasNoWarning(jsii.String("*"),
			assertions.Match_StringLikeRegexp(jsii.String("MySQL 8.0")))
	})
}

func TestSecretIsGeneratedAndAttached(t *testing.T) {
	_, secret := only(t, fx("New"), "AWS::SecretsManager::Secret")
	gen := cdktest.Props(secret)["GenerateSecretString"].(map[string]any)
	if gen["SecretStringTemplate"] != `{"username":"wpadmin"}` || gen["GenerateStringKey"] != "password" {
		t.Errorf("GenerateSecretString = %s, want a generated password for wpadmin", cdktest.JSON(gen))
	}
	if ex, _ := gen["ExcludeCharacters"].(string); !strings.ContainsAny(ex, `"@/\`) {
		t.Errorf("ExcludeCharacters = %q: must exclude the characters MySQL passwords cannot hold", ex)
	}
	// The attachment adds host, port, engine and dbname to the secret JSON.
	_, attachment := only(t, fx("New"), "AWS::SecretsManager::SecretTargetAttachment")
	if cdktest.Props(attachment)["TargetType"] != "AWS::RDS::DBInstance" {
		t.Errorf("secret attachment = %s", cdktest.JSON(cdktest.Props(attachment)))
	}
}

// The database admits the given peers on its port and nothing else.
func TestDatabaseIngressOnlyFromPeers(t *testing.T) {
	f := fx("New")
	dbSG := cdktest.JSON(f.stack.Resolve(f.data.SecurityGroup().SecurityGroupId()))
	peerSG := cdktest.JSON(f.stack.Resolve(f.peer.SecurityGroupId()))
	for id, sg := range cdktest.ResourcesOfType(f.json, "AWS::EC2::SecurityGroup") {
		if ingress, ok := cdktest.Props(sg)["SecurityGroupIngress"]; ok {
			t.Errorf("security group %s has inline ingress %s", id, cdktest.JSON(ingress))
		}
	}
	ingress := cdktest.ResourcesOfType(f.json, "AWS::EC2::SecurityGroupIngress")
	if len(ingress) != 1 {
		t.Fatalf("want exactly one ingress rule, got %s", cdktest.JSON(ingress))
	}
	for _, r := range ingress {
		p := cdktest.Props(r)
		if cdktest.JSON(p["GroupId"]) != dbSG || cdktest.JSON(p["SourceSecurityGroupId"]) != peerSG || cdktest.JSON(p["FromPort"]) != cdktest.JSON(p["ToPort"]) || p["IpProtocol"] != "tcp" {
			t.Errorf("ingress %s, want tcp on the database port from the peer only", cdktest.JSON(p))
		}
		if got := cdktest.JSON(p["FromPort"]); !strings.Contains(got, "Endpoint.Port") {
			t.Errorf("FromPort = %s, want the database's port", got)
		}
	}
}

func TestMediaBucketIsPrivateVersionedAndLogged(t *testing.T) {
	f := fx("New")
	mediaID, logsID := "", ""
	for id, b := range cdktest.ResourcesOfType(f.json, "AWS::S3::Bucket") {
		if _, ok := cdktest.Props(b)["VersioningConfiguration"]; ok {
			mediaID = id
		} else {
			logsID = id
		}
		p := cdktest.Props(b)
		if got := cdktest.JSON(p["PublicAccessBlockConfiguration"]); got != `{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}` {
			t.Errorf("%s: PublicAccessBlockConfiguration = %s", id, got)
		}
		if got := cdktest.JSON(p["BucketEncryption"]); !strings.Contains(got, `"SSEAlgorithm":"AES256"`) {
			t.Errorf("%s: BucketEncryption = %s", id, got)
		}
		if b["DeletionPolicy"] != "Retain" {
			t.Errorf("%s: DeletionPolicy = %v, want Retain", id, b["DeletionPolicy"])
		}
	}
	if mediaID == "" || logsID == "" {
		t.Fatalf("want a media bucket and a log bucket, got %v", cdktest.ResourcesOfType(f.json, "AWS::S3::Bucket"))
	}
	media := cdktest.Props(cdktest.ResourcesOfType(f.json, "AWS::S3::Bucket")[mediaID])
	if got := cdktest.JSON(media["VersioningConfiguration"]); got != `{"Status":"Enabled"}` {
		t.Errorf("VersioningConfiguration = %s", got)
	}
	if got := cdktest.JSON(media["LoggingConfiguration"]); got != `{"DestinationBucketName":{"Ref":"`+logsID+`"},"LogFilePrefix":"media/"}` {
		t.Errorf("LoggingConfiguration = %s, want the log bucket", got)
	}
	if got := cdktest.JSON(media["LifecycleConfiguration"]); !strings.Contains(got, `"NoncurrentVersionExpiration":{"NoncurrentDays":30}`) {
		t.Errorf("LifecycleConfiguration = %s, want old versions expired after 30 days", got)
	}
	// Both buckets refuse plain HTTP.
	for id := range cdktest.ResourcesOfType(f.json, "AWS::S3::BucketPolicy") {
		policy := cdktest.JSON(cdktest.Props(cdktest.ResourcesOfType(f.json, "AWS::S3::BucketPolicy")[id])["PolicyDocument"])
		if !strings.Contains(policy, `"Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny"`) {
			t.Errorf("bucket policy %s does not deny non-TLS requests: %s", id, policy)
		}
	}
	if n := len(cdktest.ResourcesOfType(f.json, "AWS::S3::BucketPolicy")); n != 2 {
		t.Errorf("bucket policies: %d, want 2 (media and logs)", n)
	}
}

func TestGrantMediaReadWriteIsExactlyWhatOffloadMediaNeeds(t *testing.T) {
	f := fx("New")
	var fleetPolicy map[string]any
	for _, p := range cdktest.ResourcesOfType(f.json, "AWS::IAM::Policy") {
		if strings.Contains(cdktest.JSON(cdktest.Props(p)["Roles"]), "FleetRole") {
			fleetPolicy = p
		}
	}
	if fleetPolicy == nil {
		t.Fatal("no policy on the fleet role")
	}
	got := cdktest.JSON(cdktest.Props(fleetPolicy)["PolicyDocument"])
	want := `{"Statement":[{"Action":["s3:GetBucketLocation","s3:GetBucketOwnershipControls","s3:GetBucketPublicAccessBlock","s3:ListBucket"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataMediaBucketC84E36E3","Arn"]}},{"Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["DataMediaBucketC84E36E3","Arn"]},"/*"]]}}],"Version":"2012-10-17"}`
	if got != want {
		t.Errorf("media grant\n got %s\nwant %s", got, want)
	}
}

func TestExistingResourcesCreateNothing(t *testing.T) {
	f := fx("Existing")
	for _, typ := range []string{"AWS::RDS::DBInstance", "AWS::S3::Bucket", "AWS::SecretsManager::Secret", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBSubnetGroup"} {
		if n := len(cdktest.ResourcesOfType(f.json, typ)); n != 0 {
			t.Errorf("%s: %d created, want none", typ, n)
		}
	}
	if got := *f.data.Endpoint().Hostname(); got != "wordpress-prod.abc123.us-east-1.rds.amazonaws.com" {
		t.Errorf("Endpoint().Hostname() = %s", got)
	}
	if got := *f.data.MediaBucket().BucketName(); got != "example-wordpress-media" {
		t.Errorf("MediaBucket().BucketName() = %s", got)
	}
	// The existing database's security group admits the peer.
	cdktest.Check(t, func() {
		f.tmpl.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupIngress"), &map[string]any{
			"GroupId": "sg-0123456789abcdef0", "FromPort": 3306, "ToPort": 3306, "IpProtocol": "tcp",
		})
	})
}

func TestCdkNagAwsSolutionsHasNoUnsuppressedFindings(t *testing.T) {
	for _, name := range []string{"New", "Production", "Existing"} {
		for _, finding := range cdktest.NagFindings(fx(name).stack, "/Vpc/", "/FleetRole/", "/Peer/") {
			t.Errorf("%s: %s", name, finding)
		}
	}
}

func TestEverySuppressionStillExcusesAFinding(t *testing.T) {
	for name, f := range fixtures() {
		cdktest.ExpectNoUnusedSuppressions(t, name, f.stack)
	}
}

func TestDatabaseFallsBackToPrivateSubnetsWithoutIsolatedOnes(t *testing.T) {
	f := fx("TwoTier")
	_, group := only(t, f, "AWS::RDS::DBSubnetGroup")
	var private []string
	for _, s := range *f.vpc.PrivateSubnets() {
		private = append(private, cdktest.JSON(f.stack.Resolve(s.SubnetId())))
	}
	if got := cdktest.JSON(cdktest.Props(group)["SubnetIds"]); got != "["+strings.Join(private, ",")+"]" {
		t.Errorf("subnet group %s, want the private subnets %v", got, private)
	}
}
