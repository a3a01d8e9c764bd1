package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"dossier"
	"dossier/ingest"
	"dossier/knowledge"
	"dossier/progress"
)

func runImport(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("import", "FILE...")
	format := fs.String("format", "", "force the file format: "+strings.Join(ingest.Formats, "|")+" (default: detect from the header)")
	onError := fs.String("on-error", ingest.OnErrorStop, "on a malformed row: stop (import nothing of the file) or skip (import the rest, write the row to a rejects file)")
	encoding := fs.String("encoding", "auto", "text encoding of CSV files: auto, utf-8 or windows-1252")
	rejectsDir := fs.String("rejects-dir", ".", "directory for rejects files (with --on-error=skip)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	asJSON := fs.Bool("json", false, "print the summaries as JSON")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return usagef("import: name at least one file")
	}
	if *format != "" && !slices.Contains(ingest.Formats, *format) {
		return usagef("import: unknown --format %q (use %s)", *format, strings.Join(ingest.Formats, ", "))
	}
	if *onError != ingest.OnErrorStop && *onError != ingest.OnErrorSkip {
		return usagef("import: --on-error must be stop or skip, not %q", *onError)
	}
	switch *encoding {
	case "auto", "utf-8", "windows-1252":
	default:
		return usagef("import: --encoding must be auto, utf-8 or windows-1252, not %q", *encoding)
	}

	db, _, err := m.openStore(*dbFlag, false)
	if err != nil {
		return err
	}
	defer db.Close()

	im := &ingest.Importer{Store: db, Options: ingest.Options{
		Format: *format, OnError: *onError, Encoding: *encoding, RejectsDir: *rejectsDir,
	}}
	if m.Terminal != nil && !*quiet && !*asJSON {
		im.Progress = func(label string, total int64) *progress.Bar {
			return progress.New(m.Terminal, label, "rows", total)
		}
	}

	var sums []dossier.ImportSummary
	for _, f := range files {
		sum, err := im.ImportFile(ctx, f)
		if err != nil {
			if len(sums) > 0 && !*asJSON {
				printSummaries(m, sums)
			}
			return fmt.Errorf("%w\nnothing of %s was imported; files before it were", err, f)
		}
		sums = append(sums, sum)
	}
	// New actor names resolve against the knowledge base.
	st, err := knowledge.AfterImport(ctx, db)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sums)
	}
	printSummaries(m, sums)
	fmt.Fprintf(m.Stdout, "resolution: %s of %s events with a named perpetrator resolve to a group (%s); see `dossier resolve --unresolved`\n",
		progress.Thousands(int64(st.Resolved)), progress.Thousands(int64(st.WithActor)), share(st.Resolved, st.WithActor))
	return nil
}

func printSummaries(m *Main, sums []dossier.ImportSummary) {
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tformat\trows\tadded\tupdated\tunchanged\trejected\t")
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", s.File, s.Format,
			progress.Thousands(int64(s.Rows)), progress.Thousands(int64(s.Added)), progress.Thousands(int64(s.Updated)),
			progress.Thousands(int64(s.Unchanged)), progress.Thousands(int64(s.Rejected)))
	}
	tw.Flush()
	for _, s := range sums {
		if s.Duplicates > 0 {
			fmt.Fprintf(m.Stdout, "%s: %d rows repeated an earlier row's id; the last one was kept\n", s.File, s.Duplicates)
		}
		if s.RejectsFile != "" {
			fmt.Fprintf(m.Stdout, "%s: %d rejected rows written to %s (reasons in %s.txt)\n", s.File, s.Rejected, s.RejectsFile, s.RejectsFile)
		}
	}
}
