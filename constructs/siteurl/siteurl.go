// Package siteurl provides SiteUrl, a custom resource that sets WordPress's `siteurl` and `home`
// options (in <prefix>options) to the fleet's URL during `cdk deploy`, so wp-admin and links work
// behind the load balancer without anyone running SQL by hand.
//
// The resource is backed by a Go Lambda function (handler/, provided.al2023, arm64) behind the CDK
// Provider framework: the framework answers CloudFormation even when the function fails or times
// out, and the function only returns the result. One function and one provider serve every SiteUrl
// in a stack. The function is built with the local Go toolchain (no Docker).
package siteurl

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/internal/nag"
)

const (
	// ResourceType is the CloudFormation type of the custom resource.
	ResourceType = "Custom::WordPressSiteUrl"
	// FunctionTimeoutSeconds bounds one invocation of the handler; the handler itself gives up
	// waiting for the database 15 s earlier to report why.
	FunctionTimeoutSeconds = 180
	// ServiceTimeoutSeconds bounds how long CloudFormation waits for an answer (never an hour).
	ServiceTimeoutSeconds = 300
	// DefaultTablePrefix is WordPress's default $table_prefix.
	DefaultTablePrefix = "wp_"
	providerID         = "WpfleetSiteUrlProvider"
)

// SiteUrlProps configure a SiteUrl.
type SiteUrlProps struct {
	// SiteUrl is written to the `siteurl` option, e.g. "https://www.example.com" (a trailing slash is
	// dropped). Required.
	SiteUrl *string
	// HomeUrl is written to the `home` option. Default: SiteUrl.
	HomeUrl *string
	// DatabaseSecret holds the credentials as the RDS secret JSON (username, password, host, port,
	// dbname). The function may read exactly this secret (and decrypt it with its KMS key). Required.
	DatabaseSecret awssecretsmanager.ISecret
	// Database is opened to the function on its default port, and the resource waits for it when it
	// is a construct. Required.
	Database awsec2.IConnectable
	// Vpc to run the function in; it needs a route to Secrets Manager (NAT or an interface endpoint)
	// and to the database. Required.
	Vpc awsec2.IVpc
	// VpcSubnets for the function. Default: the VPC's private subnets with egress.
	VpcSubnets *awsec2.SubnetSelection
	// TablePrefix is WordPress's $table_prefix. Default: "wp_".
	TablePrefix *string
	// DatabaseName overrides the secret's dbname. Default: the secret's dbname.
	DatabaseName *string
	// RestoreOnDelete writes back, when the resource is deleted, the values WordPress had before
	// the first deploy. Default: false (a delete leaves the database as it is).
	RestoreOnDelete *bool
}

// SiteUrl is the custom resource, with the function and provider that serve it.
type SiteUrl interface {
	constructs.Construct
	// Resource is the custom resource.
	Resource() awscdk.CustomResource
	// Function is the Go handler (shared by every SiteUrl in the stack).
	Function() awslambda.Function
	// Provider is the Provider framework in front of Function (shared by the stack).
	Provider() customresources.Provider
	// SecurityGroup of Function.
	SecurityGroup() awsec2.ISecurityGroup
	// PreviousSiteUrl is the `siteurl` value before the last create or update ("" if none).
	PreviousSiteUrl() *string
	// Changed is "true" when the last create or update changed a row.
	Changed() *string
	// WordPressInstalled is "false" when the database had no options table yet.
	WordPressInstalled() *string
}

type siteURL struct {
	constructs.Construct
	resource awscdk.CustomResource
	shared   *sharedProvider
}

func (s *siteURL) Resource() awscdk.CustomResource      { return s.resource }
func (s *siteURL) Function() awslambda.Function         { return s.shared.function }
func (s *siteURL) Provider() customresources.Provider   { return s.shared.provider }
func (s *siteURL) SecurityGroup() awsec2.ISecurityGroup { return s.shared.securityGroup }
func (s *siteURL) PreviousSiteUrl() *string {
	return s.resource.GetAttString(jsii.String("PreviousSiteUrl"))
}
func (s *siteURL) Changed() *string { return s.resource.GetAttString(jsii.String("Changed")) }
func (s *siteURL) WordPressInstalled() *string {
	return s.resource.GetAttString(jsii.String("WordPressInstalled"))
}

