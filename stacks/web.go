package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/datatier"
	"github.com/wpfleet/wpfleet/constructs/siteurl"
	"github.com/wpfleet/wpfleet/constructs/webfleet"
	"github.com/wpfleet/wpfleet/internal/nag"
)

// WebStack holds one environment's stateless web tier: the fleet (and, wired in by the stage, the
// site URL custom resource). It can be replaced freely; all state lives in the Data stack.
type WebStack struct {
	awscdk.Stack
	// Fleet is the load balancer, Auto Scaling group and launch template.
	Fleet webfleet.WebFleet
	// SiteUrl keeps WordPress's siteurl and home on the fleet's URL.
	SiteUrl siteurl.SiteUrl
}

// WebStackProps are what the Web stack takes from the other stacks of its stage.
type WebStackProps struct {
	awscdk.StackProps
	// Vpc from the Network stack.
	Vpc awsec2.IVpc
	// Data from the Data stack: read through cross-stack references.
	Data datatier.DataTier
}

// NewWebStack builds the web fleet of env.
func NewWebStack(scope constructs.Construct, id string, env Environment, props *WebStackProps) *WebStack {
	stack := awscdk.NewStack(scope, jsii.String(id), &props.StackProps)
	w := env.Web

	fleetProps := &webfleet.WebFleetProps{
		Vpc:                props.Vpc,
		AmiName:            jsii.String(w.AmiName),
		MinCapacity:        jsii.Number(w.MinCapacity),
		MaxCapacity:        jsii.Number(w.MaxCapacity),
		DeletionProtection: jsii.Bool(w.DeletionProtection),
		AccessLogs:         jsii.Bool(w.AccessLogs),
		DatabaseEndpoint:   props.Data.Endpoint(),
		DatabaseSecret:     props.Data.Secret(),
		MediaBucket:        props.Data.MediaBucket(),
	}
	if len(w.AmiOwners) > 0 {
		fleetProps.AmiOwners = jsii.Strings(w.AmiOwners...)
	}
	if len(w.InstanceTypes) > 0 {
		types := make([]awsec2.InstanceType, 0, len(w.InstanceTypes))
		for _, t := range w.InstanceTypes {
			types = append(types, awsec2.NewInstanceType(jsii.String(t)))
		}
		fleetProps.InstanceTypes = &types
	}
	if w.CpuTargetPercent > 0 {
		fleetProps.CpuTargetPercent = jsii.Number(w.CpuTargetPercent)
	}
	if w.DomainName != "" {
		fleetProps.DomainName = jsii.String(w.DomainName)
	}
	if w.HostedZoneID != "" {
		fleetProps.HostedZone = awsroute53.HostedZone_FromHostedZoneAttributes(stack, jsii.String("HostedZone"), &awsroute53.HostedZoneAttributes{
			HostedZoneId: jsii.String(w.HostedZoneID),
			ZoneName:     jsii.String(w.HostedZoneName),
		})
	}
	if w.CertificateArn != "" {
		fleetProps.Certificate = awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("Certificate"), jsii.String(w.CertificateArn))
	}

	fleet := webfleet.NewWebFleet(stack, jsii.String("Fleet"), fleetProps)
	// The fleet reaches the database (the ingress rule lives in this stack, so the Data stack never
	// depends on the Web stack) and gets what WP Offload Media needs on the media bucket.
	fleet.Connections().AllowToDefaultPort(props.Data, jsii.String("wpfleet web instances to the database"))
	props.Data.GrantMediaReadWrite(fleet.InstanceRole())
	nag.Suppress(fleet.InstanceRole().Node().FindChild(jsii.String("DefaultPolicy")), nag.Suppression{
		ID:        "AwsSolutions-IAM5",
		Reason:    "WP Offload Media reads, writes and deletes any object in the media bucket (and only that bucket): the object ARN ends in /*.",
		AppliesTo: []string{"regex:/^Resource::.*MediaBucket.*\\/\\*$/"},
	})
	if !w.AccessLogs {
		nag.Suppress(fleet.LoadBalancer(), nag.Suppression{
			ID:     "AwsSolutions-ELB2",
			Reason: "Access logs are off by this environment's settings (Web.AccessLogs=false), accepted for a non-production environment.",
		})
	}

	// WordPress's siteurl and home follow the fleet's URL on every deploy that changes it.
	siteProps := &siteurl.SiteUrlProps{
		SiteUrl:        fleet.SiteUrl(),
		DatabaseSecret: props.Data.Secret(),
		Database:       props.Data,
		Vpc:            props.Vpc,
		VpcSubnets:     &awsec2.SubnetSelection{SubnetGroupName: jsii.String(AppSubnets)},
	}
	if w.TablePrefix != "" {
		siteProps.TablePrefix = jsii.String(w.TablePrefix)
	}
	site := siteurl.NewSiteUrl(stack, jsii.String("WordPressSiteUrl"), siteProps)
	site.Node().AddDependency(fleet.LoadBalancer())
	awscdk.NewCfnOutput(stack, jsii.String("PreviousSiteUrl"), &awscdk.CfnOutputProps{
		Value:       site.PreviousSiteUrl(),
		Description: jsii.String("WordPress's siteurl before the last change by this stack (empty if WordPress was not installed)"),
	})

	awscdk.NewCfnOutput(stack, jsii.String("SiteUrl"), &awscdk.CfnOutputProps{
		Value:       fleet.SiteUrl(),
		Description: jsii.String("The WordPress site's URL (siteurl and home)"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("LoadBalancerDnsName"), &awscdk.CfnOutputProps{
		Value:       fleet.LoadBalancer().LoadBalancerDnsName(),
		Description: jsii.String("The load balancer's DNS name (point a CNAME here if DNS is not in Route 53)"),
	})
	return &WebStack{Stack: stack, Fleet: fleet, SiteUrl: site}
}
