// Package webfleet provides WebFleet, an L3 construct that serves WordPress from a golden AMI: an
// internet-facing Application Load Balancer in front of an Auto Scaling group that tracks CPU,
// launched from a launch template whose AMI is looked up by name, owners and filters.
//
// Construct IDs inside WebFleet are part of its public contract: changing one replaces the
// resource. See the repository README for the AMI contract and the rollout of a new AMI.
package webfleet

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsautoscaling"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	elbv2 "github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53targets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/internal/nag"
)

// WebFleet is a load-balanced, auto-scaling WordPress fleet. Every resource it creates is exposed so
// callers can extend it.
type WebFleet interface {
	constructs.Construct
	awsec2.IConnectable
	// LoadBalancer is the internet-facing Application Load Balancer.
	LoadBalancer() elbv2.ApplicationLoadBalancer
	// HttpListener is the port-80 listener: it forwards to the fleet without a certificate, and
	// redirects to HTTPS with one.
	HttpListener() elbv2.ApplicationListener
	// HttpsListener is the port-443 listener, or nil without a certificate.
	HttpsListener() elbv2.ApplicationListener
	// TargetGroup holds the fleet's instances.
	TargetGroup() elbv2.ApplicationTargetGroup
	// AutoScalingGroup runs the instances.
	AutoScalingGroup() awsautoscaling.AutoScalingGroup
	// LaunchTemplate launches the golden AMI.
	LaunchTemplate() awsec2.LaunchTemplate
	// UserData of the launch template; add commands to run after the environment file is written.
	UserData() awsec2.UserData
	// LoadBalancerSecurityGroup allows 80 (and 443) from anywhere.
	LoadBalancerSecurityGroup() awsec2.ISecurityGroup
	// InstanceSecurityGroup allows the instance port from the load balancer only.
	InstanceSecurityGroup() awsec2.ISecurityGroup
	// InstanceRole is the instances' IAM role (SSM Session Manager included).
	InstanceRole() awsiam.IRole
	// Certificate serving HTTPS, or nil.
	Certificate() awscertificatemanager.ICertificate
	// AccessLogsBucket receives the ALB's access logs, or nil when they are off.
	AccessLogsBucket() awss3.IBucket
	// SiteUrl is https://DomainName with a domain, else http://<ALB DNS name>; no trailing slash.
	SiteUrl() *string
}

type webFleet struct {
	constructs.Construct
	loadBalancer  elbv2.ApplicationLoadBalancer
	httpListener  elbv2.ApplicationListener
	httpsListener elbv2.ApplicationListener
	targetGroup   elbv2.ApplicationTargetGroup
	asg           awsautoscaling.AutoScalingGroup
	launchTmpl    awsec2.LaunchTemplate
	userData      awsec2.UserData
	albSG         awsec2.ISecurityGroup
	instanceSG    awsec2.ISecurityGroup
	role          awsiam.IRole
	certificate   awscertificatemanager.ICertificate
	logsBucket    awss3.IBucket
	siteURL       *string
}

func (w *webFleet) LoadBalancer() elbv2.ApplicationLoadBalancer       { return w.loadBalancer }
func (w *webFleet) HttpListener() elbv2.ApplicationListener           { return w.httpListener }
func (w *webFleet) HttpsListener() elbv2.ApplicationListener          { return w.httpsListener }
func (w *webFleet) TargetGroup() elbv2.ApplicationTargetGroup         { return w.targetGroup }
func (w *webFleet) AutoScalingGroup() awsautoscaling.AutoScalingGroup { return w.asg }
func (w *webFleet) LaunchTemplate() awsec2.LaunchTemplate             { return w.launchTmpl }
func (w *webFleet) UserData() awsec2.UserData                         { return w.userData }
func (w *webFleet) LoadBalancerSecurityGroup() awsec2.ISecurityGroup  { return w.albSG }
func (w *webFleet) InstanceSecurityGroup() awsec2.ISecurityGroup      { return w.instanceSG }
func (w *webFleet) InstanceRole() awsiam.IRole                        { return w.role }
func (w *webFleet) Certificate() awscertificatemanager.ICertificate   { return w.certificate }
func (w *webFleet) AccessLogsBucket() awss3.IBucket                   { return w.logsBucket }
func (w *webFleet) SiteUrl() *string                                  { return w.siteURL }
func (w *webFleet) Connections() awsec2.Connections                   { return w.asg.Connections() }

