package webfleet

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Defaults of WebFleetProps. They are exported so callers and tests can refer to them.
const (
	DefaultMinCapacity           = 1
	DefaultMaxCapacity           = 4
	DefaultCpuTargetPercent      = 50
	DefaultHealthCheckPath       = "/wp-includes/images/blank.gif"
	DefaultRootVolumeGiB         = 20
	DefaultInstancePort          = 80
	DefaultIdleTimeoutSeconds    = 120
	DefaultDeregistrationSeconds = 30
	DefaultGracePeriodSeconds    = 300
	// EnvironmentFile is where the user data writes the fleet's environment on every instance: the
	// "AMI contract" (see the README).
	EnvironmentFile = "/etc/wpfleet/wpfleet.env"
	// BootHook is run by the user data, if the AMI has it, after EnvironmentFile is written.
	BootHook = "/etc/wpfleet/on-boot.sh"
)

// DefaultInstanceType is the instance type when InstanceTypes is not set: t3.small.
func DefaultInstanceType() awsec2.InstanceType {
	return awsec2.InstanceType_Of(awsec2.InstanceClass_T3, awsec2.InstanceSize_SMALL)
}

// WebFleetProps configures a WebFleet. Only Vpc and the AMI (AmiName or MachineImage) are required.
type WebFleetProps struct {
	// Vpc to run in. Required.
	Vpc awsec2.IVpc

	// AmiName is the name pattern of the golden AMI, looked up at synth time with
	// ec2.MachineImage_Lookup (e.g. "WordPress-*"; the newest match wins). The result is cached in
	// cdk.context.json. Required unless MachineImage is set.
	AmiName *string
	// AmiOwners restricts the lookup to AMIs owned by these accounts or aliases.
	// Default: ["self"] (the deploying account), so a public AMI with a matching name is never picked.
	AmiOwners *[]*string
	// AmiFilters are extra DescribeImages filters, e.g. {"tag:Release": ["stable"]}.
	// Default: none.
	AmiFilters *map[string]*[]*string
	// MachineImage is used instead of the AmiName lookup when set (e.g. a fixed
	// ec2.MachineImage_GenericLinux). Default: the lookup described by AmiName/AmiOwners/AmiFilters.
	MachineImage awsec2.IMachineImage

	// InstanceTypes for the fleet. With more than one type the group uses a mixed instances policy,
	// on-demand, in the given order of priority; all must match the AMI's architecture.
	// Default: [t3.small].
	InstanceTypes *[]awsec2.InstanceType
	// RootVolumeGiB is the size of the encrypted gp3 root volume. Default: 20.
	RootVolumeGiB *float64
	// KeyPair allows SSH with that key. Default: none; use SSM Session Manager.
	KeyPair awsec2.IKeyPair
	// InstancePort is the port the AMI's web server listens on (plain HTTP behind the ALB).
	// Default: 80.
	InstancePort *float64
	// InstanceSubnets place the instances. Default: the VPC's private subnets with egress, all AZs.
	InstanceSubnets *awsec2.SubnetSelection

	// MinCapacity of the Auto Scaling group. Default: 1.
	MinCapacity *float64
	// MaxCapacity of the Auto Scaling group. Default: 4.
	MaxCapacity *float64
	// CpuTargetPercent is the average CPU utilization that target tracking keeps. Default: 50.
	CpuTargetPercent *float64
	// RequestsPerTargetPerMinute adds a second target tracking policy on ALB requests per instance.
	// Default: none (CPU only).
	RequestsPerTargetPerMinute *float64
	// HealthCheckGracePeriod before ELB health checks count on a new instance; also its warm-up time
	// for scaling and for rolling out a new AMI. Default: 5 minutes.
	HealthCheckGracePeriod awscdk.Duration
	// NotificationsTopic receives the group's launch/terminate/failure notifications.
	// Default: none.
	NotificationsTopic awssns.ITopic

	// HealthCheckPath is requested by the target group; it must answer 200 without redirecting,
	// even while WordPress's siteurl still points elsewhere. Default: /wp-includes/images/blank.gif.
	HealthCheckPath *string
	// DeregistrationDelay lets in-flight requests finish on an instance leaving the fleet.
	// Default: 30 seconds (the ALB's 300 s default makes every rollout slow).
	DeregistrationDelay awscdk.Duration

	// DomainName the site is served at, e.g. "www.example.com". With it the site URL is
	// https://DomainName. Requires Certificate or HostedZone. Default: none (the ALB's DNS name).
	DomainName *string
	// Certificate for HTTPS. Default: a DNS-validated certificate for DomainName when HostedZone is
	// set; otherwise none (plain HTTP, with a synth warning).
	Certificate awscertificatemanager.ICertificate
	// HostedZone holding DomainName: used to validate a new certificate and for the alias record.
	// Default: none.
	HostedZone awsroute53.IHostedZone
	// CreateAliasRecord points DomainName at the ALB in HostedZone. Default: true when HostedZone
	// and DomainName are set.
	CreateAliasRecord *bool
	// SslPolicy of the HTTPS listener. Default: RECOMMENDED_TLS (TLS 1.3 and 1.2).
	SslPolicy awselasticloadbalancingv2.SslPolicy

	// LoadBalancerSubnets place the ALB. Default: the VPC's public subnets.
	LoadBalancerSubnets *awsec2.SubnetSelection
	// DeletionProtection on the ALB. Default: false (turn it on in production).
	DeletionProtection *bool
	// IdleTimeout of the ALB's connections; long enough for wp-admin uploads and imports.
	// Default: 120 seconds.
	IdleTimeout awscdk.Duration
	// AccessLogs turns ALB access logging on. Default: true.
	AccessLogs *bool
	// AccessLogsBucket receives the access logs; it must use SSE-S3 encryption.
	// Default: a new bucket (SSE-S3, TLS only, no public access, logs expire after 90 days).
	AccessLogsBucket awss3.IBucket

	// DatabaseEndpoint is written to the environment file for the AMI (WPFLEET_DB_HOST/PORT).
	// Default: empty values.
	DatabaseEndpoint awsrds.Endpoint
	// DatabaseSecret holds the database credentials (the RDS secret JSON). Its ARN is written to the
	// environment file and the instance role may read it. Default: none.
	DatabaseSecret awssecretsmanager.ISecret
	// MediaBucket's name is written to the environment file (WPFLEET_MEDIA_BUCKET). Access is not
	// granted here: use datatier's GrantMediaReadWrite or the bucket's own grants. Default: none.
	MediaBucket awss3.IBucket
	// ExtraEnvironment adds KEY=value lines to the environment file. Keys must match
	// ^[A-Z][A-Z0-9_]*$ and not start with WPFLEET_. Default: none.
	ExtraEnvironment *map[string]*string
}
