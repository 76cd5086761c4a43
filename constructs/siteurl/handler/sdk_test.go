package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/cfn"
)

// fakeSecretsManager speaks the Secrets Manager JSON protocol for GetSecretValue.
func fakeSecretsManager(t *testing.T, secrets map[string]string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("X-Amz-Target"); got != "secretsmanager.GetSecretValue" {
			http.Error(w, "unexpected call "+got, http.StatusBadRequest)
			return
		}
		if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
			http.Error(w, "unsigned request", http.StatusForbidden)
			return
		}
		var in struct{ SecretId string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		value, ok := secrets[in.SecretId]
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{
				"__type": "ResourceNotFoundException", "message": "Secrets Manager can't find the specified secret.",
			})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"ARN": in.SecretId, "Name": "wordpress/db", "SecretString": value, "VersionId": "v1"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The function uses the SDK's default configuration chain: AWS_ENDPOINT_URL_SECRETS_MANAGER (as
// LocalStack or a VPC endpoint DNS name would set it) reaches the client without code changes.
func TestSecretsManagerThroughTheDefaultConfigChain(t *testing.T) {
	f := newFixture(t, "wp_", true)
	srv := fakeSecretsManager(t, map[string]string{secretArn: f.secretJSON()})
	t.Setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", srv.URL)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")

	h, err := newHandler(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h.Log = f.h.Log
	res, err := h.Handle(context.Background(), cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://www.example.com")})
	if err != nil {
		t.Fatal(err)
	}
	wantData(t, res, map[string]string{DataChanged: "true"})
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")

	missing := "arn:aws:secretsmanager:us-east-1:111111111111:secret:gone-AbCdEf"
	_, err = h.Handle(context.Background(), cfn.Event{RequestType: cfn.RequestUpdate,
		ResourceProperties: eventProps("https://www.example.org", PropSecretArn, missing)})
	if err == nil || !strings.Contains(err.Error(), "reading secret "+missing) || !strings.Contains(err.Error(), "ResourceNotFoundException") {
		t.Errorf("error %v, want the secret named and ResourceNotFoundException", err)
	}
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
}
