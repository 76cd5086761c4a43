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
	}
}

// Environments returns every environment that `make synth` builds, in deployment order.
func Environments() []Environment {
	return []Environment{Dev(), Staging(), Prod()}
}
