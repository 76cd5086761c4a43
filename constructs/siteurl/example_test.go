package siteurl_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/jsii-runtime-go"

	"github.com/wpfleet/wpfleet/constructs/siteurl"
)

// Point WordPress at the site's domain on every deploy that changes it. Synth builds the Go
// handler with the local toolchain (no Docker).
func ExampleNewSiteUrl() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Site"), &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	db := awsrds.NewDatabaseInstance(stack, jsii.String("Db"), &awsrds.DatabaseInstanceProps{
		Engine: awsrds.DatabaseInstanceEngine_Mysql(&awsrds.MySqlInstanceEngineProps{Version: awsrds.MysqlEngineVersion_VER_8_4_10()}),
		Vpc:    vpc,
	})

	site := siteurl.NewSiteUrl(stack, jsii.String("WordPressSiteUrl"), &siteurl.SiteUrlProps{
		SiteUrl:        jsii.String("https://www.example.com"),
		DatabaseSecret: db.Secret(),
		Database:       db,
		Vpc:            vpc,
	})
	awscdk.NewCfnOutput(stack, jsii.String("PreviousSiteUrl"), &awscdk.CfnOutputProps{Value: site.PreviousSiteUrl()})

	tmpl := assertions.Template_FromStack(stack, nil)
	for _, r := range *tmpl.FindResources(jsii.String(siteurl.ResourceType), nil) {
		p := (*r)["Properties"].(map[string]any)
		fmt.Println(p["SiteUrl"], p["TablePrefix"], "service timeout:", p["ServiceTimeout"])
	}
	// Output:
	// https://www.example.com wp_ service timeout: 300
}
