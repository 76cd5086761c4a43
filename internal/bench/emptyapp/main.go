// Command emptyapp synthesizes one empty stack: the floor every CDK Go app pays (Node and jsii
// start-up, loading aws-cdk-lib). scripts/bench.sh compares wpfleet's synth time against it.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	awscdk.NewStack(app, jsii.String("Empty"), nil)
	app.Synth(nil)
}
