package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// The handler tests run against a real MariaDB/MySQL server holding the real WordPress schema.
// `make test` starts one (scripts/testdb.sh) and sets WPFLEET_TEST_MYSQL to an admin DSN such as
// "user:password@tcp(127.0.0.1:33306)/". In CI the tests fail, never skip, without it.

//go:embed testdata/wordpress.sql
var wordpressSQL string

const oldURL = "http://10.0.1.15"

var adminDB = sync.OnceValues(func() (*sql.DB, error) {
	dsn := os.Getenv("WPFLEET_TEST_MYSQL")
	if dsn == "" {
		return nil, fmt.Errorf("WPFLEET_TEST_MYSQL is not set")
	}
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("WPFLEET_TEST_MYSQL: %w", err)
	}
	cfg.MultiStatements = true
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		return nil, fmt.Errorf("the test database at %s is not reachable: %w", cfg.Addr, err)
	}
	return db, nil
})

// requireDB returns the admin connection, failing the test in CI and skipping it elsewhere when no
// server is configured.
func requireDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := adminDB()
	if err != nil {
		if os.Getenv("CI") != "" || os.Getenv("WPFLEET_TEST_MYSQL") != "" {
			t.Fatalf("MariaDB is required: %v (run `make test`, which starts it)", err)
		}
		t.Skipf("no test database: %v (run `make test`, which starts one)", err)
	}
	return db
}

// site is one WordPress database on the test server, with credentials of its own.
type site struct {
	t        testing.TB
	db       *sql.DB // admin connection
	name     string
	prefix   string
	user     string
	password string
	host     string
	port     int
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newSite creates a database, a user that may use only it, and (when installed) WordPress's tables
// and rows with the given table prefix.
func newSite(t testing.TB, prefix string, installed bool) *site {
	t.Helper()
	admin := requireDB(t)
	cfg, _ := mysql.ParseDSN(os.Getenv("WPFLEET_TEST_MYSQL"))
	host, portStr, _ := net.SplitHostPort(cfg.Addr)
	var port int
	fmt.Sscan(portStr, &port)
	s := &site{t: t, db: admin, name: "wpt_" + randomHex(6), prefix: prefix, user: "wpu_" + randomHex(4), password: "pw-" + randomHex(12), host: host, port: port}
	mustExec(t, admin, fmt.Sprintf("CREATE DATABASE `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci", s.name))
	mustExec(t, admin, fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'", s.user, s.password))
	mustExec(t, admin, fmt.Sprintf("GRANT ALL PRIVILEGES ON `%s`.* TO '%s'@'%%'", s.name, s.user))
	t.Cleanup(func() {
		mustExec(t, admin, fmt.Sprintf("DROP DATABASE IF EXISTS `%s`", s.name))
		mustExec(t, admin, fmt.Sprintf("DROP USER IF EXISTS '%s'@'%%'", s.user))
	})
	if installed {
		schema := strings.NewReplacer("{prefix}", prefix, "{url}", oldURL).Replace(wordpressSQL)
		mustExec(t, admin, fmt.Sprintf("USE `%s`; %s", s.name, schema))
	}
	return s
}

func mustExec(t testing.TB, db *sql.DB, query string) {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%v\n%.300s", err, query)
	}
}

// secretJSON is the RDS secret for this site.
func (s *site) secretJSON() string {
	b, _ := json.Marshal(map[string]any{
		"username": s.user, "password": s.password, "host": s.host, "port": s.port,
		"dbname": s.name, "engine": "mysql",
	})
	return string(b)
}

// options returns siteurl and home.
func (s *site) urls() (siteurl, home string) {
	s.t.Helper()
	rows, err := s.db.Query(fmt.Sprintf("SELECT option_name, option_value FROM `%s`.`%soptions` WHERE option_name IN ('siteurl','home')", s.name, s.prefix))
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n, v string
		if err := rows.Scan(&n, &v); err != nil {
			s.t.Fatal(err)
		}
		if n == "siteurl" {
			siteurl = v
		} else {
			home = v
		}
	}
	return siteurl, home
}

// checksum covers every table of the database and every row except siteurl and home.
func (s *site) checksum() string {
	s.t.Helper()
	h := sha256.New()
	tables, err := s.db.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name", s.name)
	if err != nil {
		s.t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		_ = tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	for _, table := range names {
		fmt.Fprintf(h, "table %s\n", table)
		query := fmt.Sprintf("SELECT * FROM `%s`.`%s`", s.name, table)
		if table == s.prefix+"options" {
			query += " WHERE option_name NOT IN ('siteurl', 'home') ORDER BY option_id"
		}
		rows, err := s.db.Query(query)
		if err != nil {
			s.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.RawBytes, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				s.t.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%q|", v)
			}
			fmt.Fprintln(h)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fakeSecrets serves secrets from memory and remembers nothing else.
type fakeSecrets map[string]string

func (f fakeSecrets) SecretString(_ context.Context, arn string) (string, error) {
	if v, ok := f[arn]; ok {
		return v, nil
	}
	return "", fmt.Errorf("ResourceNotFoundException: Secrets Manager can't find the specified secret")
}

// logBuffer collects the handler's log so tests can check it never holds a password.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newTestHandler(t testing.TB, secrets Secrets, logs io.Writer) *Handler {
	return &Handler{
		Secrets:       secrets,
		Open:          openMySQL,
		ConnectBudget: 5 * time.Second,
		Log:           slog.New(slog.NewJSONHandler(logs, nil)),
	}
}
