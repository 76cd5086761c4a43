package main

import (
	"context"
	"io"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/cfn"
)

const secretArn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:wordpress/db-AbCdEf"

// fixture is one site with a handler that reads its secret.
type fixture struct {
	*site
	h    *Handler
	logs *logBuffer
	sum  string // checksum of everything but siteurl/home, taken before the first event
}

func newFixture(t *testing.T, prefix string, installed bool) *fixture {
	t.Helper()
	s := newSite(t, prefix, installed)
	logs := &logBuffer{}
	f := &fixture{site: s, logs: logs, h: newTestHandler(t, fakeSecrets{secretArn: s.secretJSON()}, logs)}
	f.sum = s.checksum()
	t.Cleanup(func() {
		if strings.Contains(logs.String(), s.password) {
			t.Errorf("the log holds the database password:\n%s", logs.String())
		}
		if installed {
			if got := s.checksum(); got != f.sum {
				t.Errorf("rows or tables other than siteurl/home changed (checksum %s, was %s)", got, f.sum)
			}
		}
	})
	return f
}

func eventProps(site string, extra ...string) map[string]any {
	p := map[string]any{"ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:provider", PropSecretArn: secretArn, PropSiteURL: site}
	for i := 0; i+1 < len(extra); i += 2 {
		p[extra[i]] = extra[i+1]
	}
	return p
}

func (f *fixture) event(t *testing.T, typ cfn.RequestType, physicalID string, p, old map[string]any) Result {
	t.Helper()
	res, err := f.h.Handle(context.Background(), cfn.Event{
		RequestType: typ, RequestID: "req-" + randomHex(4), LogicalResourceID: "SiteUrl",
		PhysicalResourceID: physicalID, ResourceProperties: p, OldResourceProperties: old,
	})
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	return res
}

func (f *fixture) wantURLs(t *testing.T, site, home string) {
	t.Helper()
	if gotSite, gotHome := f.urls(); gotSite != site || gotHome != home {
		t.Errorf("siteurl/home = %q/%q, want %q/%q", gotSite, gotHome, site, home)
	}
}

func wantData(t *testing.T, res Result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if res.Data[k] != v {
			t.Errorf("Data[%s] = %q, want %q (all: %v)", k, res.Data[k], v, res.Data)
		}
	}
}

func TestCreateSetsBothRowsAndReportsThePreviousValues(t *testing.T) {
	f := newFixture(t, "wp_", true)
	res := f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com/"), nil)
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
	wantData(t, res, map[string]string{
		DataSiteURL: "https://www.example.com", DataHome: "https://www.example.com",
		DataPreviousSiteURL: oldURL, DataPreviousHome: oldURL, DataChanged: "true", DataInstalled: "true",
	})
	state, ok := parsePhysicalID(res.PhysicalResourceId)
	if !ok || state.SecretArn != secretArn || state.DatabaseName != f.name || state.TablePrefix != "wp_" {
		t.Errorf("physical ID %q decodes to %+v", res.PhysicalResourceId, state)
	}
}

func TestUpdatesAreIdempotentAndKeepThePhysicalId(t *testing.T) {
	f := newFixture(t, "wp_", true)
	created := f.event(t, cfn.RequestCreate, "", eventProps("http://alb-1.us-east-1.elb.amazonaws.com"), nil)

	// Update to a new URL.
	updated := f.event(t, cfn.RequestUpdate, created.PhysicalResourceId, eventProps("https://www.example.com"), eventProps("http://alb-1.us-east-1.elb.amazonaws.com"))
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
	wantData(t, updated, map[string]string{DataPreviousSiteURL: "http://alb-1.us-east-1.elb.amazonaws.com", DataChanged: "true"})
	if updated.PhysicalResourceId != created.PhysicalResourceId {
		t.Errorf("an update of the URL changed the physical ID: CloudFormation would replace the resource")
	}

	// The same update again changes nothing.
	again := f.event(t, cfn.RequestUpdate, updated.PhysicalResourceId, eventProps("https://www.example.com"), eventProps("https://www.example.com"))
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
	wantData(t, again, map[string]string{DataChanged: "false", DataPreviousSiteURL: "https://www.example.com"})
	if again.PhysicalResourceId != created.PhysicalResourceId {
		t.Errorf("a repeated update changed the physical ID")
	}

	// Rollback: CloudFormation sends the old properties as the new ones.
	rollback := f.event(t, cfn.RequestUpdate, again.PhysicalResourceId, eventProps("http://alb-1.us-east-1.elb.amazonaws.com"), eventProps("https://www.example.com"))
	f.wantURLs(t, "http://alb-1.us-east-1.elb.amazonaws.com", "http://alb-1.us-east-1.elb.amazonaws.com")
	wantData(t, rollback, map[string]string{DataChanged: "true", DataPreviousSiteURL: "https://www.example.com"})
	if rollback.PhysicalResourceId != created.PhysicalResourceId {
		t.Errorf("a rollback changed the physical ID")
	}
}