// NewWebFleet builds the fleet. It panics, listing every problem at once, when props are invalid.
func NewWebFleet(scope constructs.Construct, id *string, props *WebFleetProps) WebFleet {
	if props == nil {
		props = &WebFleetProps{}
	}
	if problems := validate(props); len(problems) > 0 {
		panic(fmt.Sprintf("webfleet.NewWebFleet(%s): invalid props:\n  - %s", deref(id), strings.Join(problems, "\n  - ")))
	}
	p := withDefaults(*props)
	// The Go value itself becomes the construct (jsii's _Override pattern), so it can be passed
	// wherever the CDK takes an IConnectable or a scope.
	w := &webFleet{}
	constructs.NewConstruct_Override(w, scope, id)

	// Security groups: the ALB may only talk to the instances, on the instance port.
	w.albSG = awsec2.NewSecurityGroup(w, jsii.String("LoadBalancerSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("wpfleet load balancer: HTTP/HTTPS from the internet"),
		AllowAllOutbound: jsii.Bool(false),
	})
	w.instanceSG = awsec2.NewSecurityGroup(w, jsii.String("InstanceSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("wpfleet instances: web traffic from the load balancer only"),
		AllowAllOutbound: jsii.Bool(true),
	})

	w.buildLoadBalancer(p)
	w.buildLaunchTemplate(p)
	w.buildAutoScalingGroup(p)
	w.buildListeners(p)
	return w
}

func (w *webFleet) buildLoadBalancer(p WebFleetProps) {
	w.loadBalancer = elbv2.NewApplicationLoadBalancer(w, jsii.String("LoadBalancer"), &elbv2.ApplicationLoadBalancerProps{
		Vpc:                     p.Vpc,
		InternetFacing:          jsii.Bool(true),
		VpcSubnets:              p.LoadBalancerSubnets,
		SecurityGroup:           w.albSG,
		DropInvalidHeaderFields: jsii.Bool(true),
		DeletionProtection:      p.DeletionProtection,
		IdleTimeout:             p.IdleTimeout,
		Http2Enabled:            jsii.Bool(true),
	})
	if p.DomainName != nil {
		w.siteURL = jsii.String("https://" + *p.DomainName)
	} else {
		w.siteURL = jsii.String("http://" + *w.loadBalancer.LoadBalancerDnsName())
	}
	if !*p.AccessLogs {
		return
	}
	w.logsBucket = p.AccessLogsBucket
	if w.logsBucket == nil {
		bucket := awss3.NewBucket(w, jsii.String("AccessLogs"), &awss3.BucketProps{
			Encryption:        awss3.BucketEncryption_S3_MANAGED, // the only encryption ALB log delivery supports
			EnforceSSL:        jsii.Bool(true),
			BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
			ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
			LifecycleRules: &[]*awss3.LifecycleRule{{
				Id:         jsii.String("ExpireAccessLogs"),
				Expiration: awscdk.Duration_Days(jsii.Number(90)),
			}},
		})
		nag.Suppress(bucket, nag.Suppression{
			ID:     "AwsSolutions-S1",
			Reason: "This bucket receives the load balancer's access logs; logging its own access would need yet another log bucket.",
		})
		w.logsBucket = bucket
	}
	w.loadBalancer.LogAccessLogs(w.logsBucket, jsii.String("alb"))
}

