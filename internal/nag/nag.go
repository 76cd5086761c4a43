// Package nag records cdk-nag suppressions on the resources they excuse, as the "cdk_nag" metadata
// that cdk-nag reads, so the vended constructs carry their reasons without depending on cdk-nag.
package nag

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	jsiiruntime "github.com/aws/jsii-runtime-go/runtime"
)

// Suppression excuses one cdk-nag rule on one resource, with a reason specific to that resource.
type Suppression struct {
	// ID is the rule, e.g. "AwsSolutions-EC23".
	ID string
	// Reason says why the finding does not apply here (cdk-nag requires 10 characters or more).
	Reason string
	// AppliesTo narrows the suppression to findings naming these values (e.g. one managed policy
	// or one wildcard permission); "regex:/.../" entries match by regular expression.
	AppliesTo []string
}

// Suppress adds suppressions to the CloudFormation resource of c (c itself or its default child).
func Suppress(c constructs.IConstruct, suppressions ...Suppression) {
	res := cfnResource(c)
	existing := []any{}
	// Called by name: the resource may be of a type this binary has no Go proxy for.
	var md any
	jsiiruntime.Invoke(res, "getMetadata", []any{ptr("cdk_nag")}, &md)
	if md != nil {
		if m, ok := md.(map[string]any); ok {
			if rules, ok := m["rules_to_suppress"].([]any); ok {
				existing = rules
			}
		}
	}
	for _, s := range suppressions {
		rule := map[string]any{"id": s.ID, "reason": s.Reason}
		if len(s.AppliesTo) > 0 {
			var applies []any
			for _, a := range s.AppliesTo {
				if len(a) > 6 && a[:6] == "regex:" {
					applies = append(applies, map[string]any{"regex": a[6:]})
				} else {
					applies = append(applies, a)
				}
			}
			rule["applies_to"] = applies
		}
		existing = append(existing, rule)
	}
	jsiiruntime.InvokeVoid(res, "addMetadata", []any{ptr("cdk_nag"), map[string]any{"rules_to_suppress": existing}})
}

func cfnResource(c constructs.IConstruct) constructs.IConstruct {
	if *awscdk.CfnResource_IsCfnResource(c) {
		return c
	}
	if child := c.Node().DefaultChild(); child != nil && *awscdk.CfnResource_IsCfnResource(child) {
		return child
	}
	panic("nag: " + *c.Node().Path() + " is not a CloudFormation resource and has no default child that is one")
}

func ptr(s string) *string { return &s }
