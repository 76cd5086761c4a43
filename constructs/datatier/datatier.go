// Package datatier provides DataTier, an L3 construct holding all of a WordPress site's state: an
// RDS for MySQL database with its credentials in Secrets Manager, and the S3 bucket for media
// (WP Offload Media style). Each can be created or an existing one passed in.
//
// Construct IDs are a contract: "Database" and "MediaBucket" name live data, and renaming them
// replaces it. Keep DataTier in a stack of its own so the web tier can be replaced freely.
package datatier

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/internal/nag"
)

// Construct IDs of the stateful resources; tests pin the logical IDs they produce.
const (
	DatabaseID    = "Database"
	MediaBucketID = "MediaBucket"
	// DefaultDatabaseName is the schema WordPress uses when DatabaseName is not set.
	DefaultDatabaseName = "wordpress"
	// DefaultUsername is the database's master user when Username is not set.
	DefaultUsername = "wpadmin"
)

// DataTier is a WordPress site's state: database, credentials and media.
type DataTier interface {
	constructs.Construct
	awsec2.IConnectable
	// Database is the database: created here, or the ExistingDatabase passed in.
	Database() awsrds.IDatabaseInstance
	// DatabaseInstance is the database created here, or nil when an existing one was passed in.
	DatabaseInstance() awsrds.DatabaseInstance
	// Endpoint is the database's address and port.
	Endpoint() awsrds.Endpoint
	// Secret holds the credentials as the RDS secret JSON (username, password, host, port, dbname,
	// engine).
	Secret() awssecretsmanager.ISecret
	// DatabaseName is the schema WordPress uses.
	DatabaseName() *string
	// MediaBucket holds the site's media (uploads).
	MediaBucket() awss3.IBucket
	// MediaLogsBucket receives the media bucket's server access logs, or nil for an existing bucket.
	MediaLogsBucket() awss3.IBucket
	// SecurityGroup is the database's first security group.
	SecurityGroup() awsec2.ISecurityGroup
	// GrantMediaReadWrite gives grantee what WP Offload Media needs on the media bucket: list and
	// locate the bucket, read its public-access and ownership settings, and read, write and delete
	// objects. Nothing else (no bucket policy or ACL changes).
	GrantMediaReadWrite(grantee awsiam.IGrantable) awsiam.Grant
}

type dataTier struct {
	constructs.Construct
	db          awsrds.IDatabaseInstance
	instance    awsrds.DatabaseInstance
	secret      awssecretsmanager.ISecret
	dbName      *string
	media       awss3.IBucket
	mediaLogs   awss3.IBucket
	connections awsec2.Connections
}

func (d *dataTier) Database() awsrds.IDatabaseInstance        { return d.db }
func (d *dataTier) DatabaseInstance() awsrds.DatabaseInstance { return d.instance }
func (d *dataTier) Endpoint() awsrds.Endpoint                 { return d.db.InstanceEndpoint() }
func (d *dataTier) Secret() awssecretsmanager.ISecret         { return d.secret }
func (d *dataTier) DatabaseName() *string                     { return d.dbName }
func (d *dataTier) MediaBucket() awss3.IBucket                { return d.media }
func (d *dataTier) MediaLogsBucket() awss3.IBucket            { return d.mediaLogs }
func (d *dataTier) Connections() awsec2.Connections           { return d.connections }
func (d *dataTier) SecurityGroup() awsec2.ISecurityGroup {
	return (*d.connections.SecurityGroups())[0]
}

// NewDataTier builds the data tier. It panics, listing every problem at once, when props are invalid.
func NewDataTier(scope constructs.Construct, id *string, props *DataTierProps) DataTier {
	if props == nil {
		props = &DataTierProps{}
	}
	if problems := validate(props); len(problems) > 0 {
		panic(fmt.Sprintf("datatier.NewDataTier(%s): invalid props:\n  - %s", deref(id), strings.Join(problems, "\n  - ")))
	}
	p := withDefaults(*props)
	// The Go value itself becomes the construct (jsii's _Override pattern), so it can be passed
	// wherever the CDK takes an IConnectable or a scope.
	d := &dataTier{dbName: p.DatabaseName}
	constructs.NewConstruct_Override(d, scope, id)
	// Server access logs are delivered under a bucket policy (no ACLs, so both buckets can enforce
	// bucket-owner object ownership), whatever feature flags the consuming app sets.
	d.Node().SetContext(jsii.String("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"), true)

	if p.ExistingDatabase != nil {
		d.db, d.secret = p.ExistingDatabase, p.ExistingDatabaseSecret
	} else {
		d.buildDatabase(p)
	}
	d.connections = d.db.Connections()

	if p.ExistingMediaBucket != nil {
		d.media = p.ExistingMediaBucket
	} else {
		d.buildMediaBucket(p)
	}
	return d
}