func (w *webFleet) buildLaunchTemplate(p WebFleetProps) {
	role := awsiam.NewRole(w, jsii.String("InstanceRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil),
		Description: jsii.String("wpfleet web instances"),
		ManagedPolicies: &[]awsiam.IManagedPolicy{
			awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AmazonSSMManagedInstanceCore")),
		},
	})
	nag.Suppress(role, nag.Suppression{
		ID:        "AwsSolutions-IAM4",
		Reason:    "AmazonSSMManagedInstanceCore is AWS's maintained minimum for SSM Session Manager, which replaces SSH on the fleet.",
		AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"},
	})
	w.role = role
	if p.DatabaseSecret != nil {
		p.DatabaseSecret.GrantRead(role, nil)
	}

	w.userData = awsec2.UserData_ForLinux(nil)
	w.userData.AddCommands(environmentFileCommands(w, p)...)

	image := p.MachineImage
	if image == nil {
		image = awsec2.MachineImage_Lookup(&awsec2.LookupMachineImageProps{
			Name:    p.AmiName,
			Owners:  p.AmiOwners,
			Filters: p.AmiFilters,
		})
	}
	w.launchTmpl = awsec2.NewLaunchTemplate(w, jsii.String("LaunchTemplate"), &awsec2.LaunchTemplateProps{
		MachineImage:            image,
		InstanceType:            (*p.InstanceTypes)[0],
		RequireImdsv2:           jsii.Bool(true),
		HttpPutResponseHopLimit: jsii.Number(1),
		DetailedMonitoring:      jsii.Bool(true),
		Role:                    role,
		SecurityGroup:           w.instanceSG,
		UserData:                w.userData,
		KeyPair:                 p.KeyPair,
		BlockDevices: &[]*awsec2.BlockDevice{{
			DeviceName: jsii.String("/dev/xvda"),
			Volume: awsec2.BlockDeviceVolume_Ebs(p.RootVolumeGiB, &awsec2.EbsDeviceOptions{
				VolumeType:          awsec2.EbsDeviceVolumeType_GP3,
				Encrypted:           jsii.Bool(true),
				DeleteOnTermination: jsii.Bool(true),
			}),
		}},
	})
}

func (w *webFleet) buildAutoScalingGroup(p WebFleetProps) {
	props := &awsautoscaling.AutoScalingGroupProps{
		Vpc:         p.Vpc,
		VpcSubnets:  p.InstanceSubnets,
		MinCapacity: p.MinCapacity,
		MaxCapacity: p.MaxCapacity,
		// No DesiredCapacity: pinning it resets the running fleet's size on every deploy.
		HealthChecks: awsautoscaling.HealthChecks_WithAdditionalChecks(&awsautoscaling.AdditionalHealthChecksOptions{
			AdditionalTypes: &[]awsautoscaling.AdditionalHealthCheckType{awsautoscaling.AdditionalHealthCheckType_ELB},
			GracePeriod:     p.HealthCheckGracePeriod,
		}),
		DefaultInstanceWarmup: p.HealthCheckGracePeriod,
		// A new launch template version (a new AMI) replaces the instances by instance refresh,
		// launching before terminating: the fleet never drops below its desired capacity.
		UpdatePolicy: awsautoscaling.UpdatePolicy_InstanceRefresh(&awsautoscaling.InstanceRefreshOptions{
			Strategy:             awsautoscaling.InstanceRefreshStrategy_ROLLING,
			MinHealthyPercentage: jsii.Number(100),
			MaxHealthyPercentage: jsii.Number(200),
			InstanceWarmup:       p.HealthCheckGracePeriod,
			SkipMatching:         jsii.Bool(true),
		}),
		GroupMetrics: &[]awsautoscaling.GroupMetrics{awsautoscaling.GroupMetrics_All()},
	}
	if len(*p.InstanceTypes) == 1 {
		props.LaunchTemplate = w.launchTmpl
	} else {
		var overrides []*awsautoscaling.LaunchTemplateOverrides
		for _, t := range *p.InstanceTypes {
			overrides = append(overrides, &awsautoscaling.LaunchTemplateOverrides{InstanceType: t})
		}
		props.MixedInstancesPolicy = &awsautoscaling.MixedInstancesPolicy{
			LaunchTemplate:          w.launchTmpl,
			LaunchTemplateOverrides: &overrides,
			InstancesDistribution: &awsautoscaling.InstancesDistribution{
				OnDemandAllocationStrategy:          awsautoscaling.OnDemandAllocationStrategy_PRIORITIZED,
				OnDemandPercentageAboveBaseCapacity: jsii.Number(100),
			},
		}
	}
	if p.NotificationsTopic != nil {
		props.Notifications = &[]*awsautoscaling.NotificationConfiguration{{Topic: p.NotificationsTopic}}
	}
	w.asg = awsautoscaling.NewAutoScalingGroup(w, jsii.String("AutoScalingGroup"), props)
	if len(*p.InstanceTypes) > 1 {
		nag.Suppress(w.asg, nag.Suppression{
			ID:        "CdkNagValidationFailure",
			Reason:    "EC26 cannot follow the launch template through a MixedInstancesPolicy; that launch template's root volume is encrypted.",
			AppliesTo: []string{"AwsSolutions-EC26"},
		})
	}
	if p.NotificationsTopic == nil {
		nag.Suppress(w.asg, nag.Suppression{
			ID:     "AwsSolutions-AS3",
			Reason: "Scaling notifications are opt-in (WebFleetProps.NotificationsTopic); group metrics and the ALB's health are the fleet's monitoring.",
		})
	}

	w.asg.ScaleOnCpuUtilization(jsii.String("CpuTracking"), &awsautoscaling.CpuUtilizationScalingProps{
		TargetUtilizationPercent: p.CpuTargetPercent,
	})

	w.targetGroup = elbv2.NewApplicationTargetGroup(w, jsii.String("TargetGroup"), &elbv2.ApplicationTargetGroupProps{
		Vpc:                 p.Vpc,
		Port:                p.InstancePort,
		Protocol:            elbv2.ApplicationProtocol_HTTP,
		TargetType:          elbv2.TargetType_INSTANCE,
		Targets:             &[]elbv2.IApplicationLoadBalancerTarget{w.asg},
		DeregistrationDelay: p.DeregistrationDelay,
		HealthCheck: &elbv2.HealthCheck{
			Path:                    p.HealthCheckPath,
			HealthyHttpCodes:        jsii.String("200"),
			Interval:                awscdk.Duration_Seconds(jsii.Number(15)),
			Timeout:                 awscdk.Duration_Seconds(jsii.Number(5)),
			HealthyThresholdCount:   jsii.Number(2),
			UnhealthyThresholdCount: jsii.Number(3),
		},
	})
}

