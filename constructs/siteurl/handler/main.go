// Command handler is the site URL custom resource's Lambda function (provided.al2023, arm64). The
// CDK Provider framework invokes it with the CloudFormation event and reports its answer: it sets
// WordPress's siteurl and home options to the fleet's URL. See constructs/siteurl.
package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/cfn"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// secretsManager reads secrets with the SDK's default configuration chain, so the standard
// environment variables apply (AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER, ...).
type secretsManager struct{ client *secretsmanager.Client }

func newSecretsManager(ctx context.Context) (*secretsManager, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &secretsManager{client: secretsmanager.NewFromConfig(cfg)}, nil
}

func (s *secretsManager) SecretString(ctx context.Context, arn string) (string, error) {
	out, err := s.client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.SecretString), nil
}

func newHandler(ctx context.Context) (*Handler, error) {
	secrets, err := newSecretsManager(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{
		Secrets:       secrets,
		Open:          openMySQL,
		ConnectBudget: 2 * time.Minute,
		Reserve:       15 * time.Second,
		Log:           slog.New(slog.NewJSONHandler(os.Stdout, nil)),
	}, nil
}

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		slog.Error("cannot load the AWS configuration", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(func(ctx context.Context, e cfn.Event) (Result, error) { return h.Handle(ctx, e) })
}
