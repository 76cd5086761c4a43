package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Property names of the custom resource (CloudFormation passes every value as a string).
const (
	PropSecretArn       = "SecretArn"
	PropSiteURL         = "SiteUrl"
	PropHomeURL         = "HomeUrl"
	PropTablePrefix     = "TablePrefix"
	PropDatabaseName    = "DatabaseName"
	PropRestoreOnDelete = "RestoreOnDelete"

	defaultTablePrefix = "wp_"
	maxURLLength       = 2000
	physicalIDPrefix   = "wpfleet-siteurl:v1:"
	// CloudFormation refuses physical IDs longer than 1 KiB; restore values that would not fit are
	// dropped (and RestoreAvailable says so).
	maxPhysicalIDLength = 1024
)

var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// props are the custom resource's validated properties.
type props struct {
	SecretArn       string
	SiteURL         string
	HomeURL         string
	TablePrefix     string
	DatabaseName    string // optional: overrides the secret's dbname
	RestoreOnDelete bool
}

// parseProps validates the raw properties and reports every problem at once.
func parseProps(raw map[string]any) (props, error) {
	var p props
	var problems []string
	str := func(name string) string {
		v, ok := raw[name]
		if !ok || v == nil {
			return ""
		}
		switch s := v.(type) {
		case string:
			return s
		case bool, float64:
			return fmt.Sprint(s)
		default:
			problems = append(problems, fmt.Sprintf("%s must be a string, got %T", name, v))
			return ""
		}
	}

	p.SecretArn = str(PropSecretArn)
	if p.SecretArn == "" {
		problems = append(problems, PropSecretArn+" is required (the database secret's ARN)")
	} else if !strings.HasPrefix(p.SecretArn, "arn:") || !strings.Contains(p.SecretArn, ":secretsmanager:") {
		problems = append(problems, fmt.Sprintf("%s %q is not a Secrets Manager secret ARN", PropSecretArn, p.SecretArn))
	}

	p.SiteURL = strings.TrimRight(str(PropSiteURL), "/")
	if err := checkURL(p.SiteURL); err != nil {
		problems = append(problems, fmt.Sprintf("%s %v", PropSiteURL, err))
	}
	p.HomeURL = strings.TrimRight(str(PropHomeURL), "/")
	if p.HomeURL == "" {
		p.HomeURL = p.SiteURL
	} else if err := checkURL(p.HomeURL); err != nil {
		problems = append(problems, fmt.Sprintf("%s %v", PropHomeURL, err))
	}

	p.TablePrefix = str(PropTablePrefix)
	if p.TablePrefix == "" {
		p.TablePrefix = defaultTablePrefix
	}
	if !prefixPattern.MatchString(p.TablePrefix) || len(p.TablePrefix) > 50 {
		problems = append(problems, fmt.Sprintf("%s %q must match ^[A-Za-z0-9_]+$ (at most 50 characters)", PropTablePrefix, p.TablePrefix))
	}

	p.DatabaseName = str(PropDatabaseName)
	if p.DatabaseName != "" && (!prefixPattern.MatchString(p.DatabaseName) || len(p.DatabaseName) > 64) {
		problems = append(problems, fmt.Sprintf("%s %q must match ^[A-Za-z0-9_]+$ (at most 64 characters)", PropDatabaseName, p.DatabaseName))
	}

	switch r := strings.ToLower(str(PropRestoreOnDelete)); r {
	case "", "false":
	case "true":
		p.RestoreOnDelete = true
	default:
		problems = append(problems, fmt.Sprintf("%s %q must be \"true\" or \"false\"", PropRestoreOnDelete, r))
	}

	if len(problems) > 0 {
		return props{}, errors.New("invalid properties: " + strings.Join(problems, "; "))
	}
	return p, nil
}

// checkURL accepts absolute http(s) URLs with a host and nothing after the path.
func checkURL(s string) error {
	if s == "" {
		return errors.New("is required (an absolute http:// or https:// URL)")
	}
	if len(s) > maxURLLength {
		return fmt.Errorf("is longer than %d characters", maxURLLength)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%q is not an absolute http:// or https:// URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.ContainsAny(s, " \t\r\n'\"<>\\") {
		return fmt.Errorf("%q must not hold a query, fragment, credentials, quotes or spaces", s)
	}
	return nil
}

// target identifies the rows a resource manages: changing any part of it is a replacement.
type target struct {
	SecretArn    string `json:"s"`
	DatabaseName string `json:"d,omitempty"`
	TablePrefix  string `json:"p"`
}

// physicalState is what the physical resource ID carries: the target and, for RestoreOnDelete,
// the values WordPress had before wpfleet first set them.
type physicalState struct {
	target
	Installed    bool    `json:"i"`
	PreviousSite *string `json:"os,omitempty"`
	PreviousHome *string `json:"oh,omitempty"`
}

func (s physicalState) id() string {
	b, _ := json.Marshal(s)
	id := physicalIDPrefix + base64.RawURLEncoding.EncodeToString(b)
	if len(id) > maxPhysicalIDLength {
		s.PreviousSite, s.PreviousHome = nil, nil
		b, _ = json.Marshal(s)
		id = physicalIDPrefix + base64.RawURLEncoding.EncodeToString(b)
	}
	return id
}

// parsePhysicalID decodes an ID this handler issued; ok is false for any other ID (e.g. the
// request ID CloudFormation uses after a failed Create).
func parsePhysicalID(id string) (physicalState, bool) {
	enc, found := strings.CutPrefix(id, physicalIDPrefix)
	if !found {
		return physicalState{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return physicalState{}, false
	}
	var s physicalState
	if json.Unmarshal(b, &s) != nil || s.SecretArn == "" {
		return physicalState{}, false
	}
	return s, true
}