func (w *webFleet) buildListeners(p WebFleetProps) {
	w.certificate = p.Certificate
	if w.certificate == nil && p.DomainName != nil && p.HostedZone != nil {
		w.certificate = awscertificatemanager.NewCertificate(w, jsii.String("Certificate"), &awscertificatemanager.CertificateProps{
			DomainName: p.DomainName,
			Validation: awscertificatemanager.CertificateValidation_FromDns(p.HostedZone),
		})
	}

	if w.certificate == nil {
		w.httpListener = w.loadBalancer.AddListener(jsii.String("Http"), &elbv2.BaseApplicationListenerProps{
			Port:                jsii.Number(80),
			Protocol:            elbv2.ApplicationProtocol_HTTP,
			Open:                jsii.Bool(true),
			DefaultTargetGroups: &[]elbv2.IApplicationTargetGroup{w.targetGroup},
		})
		awscdk.Annotations_Of(w).AddWarningV2(jsii.String("wpfleet:webfleet:http-only"),
			jsii.String("The site is served over plain HTTP: passwords and cookies cross the internet unencrypted. Set DomainName with Certificate or HostedZone to serve HTTPS."), nil)
	} else {
		w.httpsListener = w.loadBalancer.AddListener(jsii.String("Https"), &elbv2.BaseApplicationListenerProps{
			Port:                jsii.Number(443),
			Protocol:            elbv2.ApplicationProtocol_HTTPS,
			Open:                jsii.Bool(true),
			SslPolicy:           p.SslPolicy,
			Certificates:        &[]elbv2.IListenerCertificate{elbv2.ListenerCertificate_FromCertificateManager(w.certificate)},
			DefaultTargetGroups: &[]elbv2.IApplicationTargetGroup{w.targetGroup},
		})
		w.httpListener = w.loadBalancer.AddListener(jsii.String("Http"), &elbv2.BaseApplicationListenerProps{
			Port:     jsii.Number(80),
			Protocol: elbv2.ApplicationProtocol_HTTP,
			Open:     jsii.Bool(true),
			DefaultAction: elbv2.ListenerAction_Redirect(&elbv2.RedirectOptions{
				Protocol:  jsii.String("HTTPS"),
				Port:      jsii.String("443"),
				Permanent: jsii.Bool(true),
			}),
		})
	}
	nag.Suppress(w.albSG, nag.Suppression{
		ID:     "AwsSolutions-EC23",
		Reason: "The internet-facing load balancer serves the public website: HTTP/HTTPS from 0.0.0.0/0 is its purpose.",
	})

	if *p.CreateAliasRecord {
		awsroute53.NewARecord(w, jsii.String("AliasRecord"), &awsroute53.ARecordProps{
			Zone:       p.HostedZone,
			RecordName: p.DomainName,
			Target:     awsroute53.RecordTarget_FromAlias(awsroute53targets.NewLoadBalancerTarget(w.loadBalancer, nil)),
		})
	}
	if p.RequestsPerTargetPerMinute != nil {
		w.asg.ScaleOnRequestCount(jsii.String("RequestTracking"), &awsautoscaling.RequestCountScalingProps{
			TargetRequestsPerMinute: p.RequestsPerTargetPerMinute,
		})
	}
}