func (d *dataTier) buildDatabase(p DataTierProps) {
	engine := awsrds.DatabaseInstanceEngine_Mysql(&awsrds.MySqlInstanceEngineProps{Version: p.EngineVersion})
	params := map[string]*string{
		// WordPress stores emoji and most scripts only in utf8mb4.
		"character_set_server": jsii.String("utf8mb4"),
		"collation_server":     jsii.String("utf8mb4_unicode_ci"),
		"slow_query_log":       jsii.String("1"),
		"long_query_time":      jsii.String("2"),
		"log_output":           jsii.String("FILE"),
	}
	if *p.RequireTls {
		params["require_secure_transport"] = jsii.String("ON")
	}
	parameterGroup := awsrds.NewParameterGroup(d, jsii.String("Parameters"), &awsrds.ParameterGroupProps{
		Engine:      engine,
		Description: jsii.String("wpfleet WordPress: utf8mb4, slow query log"),
		Parameters:  &params,
	})

	instance := awsrds.NewDatabaseInstance(d, jsii.String(DatabaseID), &awsrds.DatabaseInstanceProps{
		Engine:                  engine,
		InstanceType:            p.InstanceType,
		Vpc:                     p.Vpc,
		VpcSubnets:              p.DatabaseSubnets,
		Credentials:             awsrds.Credentials_FromGeneratedSecret(p.Username, nil),
		DatabaseName:            p.DatabaseName,
		ParameterGroup:          parameterGroup,
		AllocatedStorage:        p.AllocatedStorageGiB,
		MaxAllocatedStorage:     p.MaxAllocatedStorageGiB,
		StorageType:             awsrds.StorageType_GP3,
		StorageEncrypted:        jsii.Bool(true),
		MultiAz:                 p.MultiAz,
		DeletionProtection:      p.DeletionProtection,
		RemovalPolicy:           p.RemovalPolicy,
		BackupRetention:         p.BackupRetention,
		DeleteAutomatedBackups:  jsii.Bool(false),
		CopyTagsToSnapshot:      jsii.Bool(true),
		AutoMinorVersionUpgrade: jsii.Bool(true),
		PubliclyAccessible:      jsii.Bool(false),
		CloudwatchLogsExports:   jsii.Strings("error", "slowquery"),
		CloudwatchLogsRetention: p.LogRetention,
		MonitoringInterval:      awscdk.Duration_Seconds(jsii.Number(60)),
		Port:                    jsii.Number(3306),
	})
	d.instance, d.db, d.secret = instance, instance, instance.Secret()

	reasons := []nag.Suppression{
		{ID: "AwsSolutions-RDS11", Reason: "WordPress and the migrated site expect MySQL's standard port 3306; only the fleet's and the site URL function's security groups may reach it."},
	}
	if !*p.MultiAz {
		reasons = append(reasons, nag.Suppression{ID: "AwsSolutions-RDS3", Reason: "Multi-AZ is off by this environment's settings (MultiAz=false): a non-production database that can be restored from backups."})
	}
	if !*p.DeletionProtection {
		reasons = append(reasons, nag.Suppression{ID: "AwsSolutions-RDS10", Reason: "Deletion protection is off by this environment's settings (DeletionProtection=false); removal still takes a final snapshot."})
	}
	nag.Suppress(instance, reasons...)
	if monitoringRole := instance.Node().TryFindChild(jsii.String("MonitoringRole")); monitoringRole != nil {
		nag.Suppress(monitoringRole, nag.Suppression{
			ID:        "AwsSolutions-IAM4",
			Reason:    "AmazonRDSEnhancedMonitoringRole is the AWS-managed policy RDS requires to publish enhanced monitoring.",
			AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"},
		})
	}

	if *p.SecretRotation {
		instance.AddRotationSingleUser(&awsrds.RotationSingleUserOptions{
			AutomaticallyAfter: p.RotationInterval,
			VpcSubnets:         p.RotationSubnets,
		})
	} else {
		// Secret() is the attachment; the generated secret is the instance's "Secret" child.
		nag.Suppress(instance.Node().FindChild(jsii.String("Secret")), nag.Suppression{ID: "AwsSolutions-SMG4", Reason: "Rotation is opt-in (SecretRotation): the web fleet reads the password at boot, so rotating it needs the AMI to re-read the secret."})
	}

	// CloudwatchLogsRetention adds the CDK's stack-wide log retention function.
	if fn := awscdk.Stack_Of(d).Node().TryFindChild(jsii.String("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a")); fn != nil {
		role := fn.Node().FindChild(jsii.String("ServiceRole"))
		nag.Suppress(role, nag.Suppression{
			ID:        "AwsSolutions-IAM4",
			Reason:    "The CDK's log retention function uses AWSLambdaBasicExecutionRole to write its own logs.",
			AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
		})
		nag.Suppress(role.Node().FindChild(jsii.String("DefaultPolicy")), nag.Suppression{
			ID:        "AwsSolutions-IAM5",
			Reason:    "The CDK's log retention function sets retention on the RDS log groups, whose names RDS derives at runtime.",
			AppliesTo: []string{"Resource::*"},
		})
	}

	if strings.HasPrefix(*p.EngineVersion.MysqlMajorVersion(), "8.0") {
		awscdk.Annotations_Of(d).AddWarningV2(jsii.String("wpfleet:datatier:mysql80-extended-support"),
			jsii.String("MySQL 8.0 reached the end of RDS standard support on 2026-07-31 and now runs on paid RDS Extended Support. Plan the upgrade to 8.4 (DataTierProps.EngineVersion: awsrds.MysqlEngineVersion_VER_8_4_10())."), nil)
	}
}

