package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/cfn"
)

// Secrets fetches a secret's string value (the RDS secret JSON).
type Secrets interface {
	SecretString(ctx context.Context, arn string) (string, error)
}

// Handler answers the custom resource's events for the Provider framework: it returns the
// PhysicalResourceId and Data, or an error that the framework reports to CloudFormation.
type Handler struct {
	Secrets Secrets
	// Open returns a database handle for the credentials; it must not connect yet.
	Open func(c credentials) (*sql.DB, error)
	// ConnectBudget caps how long the handler waits for the database to accept connections.
	ConnectBudget time.Duration
	// Reserve is kept free before the invocation's deadline to report a failure in time.
	Reserve time.Duration
	Log     *slog.Logger
}

// Result is what the handler answers the Provider framework.
type Result struct {
	PhysicalResourceId string            `json:"PhysicalResourceId"`
	Data               map[string]string `json:"Data"`
}

// Data keys in the response (readable with GetAttString on the custom resource).
const (
	DataSiteURL          = "SiteUrl"
	DataHome             = "Home"
	DataPreviousSiteURL  = "PreviousSiteUrl"
	DataPreviousHome     = "PreviousHome"
	DataChanged          = "Changed"
	DataInstalled        = "WordPressInstalled"
	DataRestored         = "Restored"
	DataRestoreAvailable = "RestoreAvailable"
)

// Handle dispatches one CloudFormation custom resource event.
func (h *Handler) Handle(ctx context.Context, e cfn.Event) (Result, error) {
	log := h.Log.With("requestType", string(e.RequestType), "logicalResourceId", e.LogicalResourceID)
	if h.Reserve > 0 {
		if deadline, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, deadline.Add(-h.Reserve))
			defer cancel()
		}
	}
	switch e.RequestType {
	case cfn.RequestCreate, cfn.RequestUpdate:
		return h.apply(ctx, log, e)
	case cfn.RequestDelete:
		return h.delete(ctx, log, e)
	default:
		return Result{}, fmt.Errorf("unknown request type %q", e.RequestType)
	}
}

func (h *Handler) apply(ctx context.Context, log *slog.Logger, e cfn.Event) (Result, error) {
	p, err := parseProps(e.ResourceProperties)
	if err != nil {
		return Result{}, err
	}
	db, creds, err := h.open(ctx, log, p.SecretArn, p.DatabaseName)
	if err != nil {
		return Result{}, err
	}
	defer db.Close()
	tgt := target{SecretArn: p.SecretArn, DatabaseName: creds.DBName, TablePrefix: p.TablePrefix}
	prev, havePrev := parsePhysicalID(e.PhysicalResourceID)
	sameTarget := e.RequestType == cfn.RequestUpdate && havePrev && prev.target == tgt

	res, err := setURLs(ctx, db, p.TablePrefix, p.SiteURL, p.HomeURL)
	if err != nil {
		return Result{}, err
	}
	log.Info("site URL applied", "installed", res.installed, "changed", res.changed,
		"siteurl", p.SiteURL, "home", p.HomeURL, "database", creds.DBName, "tablePrefix", p.TablePrefix)

	state := physicalState{target: tgt, Installed: res.installed, PreviousSite: res.prevSite, PreviousHome: res.prevHome}
	if sameTarget {
		// Keep what WordPress had before wpfleet first set it, across every later update.
		state = prev
		if !prev.Installed && res.installed {
			// WordPress was installed after the resource was created: this is wpfleet's first
			// write, so what it found is what a delete restores.
			state.Installed = true
			state.PreviousSite, state.PreviousHome = res.prevSite, res.prevHome
		}
	}
	id := state.id()
	restoreAvailable := false
	if again, ok := parsePhysicalID(id); ok {
		restoreAvailable = again.PreviousSite != nil || again.PreviousHome != nil
	}
	return Result{PhysicalResourceId: id, Data: map[string]string{
		DataSiteURL:          p.SiteURL,
		DataHome:             p.HomeURL,
		DataPreviousSiteURL:  deref(res.prevSite),
		DataPreviousHome:     deref(res.prevHome),
		DataChanged:          strconv.FormatBool(res.changed),
		DataInstalled:        strconv.FormatBool(res.installed),
		DataRestoreAvailable: strconv.FormatBool(restoreAvailable),
	}}, nil
}