var (
	prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	urlPattern    = regexp.MustCompile(`^https?://[^/\s'"?#]+(/[^\s'"?#]*)?$`)
)

// NewSiteUrl adds the custom resource (and, once per stack, its function and provider). It panics,
// listing every problem at once, when props are invalid.
func NewSiteUrl(scope constructs.Construct, id *string, props *SiteUrlProps) SiteUrl {
	if props == nil {
		props = &SiteUrlProps{}
	}
	if problems := validate(props); len(problems) > 0 {
		panic(fmt.Sprintf("siteurl.NewSiteUrl(%s): invalid props:\n  - %s", deref(id), strings.Join(problems, "\n  - ")))
	}
	s := &siteURL{}
	constructs.NewConstruct_Override(s, scope, id)
	s.shared = providerFor(awscdk.Stack_Of(s), props)

	// The function reads exactly this secret and reaches exactly this database.
	props.DatabaseSecret.GrantRead(s.shared.function, nil)
	s.shared.securityGroup.Connections().AllowToDefaultPort(props.Database, jsii.String("wpfleet site URL function to the database"))

	properties := map[string]any{
		"SecretArn":       props.DatabaseSecret.SecretArn(),
		"SiteUrl":         props.SiteUrl,
		"TablePrefix":     DefaultTablePrefix,
		"RestoreOnDelete": "false",
	}
	if props.HomeUrl != nil {
		properties["HomeUrl"] = props.HomeUrl
	}
	if props.TablePrefix != nil {
		properties["TablePrefix"] = props.TablePrefix
	}
	if props.DatabaseName != nil {
		properties["DatabaseName"] = props.DatabaseName
	}
	if props.RestoreOnDelete != nil && *props.RestoreOnDelete {
		properties["RestoreOnDelete"] = "true"
	}
	s.resource = awscdk.NewCustomResource(s, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken:   s.shared.provider.ServiceToken(),
		ResourceType:   jsii.String(ResourceType),
		Properties:     &properties,
		ServiceTimeout: awscdk.Duration_Seconds(jsii.Number(ServiceTimeoutSeconds)),
	})
	// Wait for the database when it is a construct. (Go's IDependable is a marker interface every
	// value satisfies, so test for IConstruct, which has Node().)
	if database, ok := props.Database.(constructs.IConstruct); ok {
		s.resource.Node().AddDependency(database)
	}
	return s
}

// sharedProvider is the stack's one function and provider, a construct at the stack's top level.
type sharedProvider struct {
	constructs.Construct
	function      awslambda.Function
	provider      customresources.Provider
	securityGroup awsec2.ISecurityGroup
	vpcID         string
}

// Function is the handler. (The _Override pattern needs the struct to have methods of its own.)
func (p *sharedProvider) Function() awslambda.Function { return p.function }

func providerFor(stack awscdk.Stack, props *SiteUrlProps) *sharedProvider {
	if existing := stack.Node().TryFindChild(jsii.String(providerID)); existing != nil {
		shared, ok := existing.(*sharedProvider)
		if !ok {
			panic(fmt.Sprintf("siteurl: stack %s already has a construct named %s", *stack.StackName(), providerID))
		}
		if shared.vpcID != *props.Vpc.VpcId() {
			panic(fmt.Sprintf("siteurl: every SiteUrl in stack %s shares one function, in the VPC of the first; this one names another VPC", *stack.StackName()))
		}
		return shared
	}
	shared := &sharedProvider{vpcID: *props.Vpc.VpcId()}
	constructs.NewConstruct_Override(shared, stack, jsii.String(providerID))
	scope := shared
	subnets := props.VpcSubnets
	if subnets == nil {
		subnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
	}
	hash, err := assetHash()
	if err != nil {
		panic(err)
	}
	sg := awsec2.NewSecurityGroup(scope, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              props.Vpc,
		Description:      jsii.String("wpfleet site URL function: Secrets Manager (HTTPS) and the database"),
		AllowAllOutbound: jsii.Bool(true),
	})
	fn := awslambda.NewFunction(scope, jsii.String("Function"), &awslambda.FunctionProps{
		Description:  jsii.String("wpfleet: sets WordPress siteurl/home to the fleet's URL"),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code: awslambda.Code_FromAsset(jsii.String(must(moduleRoot())+"/"+handlerPackage), &awss3assets.AssetOptions{
			AssetHash:     jsii.String(hash),
			AssetHashType: awscdk.AssetHashType_CUSTOM,
			Bundling: &awscdk.BundlingOptions{
				Image: awscdk.DockerImage_FromRegistry(jsii.String("public.ecr.aws/docker/library/golang:1")),
				Local: &goBundler{},
			},
		}),
		MemorySize:     jsii.Number(256),
		Timeout:        awscdk.Duration_Seconds(jsii.Number(FunctionTimeoutSeconds)),
		Vpc:            props.Vpc,
		VpcSubnets:     subnets,
		SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		LogGroup: awslogs.NewLogGroup(scope, jsii.String("FunctionLogs"), &awslogs.LogGroupProps{
			Retention:     awslogs.RetentionDays_ONE_MONTH,
			RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
		}),
	})
	provider := customresources.NewProvider(scope, jsii.String("Provider"), &customresources.ProviderProps{
		OnEventHandler: fn,
		LogGroup: awslogs.NewLogGroup(scope, jsii.String("ProviderLogs"), &awslogs.LogGroupProps{
			Retention:     awslogs.RetentionDays_ONE_MONTH,
			RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
		}),
	})
	suppressProviderFindings(fn, provider)
	shared.function, shared.provider, shared.securityGroup = fn, provider, sg
	return shared
}

