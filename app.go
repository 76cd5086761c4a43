// Command wpfleet is the CDK app: one stage per environment (Dev, Staging, Prod), each holding the
// stacks that run a WordPress fleet. Run it through the CDK CLI (`make synth`, `cdk deploy 'Prod/*'`).
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/stacks"
)

func main() {
	defer jsii.Close()

	app := awscdk.NewApp(nil)
	if _, err := stacks.NewStages(app, stacks.Environments()); err != nil {
		fmt.Fprintf(os.Stderr, "wpfleet: invalid settings:\n%v\n", err)
		os.Exit(1)
	}
	app.Synth(nil)
}
