// Package stacks turns wpfleet's per-environment settings into CDK stages and stacks.
//
// One Environment value describes one deployment target (Dev, Staging, Prod, ...). Validate checks
// every field before any construct is built, so a bad value fails synth with a message that names
// the environment and the field. NewEnvironmentStage builds one awscdk.Stage holding the Network,
// Data and Web stacks of that environment.
package stacks

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/regioninfo"
)

// Environment is everything that differs between two deployments of wpfleet.
type Environment struct {
	// Name is the stage name: it prefixes every stack ("Prod/Network") and CloudFormation stack
	// name ("Prod-Network"). Renaming an environment creates new stacks: treat it as permanent.
	Name string
	// Account is the 12-digit AWS account ID to deploy to.
	Account string
	// Region is the AWS region to deploy to, e.g. "us-east-1".
	Region string
	// Network sizes the VPC.
	Network NetworkSettings
	// Web sizes the web fleet (constructs/webfleet).
	Web WebSettings
	// Data sizes the database and media bucket (constructs/datatier).
	Data DataSettings
}

// DataSettings configure one environment's data tier: a new database and bucket, or existing ones.
type DataSettings struct {
	// InstanceType of a new database, e.g. "t4g.small" (without the "db." prefix).
	InstanceType string
	// MultiAz keeps a standby database in a second AZ.
	MultiAz bool
	// DeletionProtection blocks deleting the database.
	DeletionProtection bool
	// BackupRetentionDays of automated backups, 1 to 35.
	BackupRetentionDays int
	// AllocatedStorageGiB of a new database (it grows automatically up to 5x, at least 100 GiB).
	AllocatedStorageGiB int
	// SecretRotation rotates the database password every 30 days.
	SecretRotation bool
	// TerminationProtection on the Data stack: `cdk destroy` and stack deletion are refused.
	TerminationProtection bool
	// Existing, when set, is the database that already holds the site: nothing new is created for
	// it, and the settings above that shape a new database must be left empty.
	Existing *ExistingDatabase
	// ExistingMediaBucket names a bucket that already holds the site's media. Empty: a new bucket.
	ExistingMediaBucket string
}

// ExistingDatabase describes a database created outside wpfleet.
type ExistingDatabase struct {
	InstanceIdentifier string // e.g. "wordpress-prod"
	Endpoint           string // e.g. "wordpress-prod.abc123.us-east-1.rds.amazonaws.com"
	Port               int    // e.g. 3306
	SecurityGroupID    string // the database's security group, e.g. "sg-0123456789abcdef0"
	SecretArn          string // the complete ARN of the secret holding the RDS secret JSON
}

// WebSettings configure one environment's web fleet. Zero values take webfleet's defaults where
// the field says so.
type WebSettings struct {
	// AmiName is the golden AMI's name pattern, e.g. "WordPress-*" (newest match wins).
	AmiName string
	// AmiOwners restrict the AMI lookup. Empty: the environment's own account ("self").
	AmiOwners []string
	// InstanceTypes in priority order, e.g. ["t3.small"]. Empty: t3.small.
	InstanceTypes []string
	// MinCapacity and MaxCapacity bound the Auto Scaling group.
	MinCapacity, MaxCapacity int
	// CpuTargetPercent is the average CPU that target tracking keeps. 0: 50.
	CpuTargetPercent float64
	// DomainName serves the site over HTTPS at https://DomainName. Empty: plain HTTP on the ALB's
	// DNS name. Needs HostedZoneID+HostedZoneName (a new DNS-validated certificate and an alias
	// record) or CertificateArn.
	DomainName string
	// HostedZoneID and HostedZoneName name the Route 53 public zone holding DomainName.
	HostedZoneID, HostedZoneName string
	// CertificateArn is an existing ACM certificate for DomainName in the environment's region.
	CertificateArn string
	// DeletionProtection on the load balancer.
	DeletionProtection bool
	// AccessLogs turns the ALB's access logs on.
	AccessLogs bool
	// TablePrefix is WordPress's $table_prefix, for the site URL custom resource. Empty: "wp_".
	TablePrefix string
}

