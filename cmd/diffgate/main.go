// Command diffgate reads `cdk diff` output on standard input, writes a pull-request comment
// (Markdown) on standard output, and exits 1 when the diff holds destructive changes that are not
// allowed: a resource replaced or removed, above all the database, a bucket or the load balancer.
//
//	cdk diff 'Prod/*' 2>&1 | diffgate -stage Prod [-allow-destructive] > comment.md
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wpfleet/wpfleet/internal/diffgate"
)

func main() {
	stage := flag.String("stage", "", "the stage the diff is for, e.g. Prod (names the comment)")
	allow := flag.Bool("allow-destructive", false, "report destructive changes without failing")
	flag.Parse()
	if *stage == "" {
		fmt.Fprintln(os.Stderr, "diffgate: -stage is required")
		os.Exit(2)
	}
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "diffgate:", err)
		os.Exit(2)
	}
	rep, err := diffgate.Parse(strings.NewReader(string(raw)))
	if err != nil {
		fmt.Fprintf(os.Stderr, "diffgate: %v\n%s\n", err, raw)
		os.Exit(2)
	}
	fmt.Print(rep.Markdown(*stage, *allow, string(raw)))
	if d := rep.Destructive(); len(d) > 0 && !*allow {
		fmt.Fprintf(os.Stderr, "diffgate: %d destructive change(s) in %s; add the allow-destructive label to accept them\n", len(d), *stage)
		os.Exit(1)
	}
}
