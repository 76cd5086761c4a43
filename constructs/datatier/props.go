package datatier

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
)

// DataTierProps configures a DataTier. Only Vpc is required. The database and the media bucket are
// each either created (the default) or passed in with ExistingDatabase+ExistingDatabaseSecret and
// ExistingMediaBucket; setting an "existing" prop together with a prop that only shapes a new
// resource is an error.
type DataTierProps struct {
	// Vpc to run the database in. Required.
	Vpc awsec2.IVpc

	// ExistingDatabase is a database that already holds the site, e.g.
	// awsrds.DatabaseInstance_FromDatabaseInstanceAttributes(endpoint, port, security groups).
	// Default: a new RDS for MySQL instance.
	ExistingDatabase awsrds.IDatabaseInstance
	// ExistingDatabaseSecret holds ExistingDatabase's credentials as the RDS secret JSON. Required
	// with ExistingDatabase.
	ExistingDatabaseSecret awssecretsmanager.ISecret
	// DatabaseName is the schema WordPress uses (created in a new database). Default: "wordpress".
	DatabaseName *string

	// The props below shape a new database only.

	// EngineVersion of MySQL. Default: 8.0.46, the current 8.0 minor (later minors are applied by
	// RDS's automatic minor version upgrades).
	EngineVersion awsrds.MysqlEngineVersion
	// InstanceType of the database. Default: t4g.small.
	InstanceType awsec2.InstanceType
	// DatabaseSubnets place the database. Default: the VPC's isolated subnets, or its private
	// subnets when it has no isolated ones.
	DatabaseSubnets *awsec2.SubnetSelection
	// Username of the master user, generated into Secrets Manager. Default: "wpadmin".
	Username *string
	// AllocatedStorageGiB of gp3 storage. Default: 20.
	AllocatedStorageGiB *float64
	// MaxAllocatedStorageGiB lets storage grow automatically up to this size. Default: 100.
	MaxAllocatedStorageGiB *float64
	// MultiAz keeps a standby in a second AZ. Default: false (turn it on in production).
	MultiAz *bool
	// DeletionProtection blocks deleting the database. Default: true.
	DeletionProtection *bool
	// BackupRetention of automated backups, 1 to 35 days. Default: 7 days.
	BackupRetention awscdk.Duration
	// RemovalPolicy when the database leaves the stack: SNAPSHOT or RETAIN (DESTROY is refused: it
	// would delete the site). Default: SNAPSHOT.
	RemovalPolicy awscdk.RemovalPolicy
	// LogRetention of the error and slow query logs in CloudWatch Logs. Default: one month.
	LogRetention awslogs.RetentionDays
	// RequireTls refuses unencrypted connections (require_secure_transport=ON). Turn it on once
	// the AMI's WordPress connects with TLS (MYSQL_CLIENT_FLAGS). Default: false.
	RequireTls *bool
	// SecretRotation rotates the master password (single user). Default: false.
	SecretRotation *bool
	// RotationInterval between rotations. Default: 30 days.
	RotationInterval awscdk.Duration
	// RotationSubnets place the rotation function; it needs a route to Secrets Manager (NAT or an
	// interface endpoint) and to the database. Default: the VPC's private subnets with egress.
	RotationSubnets *awsec2.SubnetSelection

	// ExistingMediaBucket already holds the site's media, e.g. awss3.Bucket_FromBucketName.
	// Default: a new bucket.
	ExistingMediaBucket awss3.IBucket
	// MediaNoncurrentVersionExpiration deletes overwritten or deleted media versions after this long
	// (new bucket only). Default: 30 days.
	MediaNoncurrentVersionExpiration awscdk.Duration
	// MediaRemovalPolicy of a new media bucket and its log bucket. Default: RETAIN.
	MediaRemovalPolicy awscdk.RemovalPolicy
}