func suppressProviderFindings(fn awslambda.Function, provider customresources.Provider) {
	basic := "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	vpcAccess := "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
	nag.Suppress(fn.Role(), nag.Suppression{
		ID:        "AwsSolutions-IAM4",
		Reason:    "The site URL function needs only its logs and its VPC network interfaces: exactly the AWS-managed Lambda basic and VPC access policies.",
		AppliesTo: []string{basic, vpcAccess},
	})
	framework := provider.Node().FindChild(jsii.String("framework-onEvent"))
	nag.Suppress(framework.Node().FindChild(jsii.String("ServiceRole")), nag.Suppression{
		ID:        "AwsSolutions-IAM4",
		Reason:    "The CDK Provider framework's function writes only its own logs, with the AWS-managed basic execution policy.",
		AppliesTo: []string{basic},
	})
	nag.Suppress(framework.Node().FindChild(jsii.String("ServiceRole")).Node().FindChild(jsii.String("DefaultPolicy")), nag.Suppression{
		ID:        "AwsSolutions-IAM5",
		Reason:    "The Provider framework invokes the site URL function and its versions (function ARN with :*), nothing else.",
		AppliesTo: []string{"regex:/^Resource::<WpfleetSiteUrlProviderFunction.*\\.Arn>:\\*$/"},
	})
	nag.Suppress(framework, nag.Suppression{
		ID:     "AwsSolutions-L1",
		Reason: "The Provider framework's Node.js runtime is chosen and updated by the CDK release, not by wpfleet.",
	})
}

func validate(p *SiteUrlProps) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	checkURL := func(name string, v *string) {
		if v == nil || *awscdk.Token_IsUnresolved(v) {
			return
		}
		if !urlPattern.MatchString(*v) {
			add("%s %q must be an absolute http:// or https:// URL without query, fragment, quotes or spaces", name, *v)
		}
	}
	if p.SiteUrl == nil {
		add("SiteUrl is required")
	}
	checkURL("SiteUrl", p.SiteUrl)
	checkURL("HomeUrl", p.HomeUrl)
	if p.DatabaseSecret == nil {
		add("DatabaseSecret is required (the database credentials as the RDS secret JSON)")
	}
	if p.Database == nil {
		add("Database is required (its default port is opened to the function)")
	}
	if p.Vpc == nil {
		add("Vpc is required")
	}
	if p.TablePrefix != nil && !*awscdk.Token_IsUnresolved(p.TablePrefix) && (!prefixPattern.MatchString(*p.TablePrefix) || len(*p.TablePrefix) > 50) {
		add("TablePrefix %q must match ^[A-Za-z0-9_]+$", *p.TablePrefix)
	}
	if p.DatabaseName != nil && !*awscdk.Token_IsUnresolved(p.DatabaseName) && (!prefixPattern.MatchString(*p.DatabaseName) || len(*p.DatabaseName) > 64) {
		add("DatabaseName %q must match ^[A-Za-z0-9_]+$", *p.DatabaseName)
	}
	return problems
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