// NetworkSettings sizes one environment's VPC.
type NetworkSettings struct {
	// Cidr is the VPC's IPv4 range; give each environment its own so they can be peered later.
	Cidr string
	// MaxAzs is how many availability zones the VPC spans (2 or more: the load balancer needs two).
	MaxAzs int
	// NatGateways is how many NAT gateways carry the private subnets' egress: 1 saves cost, one per
	// AZ (== MaxAzs) keeps egress up when an AZ fails.
	NatGateways int
	// FlowLogRetention is how long VPC flow logs are kept in CloudWatch Logs.
	FlowLogRetention awslogs.RetentionDays
}

var (
	stageNamePattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)
	accountPattern     = regexp.MustCompile(`^[0-9]{12}$`)
	tablePrefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	// instanceTypePattern matches "t3.small", "m7g.large", "c6in.2xlarge", "u-6tb1.metal".
	instanceTypePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9]+$`)
)

// knownRegions lists the regions the CDK's region facts know about, in every partition.
func knownRegions() []string {
	var names []string
	for _, r := range *regioninfo.RegionInfo_Regions() {
		names = append(names, *r.Name())
	}
	return names
}

// Validate reports every problem with the environment at once; each line names the environment and
// the field. It returns nil when the environment can be synthesized.
func (e Environment) Validate() error {
	var problems []string
	add := func(field, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s: %s: %s", e.label(), field, fmt.Sprintf(format, args...)))
	}
	if !stageNamePattern.MatchString(e.Name) {
		add("Name", "%q must start with a letter and hold only letters, digits and '-'", e.Name)
	}
	if !accountPattern.MatchString(e.Account) {
		add("Account", "%q is not a 12-digit AWS account ID", e.Account)
	}
	if !slices.Contains(knownRegions(), e.Region) {
		add("Region", "%q is not a known AWS region", e.Region)
	}

	n := e.Network
	if prefix, err := netip.ParsePrefix(n.Cidr); err != nil || !prefix.Addr().Is4() {
		add("Network.Cidr", "%q is not an IPv4 CIDR block", n.Cidr)
	} else if prefix.Bits() < 16 || prefix.Bits() > 18 {
		add("Network.Cidr", "%q must be a /16, /17 or /18 to fit three subnet tiers in every AZ", n.Cidr)
	}
	if n.MaxAzs < 2 || n.MaxAzs > 6 {
		add("Network.MaxAzs", "%d must be between 2 and 6 (the load balancer needs two AZs)", n.MaxAzs)
	}
	if n.NatGateways < 1 || n.NatGateways > max(n.MaxAzs, 1) {
		add("Network.NatGateways", "%d must be between 1 and MaxAzs (%d): private subnets need egress", n.NatGateways, n.MaxAzs)
	}
	if n.FlowLogRetention == "" {
		add("Network.FlowLogRetention", "must be set")
	}

	w := e.Web
	if strings.TrimSpace(w.AmiName) == "" {
		add("Web.AmiName", "must name the golden AMI (a name pattern such as \"WordPress-*\")")
	}
	for _, t := range w.InstanceTypes {
		if !instanceTypePattern.MatchString(t) {
			add("Web.InstanceTypes", "%q is not an EC2 instance type such as \"t3.small\"", t)
		}
	}
	if w.MinCapacity < 0 {
		add("Web.MinCapacity", "%d must be >= 0", w.MinCapacity)
	}
	if w.MaxCapacity < 1 || w.MaxCapacity < w.MinCapacity {
		add("Web.MaxCapacity", "%d must be >= 1 and >= MinCapacity (%d)", w.MaxCapacity, w.MinCapacity)
	}
	if w.CpuTargetPercent < 0 || w.CpuTargetPercent > 100 {
		add("Web.CpuTargetPercent", "%v must be between 1 and 100 (0 for the default 50)", w.CpuTargetPercent)
	}
	hasZone := w.HostedZoneID != "" || w.HostedZoneName != ""
	switch {
	case w.DomainName == "" && (hasZone || w.CertificateArn != ""):
		add("Web.DomainName", "must be set when HostedZoneID/HostedZoneName or CertificateArn is")
	case w.DomainName != "" && !hasZone && w.CertificateArn == "":
		add("Web.DomainName", "%q needs HostedZoneID+HostedZoneName or CertificateArn for its certificate", w.DomainName)
	}
	if hasZone && (w.HostedZoneID == "" || w.HostedZoneName == "") {
		add("Web.HostedZoneID", "HostedZoneID and HostedZoneName go together (got %q and %q)", w.HostedZoneID, w.HostedZoneName)
	}
	if w.HostedZoneName != "" && w.DomainName != "" && w.DomainName != w.HostedZoneName && !strings.HasSuffix(w.DomainName, "."+w.HostedZoneName) {
		add("Web.DomainName", "%q is not inside hosted zone %q", w.DomainName, w.HostedZoneName)
	}
	if w.TablePrefix != "" && !tablePrefixPattern.MatchString(w.TablePrefix) {
		add("Web.TablePrefix", "%q must match ^[A-Za-z0-9_]+$", w.TablePrefix)
	}
	if w.CertificateArn != "" && !strings.HasPrefix(w.CertificateArn, "arn:aws") {
		add("Web.CertificateArn", "%q is not an ACM certificate ARN", w.CertificateArn)
	}

	d := e.Data
	if d.Existing != nil {
		x := d.Existing
		if d.InstanceType != "" || d.MultiAz || d.AllocatedStorageGiB != 0 || d.SecretRotation || d.BackupRetentionDays != 0 || d.DeletionProtection {
			add("Data.Existing", "conflicts with InstanceType/MultiAz/AllocatedStorageGiB/SecretRotation/BackupRetentionDays/DeletionProtection, which shape a new database")
		}
		if x.InstanceIdentifier == "" || x.Endpoint == "" {
			add("Data.Existing", "InstanceIdentifier and Endpoint are required")
		}
		if x.Port < 1 || x.Port > 65535 {
			add("Data.Existing.Port", "%d is not a TCP port", x.Port)
		}
		if !strings.HasPrefix(x.SecurityGroupID, "sg-") {
			add("Data.Existing.SecurityGroupID", "%q is not a security group ID", x.SecurityGroupID)
		}
		if !strings.HasPrefix(x.SecretArn, "arn:") || !strings.Contains(x.SecretArn, ":secretsmanager:") {
			add("Data.Existing.SecretArn", "%q is not a Secrets Manager secret ARN", x.SecretArn)
		}
	} else {
		if !instanceTypePattern.MatchString(d.InstanceType) {
			add("Data.InstanceType", "%q is not an instance type such as \"t4g.small\" (no \"db.\" prefix)", d.InstanceType)
		}
		if d.BackupRetentionDays < 1 || d.BackupRetentionDays > 35 {
			add("Data.BackupRetentionDays", "%d must be between 1 and 35", d.BackupRetentionDays)
		}
		if d.AllocatedStorageGiB < 20 {
			add("Data.AllocatedStorageGiB", "%d must be at least 20", d.AllocatedStorageGiB)
		}
	}

	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "\n"))
}

func (e Environment) label() string {
	if e.Name == "" {
		return "environment <unnamed>"
	}
	return "environment " + e.Name
}

// ValidateAll validates every environment and also that their names are unique.
func ValidateAll(envs []Environment) error {
	var errs []error
	seen := map[string]bool{}
	for _, e := range envs {
		if err := e.Validate(); err != nil {
			errs = append(errs, err)
		}
		if seen[strings.ToLower(e.Name)] {
			errs = append(errs, fmt.Errorf("%s: Name: %q is used by more than one environment", e.label(), e.Name))
		}
		seen[strings.ToLower(e.Name)] = true
	}
	if len(envs) == 0 {
		errs = append(errs, errors.New("no environments to synthesize"))
	}
	return errors.Join(errs...)
}