func TestHomeMayDifferFromSiteUrl(t *testing.T) {
	f := newFixture(t, "wp_", true)
	f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com/wordpress", PropHomeURL, "https://www.example.com"), nil)
	f.wantURLs(t, "https://www.example.com/wordpress", "https://www.example.com")
}

func TestDeleteChangesNothingByDefault(t *testing.T) {
	f := newFixture(t, "wp_", true)
	created := f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com"), nil)
	res := f.event(t, cfn.RequestDelete, created.PhysicalResourceId, eventProps("https://www.example.com"), nil)
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
	wantData(t, res, map[string]string{DataRestored: "false"})
	if res.PhysicalResourceId != created.PhysicalResourceId {
		t.Errorf("delete answered physical ID %q, want %q", res.PhysicalResourceId, created.PhysicalResourceId)
	}
}

// RestoreOnDelete puts back what WordPress had before wpfleet first set the URL, however many
// updates came between.
func TestRestoreOnDeleteBringsBackTheOriginalValues(t *testing.T) {
	f := newFixture(t, "wp_", true)
	p1 := eventProps("http://alb-1.example", PropRestoreOnDelete, "true")
	p2 := eventProps("https://www.example.com", PropRestoreOnDelete, "true")
	created := f.event(t, cfn.RequestCreate, "", p1, nil)
	wantData(t, created, map[string]string{DataRestoreAvailable: "true"})
	updated := f.event(t, cfn.RequestUpdate, created.PhysicalResourceId, p2, p1)
	res := f.event(t, cfn.RequestDelete, updated.PhysicalResourceId, p2, nil)
	f.wantURLs(t, oldURL, oldURL)
	wantData(t, res, map[string]string{DataRestored: "true"})
}

func TestCustomTablePrefix(t *testing.T) {
	f := newFixture(t, "site7_", true)
	res := f.event(t, cfn.RequestCreate, "", eventProps("https://blog.example.org", PropTablePrefix, "site7_"), nil)
	f.wantURLs(t, "https://blog.example.org", "https://blog.example.org")
	wantData(t, res, map[string]string{DataInstalled: "true", DataPreviousSiteURL: oldURL})

	// The default prefix finds no wp_options in this database: WordPress "is not installed" there.
	other := f.event(t, cfn.RequestCreate, "", eventProps("https://other.example.org"), nil)
	wantData(t, other, map[string]string{DataInstalled: "false", DataChanged: "false"})
	f.wantURLs(t, "https://blog.example.org", "https://blog.example.org")
}

func TestNotInstalledYetSucceedsAndSaysSo(t *testing.T) {
	f := newFixture(t, "wp_", false)
	res := f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com"), nil)
	wantData(t, res, map[string]string{DataInstalled: "false", DataChanged: "false", DataPreviousSiteURL: ""})
	var tables int
	if err := f.db.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", f.name).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("tables in a not-installed database: %d (%v), want none created", tables, err)
	}
	// Installing WordPress later and updating sets the URL.
	upd := f.event(t, cfn.RequestUpdate, res.PhysicalResourceId, eventProps("https://www.example.com"), eventProps("https://www.example.com"))
	wantData(t, upd, map[string]string{DataInstalled: "false"})
}

// WordPress installed after the first deploy: the next update sets the URL, and a delete with
// RestoreOnDelete puts back what the fresh install had.
func TestInstalledLaterRecordsWhatToRestore(t *testing.T) {
	f := newFixture(t, "wp_", false)
	p := eventProps("https://www.example.com", PropRestoreOnDelete, "true")
	created := f.event(t, cfn.RequestCreate, "", p, nil)
	wantData(t, created, map[string]string{DataInstalled: "false", DataRestoreAvailable: "false"})

	schema := strings.NewReplacer("{prefix}", "wp_", "{url}", oldURL).Replace(wordpressSQL)
	mustExec(t, f.db, "USE `"+f.name+"`; "+schema)
	updated := f.event(t, cfn.RequestUpdate, created.PhysicalResourceId, p, p)
	wantData(t, updated, map[string]string{DataInstalled: "true", DataChanged: "true", DataRestoreAvailable: "true"})
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")

	f.event(t, cfn.RequestDelete, updated.PhysicalResourceId, p, nil)
	f.wantURLs(t, oldURL, oldURL)
}

