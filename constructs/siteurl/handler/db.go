package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"time"

	"github.com/go-sql-driver/mysql"
)

// openMySQL returns a handle for c that uses TLS whenever the server offers it.
func openMySQL(c credentials) (*sql.DB, error) {
	cfg := mysql.NewConfig()
	cfg.User = c.Username
	cfg.Passwd = c.Password
	cfg.Net = "tcp"
	cfg.Addr = net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	cfg.DBName = c.DBName
	cfg.TLSConfig = "preferred"
	cfg.Timeout = 5 * time.Second
	cfg.ReadTimeout = 30 * time.Second
	cfg.WriteTimeout = 30 * time.Second
	cfg.Collation = "utf8mb4_unicode_ci"
	// The driver's own log repeats what connect's errors say; keep the function's log structured.
	cfg.Logger = mysql.Logger(quietLogger{})
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	return db, nil
}

// connect waits, with exponential backoff, until the database accepts a connection, the budget is
// spent or ctx ends. Errors that waiting cannot fix (bad password, unknown database) end it at once.
func (h *Handler) connect(ctx context.Context, log *slog.Logger, c credentials) (*sql.DB, error) {
	db, err := h.Open(c)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", c, err)
	}
	budget := h.ConnectBudget
	if budget <= 0 {
		budget = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()

	delay := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		pingCtx, cancelPing := context.WithTimeout(ctx, 10*time.Second)
		err = db.PingContext(pingCtx)
		cancelPing()
		if err == nil {
			if attempt > 1 {
				log.Info("database reachable", "attempts", attempt)
			}
			return db, nil
		}
		if permanent(err) {
			db.Close()
			return nil, fmt.Errorf("database %s refused the connection: %w", c, err)
		}
		log.Warn("database not reachable yet, retrying", "attempt", attempt, "retryIn", delay.String(), "error", err.Error())
		select {
		case <-ctx.Done():
			db.Close()
			return nil, fmt.Errorf("database %s not reachable after %d attempts: %w", c, attempt, err)
		case <-time.After(delay):
		}
		delay = min(2*delay, 8*time.Second)
	}
}

// permanent reports errors that retrying cannot fix.
func permanent(err error) bool {
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		switch myErr.Number {
		case 1044, 1045, 1049, 1698: // access denied to database, bad credentials, unknown database
			return true
		}
	}
	return false
}

// outcome of writing the options.
type outcome struct {
	installed bool
	changed   bool
	prevSite  *string
	prevHome  *string
}

// setURLs sets siteurl and home in <prefix>options in one transaction, touching no other row.
func setURLs(ctx context.Context, db *sql.DB, prefix, site, home string) (outcome, error) {
	return writeOptions(ctx, db, prefix, map[string]*string{"siteurl": &site, "home": &home})
}

// restoreURLs writes back the recorded values; a nil value leaves its row alone.
func restoreURLs(ctx context.Context, db *sql.DB, prefix string, site, home *string) (outcome, error) {
	want := map[string]*string{}
	if site != nil {
		want["siteurl"] = site
	}
	if home != nil {
		want["home"] = home
	}
	return writeOptions(ctx, db, prefix, want)
}

func writeOptions(ctx context.Context, db *sql.DB, prefix string, want map[string]*string) (outcome, error) {
	if !prefixPattern.MatchString(prefix) {
		return outcome{}, fmt.Errorf("table prefix %q must match ^[A-Za-z0-9_]+$", prefix)
	}
	table := prefix + "options"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return outcome{}, fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	var tables int
	if err := tx.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", table,
	).Scan(&tables); err != nil {
		return outcome{}, fmt.Errorf("looking for table %s: %w", table, err)
	}
	if tables == 0 {
		return outcome{installed: false}, nil // WordPress is not installed yet: nothing to change
	}

	// The table name is validated above and quoted; every value is a parameter.
	quoted := "`" + table + "`"
	//nolint:gosec // G202: the table name is validated (^[A-Za-z0-9_]+$) and quoted; values are parameters
	rows, err := tx.QueryContext(ctx,
		"SELECT option_name, option_value FROM "+quoted+" WHERE option_name IN ('siteurl', 'home') FOR UPDATE")
	if err != nil {
		return outcome{}, fmt.Errorf("reading %s: %w", table, err)
	}
	current := map[string]string{}
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			rows.Close()
			return outcome{}, fmt.Errorf("reading %s: %w", table, err)
		}
		current[name] = value
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return outcome{}, fmt.Errorf("reading %s: %w", table, err)
	}

	out := outcome{installed: true}
	if v, ok := current["siteurl"]; ok {
		out.prevSite = &v
	}
	if v, ok := current["home"]; ok {
		out.prevHome = &v
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		value := *want[name]
		old, exists := current[name]
		switch {
		case exists && old == value:
			continue
		case exists:
			//nolint:gosec // G202: validated, quoted table name; values are parameters
			_, err = tx.ExecContext(ctx, "UPDATE "+quoted+" SET option_value = ? WHERE option_name = ?", value, name)
		default:
			//nolint:gosec // G202: validated, quoted table name; values are parameters
			_, err = tx.ExecContext(ctx, "INSERT INTO "+quoted+" (option_name, option_value, autoload) VALUES (?, ?, 'yes')", name, value)
		}
		if err != nil {
			return outcome{}, fmt.Errorf("writing %s in %s: %w", name, table, err)
		}
		out.changed = true
	}
	if err := tx.Commit(); err != nil {
		return outcome{}, fmt.Errorf("commit: %w", err)
	}
	return out, nil
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

type quietLogger struct{}

func (quietLogger) Print(...any) {}