// environmentFileCommands writes EnvironmentFile (the AMI contract) and runs BootHook if present.
func environmentFileCommands(w *webFleet, p WebFleetProps) []*string {
	env := map[string]string{
		"WPFLEET_SITE_URL":      *w.siteURL,
		"WPFLEET_REGION":        *awscdk.Stack_Of(w).Region(),
		"WPFLEET_DB_HOST":       "",
		"WPFLEET_DB_PORT":       "",
		"WPFLEET_DB_SECRET_ARN": "",
		"WPFLEET_MEDIA_BUCKET":  "",
	}
	if p.DatabaseEndpoint != nil {
		env["WPFLEET_DB_HOST"] = *p.DatabaseEndpoint.Hostname()
		env["WPFLEET_DB_PORT"] = *awscdk.Token_AsString(p.DatabaseEndpoint.Port(), nil)
	}
	if p.DatabaseSecret != nil {
		env["WPFLEET_DB_SECRET_ARN"] = *p.DatabaseSecret.SecretArn()
	}
	if p.MediaBucket != nil {
		env["WPFLEET_MEDIA_BUCKET"] = *p.MediaBucket.BucketName()
	}
	if p.ExtraEnvironment != nil {
		for k, v := range *p.ExtraEnvironment {
			env[k] = deref(v)
		}
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var body strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&body, "%s='%s'\n", k, env[k])
	}
	dir := EnvironmentFile[:strings.LastIndex(EnvironmentFile, "/")]
	return []*string{
		jsii.String("set -euo pipefail"),
		jsii.String("install -d -m 0755 " + dir),
		jsii.String("cat > " + EnvironmentFile + ".tmp <<'WPFLEET_ENV'\n" + body.String() + "WPFLEET_ENV"),
		jsii.String("chmod 0644 " + EnvironmentFile + ".tmp && mv " + EnvironmentFile + ".tmp " + EnvironmentFile),
		jsii.String("if [ -x " + BootHook + " ]; then " + BootHook + "; fi"),
	}
}

var (
	envKeyPattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	domainPattern = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)
)