func TestDeleteOfAFailedCreateDoesNothing(t *testing.T) {
	f := newFixture(t, "wp_", true)
	// After a failed Create, CloudFormation deletes with an ID the handler never issued.
	res := f.event(t, cfn.RequestDelete, "2026/12/04/[$LATEST]abcdef", eventProps("https://www.example.com", PropRestoreOnDelete, "true"), nil)
	wantData(t, res, map[string]string{DataRestored: "false"})
	f.wantURLs(t, oldURL, oldURL)
}

func TestChangingTheTargetIsAReplacement(t *testing.T) {
	f := newFixture(t, "wp_", true)
	created := f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com"), nil)
	moved := f.event(t, cfn.RequestUpdate, created.PhysicalResourceId, eventProps("https://www.example.com", PropDatabaseName, f.name), eventProps("https://www.example.com"))
	if moved.PhysicalResourceId != created.PhysicalResourceId {
		t.Errorf("naming the same database explicitly must not replace the resource")
	}
	other := newSite(t, "wp_", true)
	f.h.Secrets.(fakeSecrets)[secretArn] = other.secretJSON()
	replaced := f.event(t, cfn.RequestUpdate, created.PhysicalResourceId, eventProps("https://www.example.com"), eventProps("https://www.example.com"))
	if replaced.PhysicalResourceId == created.PhysicalResourceId {
		t.Errorf("a different database must get a new physical ID (CloudFormation then deletes the old one)")
	}
	if site, _ := other.urls(); site != "https://www.example.com" {
		t.Errorf("the new target's siteurl = %q", site)
	}
}