// validate returns every problem with props.
func validate(p *DataTierProps) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	known := func(v *float64) bool { return v != nil && !*awscdk.Token_IsUnresolved(v) }

	if p.Vpc == nil {
		add("Vpc is required")
	}
	if p.ExistingDatabase != nil {
		var conflicts []string
		for name, set := range map[string]bool{
			"EngineVersion": p.EngineVersion != nil, "InstanceType": p.InstanceType != nil,
			"DatabaseSubnets": p.DatabaseSubnets != nil, "Username": p.Username != nil,
			"AllocatedStorageGiB": p.AllocatedStorageGiB != nil, "MaxAllocatedStorageGiB": p.MaxAllocatedStorageGiB != nil,
			"MultiAz": p.MultiAz != nil, "DeletionProtection": p.DeletionProtection != nil,
			"BackupRetention": p.BackupRetention != nil, "RemovalPolicy": p.RemovalPolicy != "",
			"LogRetention": p.LogRetention != "", "RequireTls": p.RequireTls != nil,
			"SecretRotation": p.SecretRotation != nil, "RotationInterval": p.RotationInterval != nil,
			"RotationSubnets": p.RotationSubnets != nil,
		} {
			if set {
				conflicts = append(conflicts, name)
			}
		}
		slices.Sort(conflicts)
		for _, c := range conflicts {
			add("ExistingDatabase and %s conflict: %s shapes a new database only", c, c)
		}
		if p.ExistingDatabaseSecret == nil {
			add("ExistingDatabaseSecret is required with ExistingDatabase (the credentials as the RDS secret JSON)")
		}
	} else if p.ExistingDatabaseSecret != nil {
		add("ExistingDatabaseSecret needs ExistingDatabase: a new database generates its own secret")
	}
	if p.ExistingMediaBucket != nil {
		if p.MediaNoncurrentVersionExpiration != nil {
			add("ExistingMediaBucket and MediaNoncurrentVersionExpiration conflict: the lifecycle shapes a new bucket only")
		}
		if p.MediaRemovalPolicy != "" {
			add("ExistingMediaBucket and MediaRemovalPolicy conflict: the removal policy applies to a new bucket only")
		}
	}
	if p.RemovalPolicy == awscdk.RemovalPolicy_DESTROY {
		add("RemovalPolicy DESTROY would delete the site's database with its stack: use SNAPSHOT or RETAIN")
	}
	if p.BackupRetention != nil && !*awscdk.Token_IsUnresolved(p.BackupRetention) {
		if days := *p.BackupRetention.ToDays(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)}); days < 1 || days > 35 {
			add("BackupRetention %v days must be between 1 and 35", days)
		}
	}
	if known(p.AllocatedStorageGiB) && (*p.AllocatedStorageGiB < 20 || *p.AllocatedStorageGiB > 65536) {
		add("AllocatedStorageGiB %v must be between 20 and 65536", *p.AllocatedStorageGiB)
	}
	if known(p.MaxAllocatedStorageGiB) {
		alloc := 20.0
		if known(p.AllocatedStorageGiB) {
			alloc = *p.AllocatedStorageGiB
		}
		if *p.MaxAllocatedStorageGiB < alloc {
			add("MaxAllocatedStorageGiB %v must be >= AllocatedStorageGiB %v", *p.MaxAllocatedStorageGiB, alloc)
		}
	}
	if p.DatabaseName != nil && !*awscdk.Token_IsUnresolved(p.DatabaseName) && !identifier(*p.DatabaseName) {
		add("DatabaseName %q must start with a letter and hold at most 64 letters, digits and '_'", *p.DatabaseName)
	}
	if p.Username != nil && !*awscdk.Token_IsUnresolved(p.Username) && (!identifier(*p.Username) || len(*p.Username) > 16) {
		add("Username %q must start with a letter and hold at most 16 letters, digits and '_'", *p.Username)
	}
	if p.RotationInterval != nil && (p.SecretRotation == nil || !*p.SecretRotation) {
		add("RotationInterval is set but SecretRotation is not true")
	}
	return problems
}

var identifierPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,63}$`)

func identifier(s string) bool { return identifierPattern.MatchString(s) }

// withDefaults returns props with every unset field at its documented default.
func withDefaults(p DataTierProps) DataTierProps {
	if p.DatabaseName == nil {
		p.DatabaseName = jsii.String(DefaultDatabaseName)
	}
	if p.ExistingDatabase == nil {
		if p.EngineVersion == nil {
			p.EngineVersion = awsrds.MysqlEngineVersion_VER_8_0_46()
		}
		if p.InstanceType == nil {
			p.InstanceType = awsec2.InstanceType_Of(awsec2.InstanceClass_T4G, awsec2.InstanceSize_SMALL)
		}
		if p.DatabaseSubnets == nil {
			p.DatabaseSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
			if len(*p.Vpc.IsolatedSubnets()) == 0 {
				p.DatabaseSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
			}
		}
		if p.Username == nil {
			p.Username = jsii.String(DefaultUsername)
		}
		if p.AllocatedStorageGiB == nil {
			p.AllocatedStorageGiB = jsii.Number(20)
		}
		if p.MaxAllocatedStorageGiB == nil {
			p.MaxAllocatedStorageGiB = jsii.Number(max(100, *p.AllocatedStorageGiB))
		}
		p.MultiAz = orFalse(p.MultiAz)
		if p.DeletionProtection == nil {
			p.DeletionProtection = jsii.Bool(true)
		}
		if p.BackupRetention == nil {
			p.BackupRetention = awscdk.Duration_Days(jsii.Number(7))
		}
		if p.RemovalPolicy == "" {
			p.RemovalPolicy = awscdk.RemovalPolicy_SNAPSHOT
		}
		if p.LogRetention == "" {
			p.LogRetention = awslogs.RetentionDays_ONE_MONTH
		}
		p.RequireTls = orFalse(p.RequireTls)
		p.SecretRotation = orFalse(p.SecretRotation)
		if p.RotationInterval == nil {
			p.RotationInterval = awscdk.Duration_Days(jsii.Number(30))
		}
		if p.RotationSubnets == nil {
			p.RotationSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
		}
	}
	if p.ExistingMediaBucket == nil {
		if p.MediaNoncurrentVersionExpiration == nil {
			p.MediaNoncurrentVersionExpiration = awscdk.Duration_Days(jsii.Number(30))
		}
		if p.MediaRemovalPolicy == "" {
			p.MediaRemovalPolicy = awscdk.RemovalPolicy_RETAIN
		}
	}
	return p
}

func orFalse(b *bool) *bool {
	if b == nil {
		return jsii.Bool(false)
	}
	return b
}
