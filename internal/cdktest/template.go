package cdktest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// JSON renders v compactly, to compare template fragments as text.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// ResourcesOfType returns the resources of one CloudFormation type in a template, by logical ID.
func ResourcesOfType(tmpl map[string]any, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	resources, _ := tmpl["Resources"].(map[string]any)
	for id, r := range resources {
		if res, ok := r.(map[string]any); ok && res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

// Props returns a resource's Properties.
func Props(resource map[string]any) map[string]any {
	p, _ := resource["Properties"].(map[string]any)
	return p
}

// PanicMessage runs f and returns what it panicked with, or "" when it returned.
func PanicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// NewVpc is the VPC the construct tests build in: two AZs, one NAT gateway, public, private (App)
// and isolated (Data) subnets, flow logs, as the app's Network stack has them.
func NewVpc(stack awscdk.Stack) awsec2.Vpc {
	return awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC},
			{Name: jsii.String("App"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
			{Name: jsii.String("Data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		},
		FlowLogs: &map[string]*awsec2.FlowLogOptions{"FlowLog": {}},
	})
}

// ExpectInvalid runs build, which must panic with "<constructor>(<id>): invalid props:" followed by
// every one of want, and must leave no construct named id under scope: a failed construction
// builds nothing.
func ExpectInvalid(t testing.TB, scope constructs.IConstruct, constructor, id string, build func(), want ...string) {
	t.Helper()
	msg := PanicMessage(build)
	if msg == "" {
		t.Fatalf("want a panic naming %q, got none", want)
	}
	if prefix := constructor + "(" + id + "): invalid props:"; !strings.HasPrefix(msg, prefix) {
		t.Errorf("message %q does not start with %q", msg, prefix)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message\n%s\ndoes not contain %q", msg, w)
		}
	}
	if scope.Node().TryFindChild(jsii.String(id)) != nil {
		t.Errorf("a failed %s left construct %s behind", constructor, id)
	}
}