func (d *dataTier) buildMediaBucket(p DataTierProps) {
	logs := awss3.NewBucket(d, jsii.String("MediaAccessLogs"), &awss3.BucketProps{
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		RemovalPolicy:     p.MediaRemovalPolicy,
		LifecycleRules: &[]*awss3.LifecycleRule{{
			Id:         jsii.String("ExpireAccessLogs"),
			Expiration: awscdk.Duration_Days(jsii.Number(365)),
		}},
	})
	d.mediaLogs = logs

	d.media = awss3.NewBucket(d, jsii.String(MediaBucketID), &awss3.BucketProps{
		Encryption:             awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:             jsii.Bool(true),
		BlockPublicAccess:      awss3.BlockPublicAccess_BLOCK_ALL(),
		ObjectOwnership:        awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		Versioned:              jsii.Bool(true),
		RemovalPolicy:          p.MediaRemovalPolicy,
		ServerAccessLogsBucket: logs,
		ServerAccessLogsPrefix: jsii.String("media/"),
		LifecycleRules: &[]*awss3.LifecycleRule{{
			Id:                                  jsii.String("ExpireOldVersions"),
			NoncurrentVersionExpiration:         p.MediaNoncurrentVersionExpiration,
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(7)),
			ExpiredObjectDeleteMarker:           jsii.Bool(true),
		}},
	})
}

func (d *dataTier) GrantMediaReadWrite(grantee awsiam.IGrantable) awsiam.Grant {
	bucketLevel := awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketPublicAccessBlock", "s3:GetBucketOwnershipControls"),
		ResourceArns: jsii.Strings(*d.media.BucketArn()),
	})
	objectLevel := awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
		ResourceArns: jsii.Strings(*d.media.ArnForObjects(jsii.String("*"))),
	})
	if key := d.media.EncryptionKey(); key != nil {
		key.GrantEncryptDecrypt(grantee)
	}
	return bucketLevel.Combine(objectLevel)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