// validate returns every problem with props; values that are tokens are not inspected.
func validate(p *WebFleetProps) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	known := func(v *float64) bool { return v != nil && !*awscdk.Token_IsUnresolved(v) }

	if p.Vpc == nil {
		add("Vpc is required")
	}
	switch {
	case p.MachineImage == nil && (p.AmiName == nil || *p.AmiName == ""):
		add("AmiName (the golden AMI's name pattern) or MachineImage is required")
	case p.MachineImage != nil && (p.AmiName != nil || p.AmiOwners != nil || p.AmiFilters != nil):
		add("MachineImage and AmiName/AmiOwners/AmiFilters are alternatives: set one")
	}
	if p.InstanceTypes != nil && len(*p.InstanceTypes) == 0 {
		add("InstanceTypes is empty: leave it nil for the default (t3.small) or name at least one type")
	}
	minC, maxC := float64(DefaultMinCapacity), float64(DefaultMaxCapacity)
	if known(p.MinCapacity) {
		minC = *p.MinCapacity
		if minC < 0 || minC != float64(int(minC)) {
			add("MinCapacity %v must be a whole number >= 0", minC)
		}
	}
	if known(p.MaxCapacity) {
		maxC = *p.MaxCapacity
		if maxC < 1 || maxC != float64(int(maxC)) {
			add("MaxCapacity %v must be a whole number >= 1", maxC)
		}
	}
	if maxC < minC {
		add("MaxCapacity %v must be >= MinCapacity %v", maxC, minC)
	}
	if known(p.CpuTargetPercent) && (*p.CpuTargetPercent <= 0 || *p.CpuTargetPercent > 100) {
		add("CpuTargetPercent %v must be > 0 and <= 100", *p.CpuTargetPercent)
	}
	if known(p.RequestsPerTargetPerMinute) && *p.RequestsPerTargetPerMinute <= 0 {
		add("RequestsPerTargetPerMinute %v must be > 0", *p.RequestsPerTargetPerMinute)
	}
	if known(p.RootVolumeGiB) && (*p.RootVolumeGiB < 8 || *p.RootVolumeGiB > 16384) {
		add("RootVolumeGiB %v must be between 8 and 16384", *p.RootVolumeGiB)
	}
	if known(p.InstancePort) && (*p.InstancePort < 1 || *p.InstancePort > 65535) {
		add("InstancePort %v must be between 1 and 65535", *p.InstancePort)
	}
	if p.HealthCheckPath != nil && !*awscdk.Token_IsUnresolved(p.HealthCheckPath) &&
		(!strings.HasPrefix(*p.HealthCheckPath, "/") || len(*p.HealthCheckPath) > 1024) {
		add("HealthCheckPath %q must start with '/' (and be at most 1024 characters)", *p.HealthCheckPath)
	}
	if p.DomainName != nil && !*awscdk.Token_IsUnresolved(p.DomainName) {
		if !domainPattern.MatchString(*p.DomainName) {
			add("DomainName %q is not a fully qualified domain name (no scheme, no path)", *p.DomainName)
		}
		if p.Certificate == nil && p.HostedZone == nil {
			add("DomainName %q needs Certificate or HostedZone (to create a DNS-validated certificate)", *p.DomainName)
		}
	}
	if p.DomainName == nil && p.Certificate != nil {
		add("Certificate needs DomainName: the site URL must be a name the certificate covers")
	}
	if p.DomainName == nil && p.HostedZone != nil {
		add("HostedZone needs DomainName")
	}
	if p.CreateAliasRecord != nil && *p.CreateAliasRecord && p.HostedZone == nil {
		add("CreateAliasRecord needs HostedZone")
	}
	if p.AccessLogs != nil && !*p.AccessLogs && p.AccessLogsBucket != nil {
		add("AccessLogsBucket is set but AccessLogs is false")
	}
	if p.ExtraEnvironment != nil {
		for k := range *p.ExtraEnvironment {
			if !envKeyPattern.MatchString(k) || strings.HasPrefix(k, "WPFLEET_") {
				add("ExtraEnvironment key %q must match ^[A-Z][A-Z0-9_]*$ and not start with WPFLEET_", k)
			}
		}
	}
	return problems
}

// withDefaults returns props with every unset field at its documented default.
func withDefaults(p WebFleetProps) WebFleetProps {
	if p.AmiOwners == nil && p.MachineImage == nil {
		p.AmiOwners = &[]*string{jsii.String("self")}
	}
	if p.InstanceTypes == nil {
		p.InstanceTypes = &[]awsec2.InstanceType{DefaultInstanceType()}
	}
	setNumber(&p.RootVolumeGiB, DefaultRootVolumeGiB)
	setNumber(&p.InstancePort, DefaultInstancePort)
	setNumber(&p.MinCapacity, DefaultMinCapacity)
	setNumber(&p.MaxCapacity, DefaultMaxCapacity)
	setNumber(&p.CpuTargetPercent, DefaultCpuTargetPercent)
	if p.InstanceSubnets == nil {
		p.InstanceSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
	}
	if p.LoadBalancerSubnets == nil {
		p.LoadBalancerSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}
	}
	if p.HealthCheckGracePeriod == nil {
		p.HealthCheckGracePeriod = awscdk.Duration_Seconds(jsii.Number(DefaultGracePeriodSeconds))
	}
	if p.HealthCheckPath == nil {
		p.HealthCheckPath = jsii.String(DefaultHealthCheckPath)
	}
	if p.DeregistrationDelay == nil {
		p.DeregistrationDelay = awscdk.Duration_Seconds(jsii.Number(DefaultDeregistrationSeconds))
	}
	if p.IdleTimeout == nil {
		p.IdleTimeout = awscdk.Duration_Seconds(jsii.Number(DefaultIdleTimeoutSeconds))
	}
	if p.SslPolicy == "" {
		p.SslPolicy = elbv2.SslPolicy_RECOMMENDED_TLS
	}
	if p.DeletionProtection == nil {
		p.DeletionProtection = jsii.Bool(false)
	}
	if p.AccessLogs == nil {
		p.AccessLogs = jsii.Bool(true)
	}
	if p.CreateAliasRecord == nil {
		p.CreateAliasRecord = jsii.Bool(p.HostedZone != nil && p.DomainName != nil)
	}
	return p
}

func setNumber(field **float64, def float64) {
	if *field == nil {
		*field = jsii.Number(def)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
