package main

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzParseProps: whatever CloudFormation sends, accepted properties are safe to use.
// Run longer with: go test -fuzz=FuzzParseProps ./constructs/siteurl/handler
func FuzzParseProps(f *testing.F) {
	f.Add("https://www.example.com", "", "wp_", "false", "")
	f.Add("http://alb-1.us-east-1.elb.amazonaws.com/", "https://www.example.com", "site7_", "true", "wordpress")
	f.Add("https://x/'; DROP TABLE wp_users; --", "ftp://x", "wp_`", "TRUE", "db name")
	f.Add("https://[::1]:8443/blog", "javascript:alert(1)", "", "yes", "")
	f.Fuzz(func(t *testing.T, site, home, prefix, restore, dbName string) {
		p, err := parseProps(map[string]any{
			PropSecretArn: "arn:aws:secretsmanager:us-east-1:111111111111:secret:x", PropSiteURL: site,
			PropHomeURL: home, PropTablePrefix: prefix, PropRestoreOnDelete: restore, PropDatabaseName: dbName,
		})
		if err != nil {
			return
		}
		for _, u := range []string{p.SiteURL, p.HomeURL} {
			parsed, perr := url.Parse(u)
			if perr != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Hostname() == "" {
				t.Fatalf("accepted URL %q is not an absolute http(s) URL", u)
			}
			if strings.ContainsAny(u, "'\"\\ \n") || strings.HasSuffix(u, "/") {
				t.Fatalf("accepted URL %q holds quotes, spaces or a trailing slash", u)
			}
		}
		if !prefixPattern.MatchString(p.TablePrefix) {
			t.Fatalf("accepted table prefix %q", p.TablePrefix)
		}
		if p.DatabaseName != "" && !prefixPattern.MatchString(p.DatabaseName) {
			t.Fatalf("accepted database name %q", p.DatabaseName)
		}
		// A physical ID made from accepted values always decodes to the same target.
		st := physicalState{target: target{SecretArn: p.SecretArn, DatabaseName: p.DatabaseName, TablePrefix: p.TablePrefix}, PreviousSite: &site}
		back, ok := parsePhysicalID(st.id())
		if !ok || back.target != st.target || len(st.id()) > maxPhysicalIDLength {
			t.Fatalf("physical ID round trip failed for %+v", st)
		}
	})
}

// FuzzParseSecret: a malformed secret never panics the handler nor shows up in its error.
func FuzzParseSecret(f *testing.F) {
	f.Add(`{"username":"wp","password":"ZZSECRETZZ","host":"db","port":3306,"dbname":"wordpress"}`)
	f.Add(`{"username":"wp","password":"ZZSECRETZZ","host":"db","port":"3306"}`)
	f.Add(`{"password":"ZZSECRETZZ"`)
	f.Add(`["ZZSECRETZZ"]`)
	f.Add(`{"username":"wp","password":"ZZSECRETZZ","host":"db","port":"ZZSECRETZZ"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		_, err := parseSecret(raw)
		if err != nil && strings.Contains(raw, `"password":"ZZSECRETZZ"`) && strings.Contains(err.Error(), "ZZSECRETZZ") {
			t.Fatalf("the error shows the password: %v", err)
		}
	})
}
