// Package diffgate reads `cdk diff` output and classifies it for pull-request review: which
// resources would be replaced, destroyed or orphaned, and which of those hold state or traffic
// (the database, the media bucket, the load balancer, ...). cmd/diffgate turns the result into a
// comment and fails the check on destructive changes unless they are explicitly allowed.
package diffgate

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Impact is what CloudFormation would do to a resource, as `cdk diff` words it.
type Impact string

const (
	Add        Impact = "add"
	Update     Impact = "update"
	MayReplace Impact = "may be replaced"
	Replace    Impact = "replace"
	Destroy    Impact = "destroy"
	Orphan     Impact = "orphan" // removed from the stack, the resource itself retained
	Import     Impact = "import"
)

// critical resource types: replacing or removing one loses data, secrets or the site's address.
var critical = map[string]string{
	"AWS::RDS::DBInstance":                      "the database",
	"AWS::RDS::DBCluster":                       "the database",
	"AWS::S3::Bucket":                           "a bucket (media or logs)",
	"AWS::SecretsManager::Secret":               "the database secret",
	"AWS::ElasticLoadBalancingV2::LoadBalancer": "the load balancer (the site's address)",
	"AWS::EC2::VPC":                             "the VPC",
	"AWS::KMS::Key":                             "an encryption key",
	"AWS::Route53::RecordSet":                   "a DNS record",
	"AWS::CertificateManager::Certificate":      "the TLS certificate",
}

// Change is one resource line of the diff.
type Change struct {
	Stack     string // "Prod/Data"
	Type      string // "AWS::RDS::DBInstance"
	Path      string // "Data/Data/Database" (empty when the template has no path metadata)
	LogicalID string
	Impact    Impact
}

// Critical says what the resource is when its type holds state or traffic, else "".
func (c Change) Critical() string { return critical[c.Type] }

// Destructive is true for changes that lose the resource as it is: replacement, possible
// replacement, deletion, and removal from the stack of a critical resource.
func (c Change) Destructive() bool {
	switch c.Impact {
	case Replace, MayReplace, Destroy:
		return true
	case Orphan:
		return c.Critical() != ""
	}
	return false
}

// Report is the classified diff of one or more stacks.
type Report struct {
	Stacks          []string // stacks in the diff, in order
	Changed         []string // stacks that have differences
	Changes         []Change
	SecurityChanges []string // stacks with IAM or security group changes
}

// Destructive returns the destructive changes, critical ones first.
func (r Report) Destructive() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Destructive() {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		switch {
		case a.Critical() != "" && b.Critical() == "":
			return -1
		case a.Critical() == "" && b.Critical() != "":
			return 1
		}
		return 0
	})
	return out
}

var (
	ansi        = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	stackHeader = regexp.MustCompile(`^Stack (\S+)`)
	// "[~] AWS::RDS::DBInstance Data/Data/Database DataDatabaseA9E9E962 replace"
	// "[-] AWS::S3::Bucket OldMediaBucket orphan"
	resourceLine = regexp.MustCompile(`^\[([-+~←])\] (\S+::\S+) (.+?)(?: (replace|destroy|orphan|may be replaced|import))?$`)
	sections     = []string{"Resources", "Outputs", "Parameters", "Conditions", "Mappings", "Metadata", "Other Changes", "IAM Statement Changes", "Security Group Changes"}
)