func (h *Handler) delete(ctx context.Context, log *slog.Logger, e cfn.Event) (Result, error) {
	result := Result{PhysicalResourceId: e.PhysicalResourceID, Data: map[string]string{DataRestored: "false"}}
	state, ok := parsePhysicalID(e.PhysicalResourceID)
	if !ok {
		log.Info("delete of a resource this handler never created: nothing to do")
		return result, nil
	}
	p, err := parseProps(e.ResourceProperties)
	if err != nil || !p.RestoreOnDelete {
		log.Info("delete: the database is left as it is (RestoreOnDelete is off)")
		return result, nil
	}
	if state.PreviousSite == nil && state.PreviousHome == nil {
		log.Info("delete: no previous values were recorded; the database is left as it is")
		return result, nil
	}
	db, _, err := h.open(ctx, log, state.SecretArn, state.DatabaseName)
	if err != nil {
		return Result{}, err
	}
	defer db.Close()
	res, err := restoreURLs(ctx, db, state.TablePrefix, state.PreviousSite, state.PreviousHome)
	if err != nil {
		return Result{}, err
	}
	log.Info("delete: previous site URL restored", "changed", res.changed, "installed", res.installed)
	result.Data[DataRestored] = strconv.FormatBool(res.installed)
	return result, nil
}

// open reads the secret and waits until its database accepts a connection.
func (h *Handler) open(ctx context.Context, log *slog.Logger, arn, dbName string) (*sql.DB, credentials, error) {
	creds, err := h.credentials(ctx, arn, dbName)
	if err != nil {
		return nil, credentials{}, err
	}
	db, err := h.connect(ctx, log, creds)
	if err != nil {
		return nil, credentials{}, err
	}
	return db, creds, nil
}

// credentials reads the RDS secret JSON; dbName, when set, overrides the secret's dbname.
func (h *Handler) credentials(ctx context.Context, arn, dbName string) (credentials, error) {
	raw, err := h.Secrets.SecretString(ctx, arn)
	if err != nil {
		return credentials{}, fmt.Errorf("reading secret %s: %w", arn, err)
	}
	c, err := parseSecret(raw)
	if err != nil {
		return credentials{}, fmt.Errorf("secret %s: %w", arn, err)
	}
	if dbName != "" {
		c.DBName = dbName
	}
	if c.DBName == "" {
		return credentials{}, fmt.Errorf("secret %s has no dbname: set the DatabaseName property", arn)
	}
	return c, nil
}

// credentials are the fields of the RDS secret JSON the handler uses. The password is never logged.
type credentials struct {
	Username string
	Password string
	Host     string
	Port     int
	DBName   string
}

func (c credentials) String() string {
	return fmt.Sprintf("%s@%s:%d/%s", c.Username, c.Host, c.Port, c.DBName)
}

func parseSecret(raw string) (credentials, error) {
	var s struct {
		Username string          `json:"username"`
		Password string          `json:"password"`
		Host     string          `json:"host"`
		Port     json.RawMessage `json:"port"`
		DBName   string          `json:"dbname"`
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		// Never echo the secret: only say where it broke.
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return credentials{}, fmt.Errorf("is not valid JSON (at byte %d)", syntax.Offset)
		}
		return credentials{}, errors.New("is not the RDS secret JSON (an object with username, password, host, port, dbname)")
	}
	var missing []string
	for name, v := range map[string]string{"username": s.Username, "password": s.Password, "host": s.Host} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	port := 3306
	if len(s.Port) > 0 && string(s.Port) != "null" {
		var n json.Number
		if err := json.Unmarshal(s.Port, &n); err != nil {
			var str string
			if json.Unmarshal(s.Port, &str) != nil {
				return credentials{}, errors.New("has a port that is neither a number nor a string")
			}
			n = json.Number(str)
		}
		p, err := strconv.Atoi(n.String())
		if err != nil || p < 1 || p > 65535 {
			// Values from the secret are never echoed, not even the port.
			return credentials{}, errors.New("has a port that is not a TCP port number (1-65535)")
		}
		port = p
	}
	if len(missing) > 0 {
		return credentials{}, fmt.Errorf("lacks %v", sortedCopy(missing))
	}
	return credentials{Username: s.Username, Password: s.Password, Host: s.Host, Port: port, DBName: s.DBName}, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
