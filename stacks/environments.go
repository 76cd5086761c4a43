package stacks

import "github.com/aws/aws-cdk-go/awscdk/v2/awslogs"

// The sample environments. Point them at your own accounts and regions (and refresh
// cdk.context.json, see the README) before the first deploy.

// Dev is small and cheap: one NAT gateway, short log retention, no deletion protection.
func Dev() Environment {
	return Environment{
		Name:    "Dev",
		Account: "111111111111",
		Region:  "us-east-1",
		Network: NetworkSettings{
			Cidr:             "10.10.0.0/16",
			MaxAzs:           2,
			NatGateways:      1,
			FlowLogRetention: awslogs.RetentionDays_ONE_WEEK,
		},
		Web: WebSettings{
			AmiName:       "WordPress-*",
			TablePrefix:   "wp_",
			InstanceTypes: []string{"t3.small"},
			MinCapacity:   1,
			MaxCapacity:   2,
			AccessLogs:    false, // saves a bucket in Dev; cdk-nag's ELB2 is suppressed for Dev only
		},
		Data: DataSettings{
			InstanceType:        "t4g.micro",
			BackupRetentionDays: 1,
			AllocatedStorageGiB: 20,
		},
	}
}

// Staging mirrors Prod's shape at a smaller size, so a release is rehearsed before it ships.
func Staging() Environment {
	return Environment{
		Name:    "Staging",
		Account: "222222222222",
		Region:  "us-east-1",
		Network: NetworkSettings{
			Cidr:             "10.20.0.0/16",
			MaxAzs:           2,
			NatGateways:      1,
			FlowLogRetention: awslogs.RetentionDays_ONE_MONTH,
		},
		Web: WebSettings{
			AmiName:       "WordPress-*",
			TablePrefix:   "wp_",
			InstanceTypes: []string{"t3.small"},
			MinCapacity:   1,
			MaxCapacity:   3,
			AccessLogs:    true,
		},
		Data: DataSettings{
			InstanceType:        "t4g.small",
			BackupRetentionDays: 7,
			AllocatedStorageGiB: 20,
			DeletionProtection:  true,
		},
	}
}

// Prod spans three AZs with a NAT gateway in each, and keeps its logs for a year.
func Prod() Environment {
	return Environment{
		Name:    "Prod",
		Account: "333333333333",
		Region:  "ap-southeast-1",
		Network: NetworkSettings{
			Cidr:             "10.30.0.0/16",
			MaxAzs:           3,
			NatGateways:      3,
			FlowLogRetention: awslogs.RetentionDays_ONE_YEAR,
		},
		// Sized for ~1,000 concurrent users: two instances always (one per AZ at least), up to six.
		Web: WebSettings{
			AmiName:            "WordPress-*",
			TablePrefix:        "wp_",
			InstanceTypes:      []string{"t3.medium", "t3a.medium"},
			MinCapacity:        2,
			MaxCapacity:        6,
			CpuTargetPercent:   50,
			DomainName:         "www.example.com",
			HostedZoneID:       "Z0123456789EXAMPLE0AB",
			HostedZoneName:     "example.com",
			DeletionProtection: true,
			AccessLogs:         true,
		},
		Data: DataSettings{
			InstanceType:          "m7g.large",
			MultiAz:               true,
			BackupRetentionDays:   14,
			AllocatedStorageGiB:   50,
			DeletionProtection:    true,
			SecretRotation:        false, // turn on once the AMI re-reads the secret (see README)
			TerminationProtection: true,
		},
	}
}

// Environments returns every environment that `make synth` builds, in deployment order.
func Environments() []Environment {
	return []Environment{Dev(), Staging(), Prod()}
}
