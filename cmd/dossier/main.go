// Command dossier imports conflict-event datasets and answers "who is this
// armed group and how dangerous is it?". Run `dossier help` for commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"dossier"
	"dossier/duckdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command failed
	exitUsage = 2 // the command line is wrong
)

// Main is the program: its environment and streams, so that tests can run
// it end to end.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Terminal is the stream progress bars go to, nil when stderr is not a
	// terminal.
	Terminal *os.File
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		m.Terminal = os.Stderr
	}
	return m
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

func commands() []command {
	return []command{
		{"import", "import provider files (GTD, UCDP GED, ACLED, GDELT, interchange)", runImport},
		{"sources", "list the imported files", runSources},
		{"events", "list or count events", runEvents},
		{"export", "export events as CSV, JSON Lines or Parquet", runExport},
		{"profile", "who a group is and how dangerous it is: `profile NAME`", runProfile},
		{"rank", "rank groups by impact, deaths or attacks", runRank},
		{"gti", "score countries by the Global Terrorism Index method", runGTI},
		{"resolve", "resolve an actor name to a group, and explain why", runResolve},
		{"groups", "list or search groups", runGroups},
		{"group", "show a group: `group show ID`", runGroup},
		{"alias", "add a name to a group: `alias add GROUP NAME`", runAlias},
		{"kb", "import or export the knowledge base as YAML", runKB},
		{"designations", "import designation lists (UN, OFAC)", runDesignations},
		{"serve", "serve the web UI and the JSON API", runServe},
		{"version", "print the version", runVersion},
	}
}

// Run runs the command line args and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, m, args[1:])
			return m.report(err)
		}
	}
	fmt.Fprintf(m.Stderr, "dossier: unknown command %q\n\n", args[0])
	m.usage(m.Stderr)
	return exitUsage
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "dossier: who is this armed group, and how dangerous is it?")
	fmt.Fprintln(w, "\nUsage: dossier COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `dossier COMMAND -h` for a command's flags. The database is --db PATH,")
	fmt.Fprintln(w, "or $DOSSIER_DB, or "+defaultDBPathDoc+".")
}

// report prints err for the user and returns the exit code.
func (m *Main) report(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(m.Stderr, "dossier: %s\n", ue.msg)
		return exitUsage
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(m.Stderr, "dossier: interrupted; nothing of the unfinished file was kept")
		return exitError
	}
	var re *dossier.RowError
	if errors.As(err, &re) {
		fmt.Fprintf(m.Stderr, "dossier: %s\n", re.Error())
		return exitError
	}
	var de *dossier.Error
	if errors.As(err, &de) {
		fmt.Fprintf(m.Stderr, "dossier: %s\n", de.Error())
		return exitError
	}
	fmt.Fprintf(m.Stderr, "dossier: %v\n", err)
	return exitError
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// newFlags returns a flag set for a subcommand with the --db flag.
func (m *Main) newFlags(name, args string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	db := fs.String("db", "", "database file (default $DOSSIER_DB or "+defaultDBPathDoc+")")
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: dossier %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs, db
}

// parse parses flags that may stand before, between or after the
// positional arguments, and returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

const defaultDBPathDoc = "dossier.duckdb in the user data directory"

// dbPath returns the database path: the flag, $DOSSIER_DB, or the default
// in the user's data directory.
func (m *Main) dbPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := m.Getenv("DOSSIER_DB"); p != "" {
		return p, nil
	}
	dir, err := userDataDir(m.Getenv)
	if err != nil {
		return "", &dossier.Error{Code: dossier.EInvalid, Message: "cannot find a data directory for the database", Hint: "pass --db PATH or set DOSSIER_DB", Err: err}
	}
	return filepath.Join(dir, "dossier", "dossier.duckdb"), nil
}

// userDataDir is $XDG_DATA_HOME or ~/.local/share on Unix, Application
// Support on macOS and %LocalAppData% on Windows.
func userDataDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin":
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("$HOME is not set")
		}
		return filepath.Join(home, "Library", "Application Support"), nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither $XDG_DATA_HOME nor $HOME is set")
	}
	return filepath.Join(home, ".local", "share"), nil
}

// openStore opens the database for writing (creating it), or for reading
// when readOnly and the file exists.
func (m *Main) openStore(flagValue string, readOnly bool) (*duckdb.DB, string, error) {
	path, err := m.dbPath(flagValue)
	if err != nil {
		return nil, "", err
	}
	var opts duckdb.Options
	if readOnly {
		if _, err := os.Stat(path); err == nil {
			opts.ReadOnly = true
		}
	}
	db, err := duckdb.Open(path, opts)
	if err != nil {
		return nil, path, lockedError(path, err)
	}
	return db, path, nil
}

func runVersion(ctx context.Context, m *Main, args []string) error {
	fmt.Fprintf(m.Stdout, "dossier %s (%s/%s)\n", version, runtime.GOOS, runtime.GOARCH)
	return nil
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
