package main

import (
	"context"
	"io"
	"testing"

	"github.com/aws/aws-lambda-go/cfn"
)

// BenchmarkHandleUpdate is one Update event that changes the URL, end to end against the test
// database: read the secret, connect, check the table, read and write both rows in a transaction.
func BenchmarkHandleUpdate(b *testing.B) {
	s := newSite(b, "wp_", true)
	h := newTestHandler(b, fakeSecrets{secretArn: s.secretJSON()}, io.Discard)
	ctx := context.Background()
	created, err := h.Handle(ctx, cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://a.example.com")})
	if err != nil {
		b.Fatal(err)
	}
	urls := []string{"https://b.example.com", "https://a.example.com"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		res, err := h.Handle(ctx, cfn.Event{RequestType: cfn.RequestUpdate, PhysicalResourceID: created.PhysicalResourceId,
			ResourceProperties: eventProps(urls[i%2]), OldResourceProperties: eventProps(urls[(i+1)%2])})
		if err != nil || res.Data[DataChanged] != "true" {
			b.Fatalf("update %d: %v %v", i, err, res.Data)
		}
	}
}