// Parse reads `cdk diff` output (with or without colors).
func Parse(r io.Reader) (Report, error) {
	var rep Report
	stack, section := "", ""
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		line := strings.TrimRight(ansi.ReplaceAllString(scanner.Text(), ""), " \t\r")
		if m := stackHeader.FindStringSubmatch(line); m != nil {
			stack, section = m[1], ""
			rep.Stacks = append(rep.Stacks, stack)
			continue
		}
		if slices.Contains(sections, line) {
			section = line
			if stack != "" && !slices.Contains(rep.Changed, stack) {
				rep.Changed = append(rep.Changed, stack)
			}
			if (line == "IAM Statement Changes" || line == "Security Group Changes") && !slices.Contains(rep.SecurityChanges, stack) {
				rep.SecurityChanges = append(rep.SecurityChanges, stack)
			}
			continue
		}
		if section != "Resources" {
			continue
		}
		m := resourceLine.FindStringSubmatch(line)
		if m == nil {
			continue // property detail lines (├─, └─, │)
		}
		c := Change{Stack: stack, Type: m[2], Impact: Impact(m[4])}
		fields := strings.Fields(m[3])
		c.LogicalID = fields[len(fields)-1]
		if len(fields) > 1 {
			c.Path = strings.Join(fields[:len(fields)-1], " ")
		}
		if c.Impact == "" {
			switch m[1] {
			case "+":
				c.Impact = Add
			case "-":
				c.Impact = Destroy
			case "←":
				c.Impact = Import
			default:
				c.Impact = Update
			}
		}
		rep.Changes = append(rep.Changes, c)
	}
	if err := scanner.Err(); err != nil {
		return Report{}, err
	}
	if len(rep.Stacks) == 0 {
		return Report{}, fmt.Errorf("no `Stack ...` header found: is this the output of cdk diff?")
	}
	return rep, nil
}

// Marker starts every comment for a stage, so a workflow finds and updates its own comment.
func Marker(stage string) string { return "<!-- wpfleet-diff:" + stage + " -->" }

// maxComment keeps a comment under GitHub's 65,536-character limit.
const maxComment = 60000

// Markdown renders the pull-request comment for one stage: destructive changes first, then a
// summary, then the raw diff folded away.
func (r Report) Markdown(stage string, allowed bool, raw string) string {
	var b strings.Builder
	b.WriteString(Marker(stage) + "\n")
	destructive := r.Destructive()
	switch {
	case len(destructive) > 0 && allowed:
		fmt.Fprintf(&b, "### `cdk diff` %s: ⚠️ %d destructive change(s), allowed by the `allow-destructive` label\n\n", stage, len(destructive))
	case len(destructive) > 0:
		fmt.Fprintf(&b, "### `cdk diff` %s: ⛔ %d destructive change(s)\n\nThis check fails until the changes below are removed, or a maintainer adds the `allow-destructive` label.\n\n", stage, len(destructive))
	case len(r.Changed) == 0:
		fmt.Fprintf(&b, "### `cdk diff` %s: no changes\n\n", stage)
	default:
		fmt.Fprintf(&b, "### `cdk diff` %s: %d change(s), none destructive\n\n", stage, len(r.Changes))
	}
	if len(destructive) > 0 {
		b.WriteString("| impact | stack | resource | type | holds |\n| --- | --- | --- | --- | --- |\n")
		for _, c := range destructive {
			name := c.Path
			if name == "" {
				name = c.LogicalID
			}
			holds := c.Critical()
			if holds != "" {
				holds = "**" + holds + "**"
			}
			fmt.Fprintf(&b, "| **%s** | `%s` | `%s` | `%s` | %s |\n", c.Impact, c.Stack, name, c.Type, holds)
		}
		b.WriteString("\n")
	}
	if len(r.SecurityChanges) > 0 {
		fmt.Fprintf(&b, "🔐 IAM or security group changes in: %s\n\n", "`"+strings.Join(r.SecurityChanges, "`, `")+"`")
	}
	counts := map[Impact]int{}
	for _, c := range r.Changes {
		counts[c.Impact]++
	}
	var parts []string
	for _, i := range []Impact{Add, Update, MayReplace, Replace, Orphan, Destroy, Import} {
		if counts[i] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[i], i))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "Resources: %s.\n\n", strings.Join(parts, ", "))
	}
	clean := ansi.ReplaceAllString(raw, "")
	room := maxComment - b.Len() - 200
	if len(clean) > room {
		clean = clean[:max(room, 0)] + "\n… (truncated: see the workflow log for the full diff)"
	}
	fmt.Fprintf(&b, "<details><summary>Full diff</summary>\n\n```\n%s\n```\n</details>\n", strings.TrimSpace(clean))
	return b.String()
}