// Bad input fails with a clear reason and leaves the database as it was.
func TestBadInputFailsClearlyAndChangesNothing(t *testing.T) {
	f := newFixture(t, "wp_", true)
	cases := []struct {
		name  string
		props map[string]any
		want  string
	}{
		{"relative URL", eventProps("www.example.com"), `SiteUrl "www.example.com" is not an absolute http:// or https:// URL`},
		{"ftp URL", eventProps("ftp://www.example.com"), `is not an absolute http:// or https:// URL`},
		{"no URL", eventProps(""), "SiteUrl is required"},
		{"bad home", eventProps("https://www.example.com", PropHomeURL, "javascript:alert(1)"), `HomeUrl "javascript:alert(1)" is not an absolute`},
		{"query in URL", eventProps("https://www.example.com/?x=1"), "must not hold a query"},
		{"quote in URL", eventProps("https://www.example.com/'--"), "must not hold a query, fragment, credentials, quotes or spaces"},
		{"injected prefix", eventProps("https://www.example.com", PropTablePrefix, "wp_options; DROP TABLE wp_users; --"), `TablePrefix "wp_options; DROP TABLE wp_users; --" must match ^[A-Za-z0-9_]+$`},
		{"no secret", map[string]any{PropSiteURL: "https://www.example.com"}, "SecretArn is required"},
		{"not a secret ARN", eventProps("https://www.example.com", PropSecretArn, "wordpress/db"), `SecretArn "wordpress/db" is not a Secrets Manager secret ARN`},
		{"bad restore flag", eventProps("https://www.example.com", PropRestoreOnDelete, "maybe"), `RestoreOnDelete "maybe" must be "true" or "false"`},
		{"secret not found", eventProps("https://www.example.com", PropSecretArn, "arn:aws:secretsmanager:us-east-1:111111111111:secret:missing-XyZ"), "reading secret arn:aws:secretsmanager:us-east-1:111111111111:secret:missing-XyZ: ResourceNotFoundException"},
		{"several problems at once", map[string]any{PropSiteURL: "x", PropTablePrefix: "a-b"}, `SecretArn is required (the database secret's ARN); SiteUrl "x" is not an absolute http:// or https:// URL; TablePrefix "a-b"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, typ := range []cfn.RequestType{cfn.RequestCreate, cfn.RequestUpdate} {
				_, err := f.h.Handle(context.Background(), cfn.Event{RequestType: typ, ResourceProperties: c.props, OldResourceProperties: eventProps(oldURL)})
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: error %v, want one containing %q", typ, err, c.want)
				}
			}
			f.wantURLs(t, oldURL, oldURL)
		})
	}
}

func TestMalformedSecretsFailWithoutEchoingThem(t *testing.T) {
	f := newFixture(t, "wp_", true)
	cases := map[string]struct{ secret, want string }{
		"not JSON":      {`{"username":"wp","password":"s3cr3t-value",`, "is not valid JSON"},
		"no password":   {`{"username":"wp","host":"127.0.0.1","port":3306,"dbname":"x"}`, "lacks [password]"},
		"bad port":      {`{"username":"wp","password":"s3cr3t-value","host":"h","port":"eighty"}`, "has a port that is not a TCP port number"},
		"array":         {`["s3cr3t-value"]`, "is not the RDS secret JSON"},
		"no dbname":     {`{"username":"wp","password":"s3cr3t-value","host":"h","port":"3306"}`, "has no dbname: set the DatabaseName property"},
		"password only": {`{"password":"s3cr3t-value"}`, "lacks [host username]"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f.h.Secrets = fakeSecrets{secretArn: c.secret}
			_, err := f.h.Handle(context.Background(), cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://www.example.com")})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(f.logs.String(), "s3cr3t") {
				t.Errorf("the secret's value leaked into the error or the log: %v", err)
			}
		})
	}
	f.wantURLs(t, oldURL, oldURL)
}

func TestWrongPasswordFailsAtOnce(t *testing.T) {
	f := newFixture(t, "wp_", true)
	secret := strings.Replace(f.secretJSON(), f.password, "wrong-password", 1)
	f.h.Secrets = fakeSecrets{secretArn: secret}
	f.h.ConnectBudget = time.Minute
	start := time.Now()
	_, err := f.h.Handle(context.Background(), cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://www.example.com")})
	if err == nil || !strings.Contains(err.Error(), "refused the connection") || !strings.Contains(err.Error(), "Access denied") {
		t.Fatalf("error %v, want an access denied refusal", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a bad password was retried for %v: waiting cannot fix it", took)
	}
	f.wantURLs(t, oldURL, oldURL)
}

// flakyProxy refuses connections (accepts and closes them) until up is set, then forwards them to
// the real server: a database that comes up while the handler waits.
type flakyProxy struct {
	ln     net.Listener
	target string
	up     atomic.Bool
	tries  atomic.Int32
}

func newFlakyProxy(t *testing.T, target string) *flakyProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &flakyProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.tries.Add(1)
			if !p.up.Load() {
				c.Close()
				continue
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", p.target)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { _, _ = io.Copy(s, c) }()
				_, _ = io.Copy(c, s)
			}()
		}
	}()
	return p
}

func (p *flakyProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func TestDatabaseDownAtFirstThenUp(t *testing.T) {
	f := newFixture(t, "wp_", true)
	proxy := newFlakyProxy(t, net.JoinHostPort(f.host, strconv.Itoa(f.port)))
	f.port = proxy.port()
	f.h.Secrets = fakeSecrets{secretArn: f.secretJSON()}
	f.h.ConnectBudget = 30 * time.Second
	time.AfterFunc(1500*time.Millisecond, func() { proxy.up.Store(true) })

	res := f.event(t, cfn.RequestCreate, "", eventProps("https://www.example.com"), nil)
	wantData(t, res, map[string]string{DataChanged: "true"})
	f.wantURLs(t, "https://www.example.com", "https://www.example.com")
	if proxy.tries.Load() < 2 {
		t.Errorf("connection attempts: %d, want retries while the database was down", proxy.tries.Load())
	}
	if !strings.Contains(f.logs.String(), "database not reachable yet, retrying") {
		t.Errorf("the retries were not logged:\n%s", f.logs.String())
	}
}

// A database that never comes up fails the event within the budget, naming the cause, so
// CloudFormation gets its answer long before the Lambda or the custom resource times out.
func TestDatabaseNeverUpFailsWithinTheBudget(t *testing.T) {
	f := newFixture(t, "wp_", true)
	proxy := newFlakyProxy(t, "127.0.0.1:1")
	f.port = proxy.port()
	f.h.Secrets = fakeSecrets{secretArn: f.secretJSON()}
	f.h.ConnectBudget = 3 * time.Second
	start := time.Now()
	_, err := f.h.Handle(context.Background(), cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://www.example.com")})
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "not reachable after") {
		t.Fatalf("error %v, want a bounded 'not reachable' failure", err)
	}
	if took < 3*time.Second || took > 8*time.Second {
		t.Errorf("gave up after %v, want about the 3 s budget", took)
	}
}

// The invocation's deadline wins over a larger budget: the handler answers with time to spare.
func TestTheLambdaDeadlineBoundsTheWait(t *testing.T) {
	f := newFixture(t, "wp_", true)
	proxy := newFlakyProxy(t, "127.0.0.1:1")
	f.port = proxy.port()
	f.h.Secrets = fakeSecrets{secretArn: f.secretJSON()}
	f.h.ConnectBudget = time.Hour
	f.h.Reserve = 2 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	_, err := f.h.Handle(ctx, cfn.Event{RequestType: cfn.RequestCreate, ResourceProperties: eventProps("https://www.example.com")})
	if err == nil {
		t.Fatal("want a failure")
	}
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("answered after %v, later than the deadline minus the reserve (3 s)", took)
	}
}
