package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"dossier"
	"dossier/country"
	"dossier/interchange"
	"dossier/progress"
)

// filterFlags are the event filters shared by events and export.
type filterFlags struct {
	source, country, from, to, perpetrator, group string
	limit                                         int
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.source, "source", "", "only these sources, comma-separated (gtd,acled,ucdp,gdelt,…)")
	fs.StringVar(&f.country, "country", "", "only these countries, comma-separated ISO alpha-3 codes or names")
	fs.StringVar(&f.from, "from", "", "only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&f.to, "to", "", "only events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&f.perpetrator, "perpetrator", "", "only events whose perpetrator name contains this text (any case)")
	fs.StringVar(&f.group, "group", "", "only events whose perpetrator resolved to this group id (see dossier groups)")
	fs.IntVar(&f.limit, "limit", 0, "at most this many events (0: all)")
	return f
}

func (f *filterFlags) filter() (dossier.EventFilter, error) {
	var out dossier.EventFilter
	for _, s := range splitList(f.source) {
		out.Sources = append(out.Sources, dossier.Source(strings.ToLower(s)))
	}
	for _, c := range splitList(f.country) {
		k, ok := country.Lookup(c)
		if !ok {
			return out, usagef("--country: unknown country %q (use an ISO alpha-3 code such as AFG, or an English name)", c)
		}
		out.Countries = append(out.Countries, k.ISO3)
	}
	var err error
	if out.From, err = dossier.ParseDay(f.from, false); err != nil {
		return out, usagef("--from: %v", err)
	}
	if out.To, err = dossier.ParseDay(f.to, true); err != nil {
		return out, usagef("--to: %v", err)
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return out, usagef("--to %s is before --from %s", f.to, f.from)
	}
	if f.limit < 0 {
		return out, usagef("--limit must not be negative")
	}
	out.Perpetrator = strings.TrimSpace(f.perpetrator)
	out.GroupID = strings.TrimSpace(f.group)
	out.Limit = f.limit
	return out, nil
}

func runEvents(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("events", "")
	ff := addFilterFlags(fs)
	format := fs.String("format", "table", "output format: table, csv or jsonl")
	count := fs.Bool("count", false, "print only the number of matching events")
	asJSON := fs.Bool("json", false, "print a JSON array of events (or, with --count, {\"count\": N})")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("events: unexpected argument %q (filters are flags: see dossier events -h)", pos[0])
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	switch *format {
	case "table", "csv", "jsonl":
	default:
		return usagef("events: --format must be table, csv or jsonl, not %q", *format)
	}
	// A group filter reads the derived attack facts, which a read-only
	// database cannot bring up to date.
	db, _, err := m.openStore(*dbFlag, filter.GroupID == "")
	if err != nil {
		return err
	}
	defer db.Close()

	if *count {
		n, err := db.CountEvents(ctx, filter)
		if err != nil {
			return err
		}
		if filter.Limit > 0 && n > filter.Limit {
			n = filter.Limit
		}
		if *asJSON {
			return json.NewEncoder(m.Stdout).Encode(map[string]int{"count": n})
		}
		fmt.Fprintln(m.Stdout, n)
		return nil
	}
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	if *asJSON {
		return writeJSONArray(ctx, db, filter, w)
	}
	switch *format {
	case "csv":
		cw := interchange.NewCSVWriter(w)
		if err := db.Events(ctx, filter, cw.Write); err != nil {
			return err
		}
		return cw.Flush()
	case "jsonl":
		jw := interchange.NewJSONLWriter(w)
		if err := db.Events(ctx, filter, jw.Write); err != nil {
			return err
		}
		return jw.Flush()
	}
	return writeTable(ctx, db, filter, w)
}

func writeJSONArray(ctx context.Context, db dossier.EventStore, f dossier.EventFilter, w io.Writer) error {
	io.WriteString(w, "[")
	n := 0
	err := db.Events(ctx, f, func(e *dossier.Event) error {
		if n > 0 {
			io.WriteString(w, ",")
		}
		n++
		io.WriteString(w, "\n")
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

func writeTable(ctx context.Context, db dossier.EventStore, f dossier.EventFilter, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tID\tCOUNTRY\tPLACE\tTYPE\tPERPETRATOR\tKILLED\tINJURED")
	err := db.Events(ctx, f, func(e *dossier.Event) error {
		var perps []string
		for _, a := range e.Perpetrators() {
			name := a.Name
			if a.Uncertain {
				name += " (?)"
			}
			perps = append(perps, name)
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			dateText(e), e.Source, e.SourceID, e.Country, clip(e.Place, 28), e.Type,
			clip(strings.Join(perps, "; "), 40), count(e.Fatalities), count(e.Injuries))
		return err
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// dateText prints a date at its precision.
func dateText(e *dossier.Event) string {
	switch e.DatePrecision {
	case dossier.PrecisionMonth:
		return e.Date.Format("2006-01")
	case dossier.PrecisionYear:
		return e.Date.Format("2006")
	}
	return e.Date.Format("2006-01-02")
}

func count(n *int) string {
	if n == nil {
		return "?"
	}
	return progress.Thousands(int64(*n))
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func runExport(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("export", "")
	ff := addFilterFlags(fs)
	format := fs.String("format", "csv", "csv, jsonl or parquet")
	out := fs.String("o", "", "output file (default: standard output; required for parquet)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("export: unexpected argument %q", pos[0])
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	// A group filter reads the derived attack facts, which a read-only
	// database cannot bring up to date.
	db, _, err := m.openStore(*dbFlag, filter.GroupID == "")
	if err != nil {
		return err
	}
	defer db.Close()

	if *format == "parquet" {
		if *out == "" {
			return usagef("export: --format parquet needs -o FILE")
		}
		return db.ExportParquet(ctx, filter, *out)
	}
	var w io.Writer = m.Stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("cannot create %s", *out), Hint: "check the directory exists and is writable", Err: err}
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	switch *format {
	case "csv":
		cw := interchange.NewCSVWriter(bw)
		if err := db.Events(ctx, filter, cw.Write); err != nil {
			return err
		}
		if err := cw.Flush(); err != nil {
			return err
		}
	case "jsonl":
		jw := interchange.NewJSONLWriter(bw)
		if err := db.Events(ctx, filter, jw.Write); err != nil {
			return err
		}
		if err := jw.Flush(); err != nil {
			return err
		}
	default:
		return usagef("export: --format must be csv, jsonl or parquet, not %q", *format)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		return f.Close()
	}
	return nil
}

func runSources(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("sources", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, path, err := m.openStore(*dbFlag, true)
	if err != nil {
		return err
	}
	defer db.Close()
	files, err := db.Sources(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if files == nil {
			files = []dossier.SourceFile{}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(files)
	}
	if len(files) == 0 {
		fmt.Fprintf(m.Stdout, "%s holds no imported files yet: run `dossier import FILE`.\n", path)
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tFORMAT\tVERSION\tEVENTS\tFROM\tTO\tIMPORTED\tLICENCE")
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Name, f.Format, f.SourceVersion,
			progress.Thousands(int64(f.Events)), day(f.FirstDay), day(f.LastDay),
			f.ImportedAt.Local().Format("2006-01-02 15:04"), f.Licence)
	}
	return tw.Flush()
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}
