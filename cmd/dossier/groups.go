package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"dossier"
	"dossier/country"
	"dossier/kb"
	"dossier/knowledge"
	"dossier/progress"
)

// openKnowledge opens the store for commands that read or change the
// registry, with the starter knowledge base loaded.
func (m *Main) openKnowledge(ctx context.Context, dbFlag string) (knowledge.Store, func() error, error) {
	db, _, err := m.openStore(dbFlag, false)
	if err != nil {
		return nil, nil, err
	}
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, db.Close, nil
}

func runResolve(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("resolve", "NAME | --unresolved | --stats")
	cc := fs.String("country", "", "the event's country (ISO alpha-3 or name): scoped aliases apply only there")
	date := fs.String("date", "", "the event's date, YYYY-MM-DD: scoped aliases apply only in their period")
	unresolved := fs.Bool("unresolved", false, "list the most frequent actor names that resolve to no group")
	stats := fs.Bool("stats", false, "count events by how their perpetrators resolved")
	limit := fs.Int("limit", 50, "with --unresolved: at most this many names")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()

	switch {
	case *stats:
		st, err := s.ResolutionStats(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, st)
		}
		fmt.Fprintf(m.Stdout, "events %s, with a named perpetrator %s, resolved to a group %s (%s)\n",
			progress.Thousands(int64(st.Events)), progress.Thousands(int64(st.WithActor)), progress.Thousands(int64(st.Resolved)), share(st.Resolved, st.WithActor))
		return nil
	case *unresolved:
		names, err := s.Unresolved(ctx, *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			if names == nil {
				names = []dossier.NameCount{}
			}
			return writeJSON(m.Stdout, names)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "EVENTS\tNAME")
		for _, n := range names {
			fmt.Fprintf(tw, "%s\t%s\n", progress.Thousands(int64(n.Events)), n.Name)
		}
		tw.Flush()
		if len(names) > 0 {
			fmt.Fprintln(m.Stdout, "\nAdd a name to a group with: dossier alias add GROUP \"NAME\" [--country C --from D --to D]")
		}
		return nil
	}
	if len(pos) != 1 {
		return usagef("resolve: give one NAME (quote names with spaces), or --unresolved, or --stats")
	}
	var iso string
	if *cc != "" {
		c, ok := country.Lookup(*cc)
		if !ok {
			return usagef("resolve: unknown country %q", *cc)
		}
		iso = c.ISO3
	}
	var d time.Time
	if *date != "" {
		if d, err = dossier.ParseDay(*date, false); err != nil {
			return usagef("resolve: --date: %v", err)
		}
	}
	res, err := knowledge.NewResolver(ctx, s)
	if err != nil {
		return err
	}
	matches := res.Resolve(pos[0], iso, d)
	if *asJSON {
		type out struct {
			Input      string  `json:"input"`
			GroupID    *string `json:"group_id"`
			GroupName  *string `json:"group_name"`
			Confidence float64 `json:"confidence"`
			Rule       string  `json:"rule"`
			Alias      string  `json:"alias,omitempty"`
			Uncertain  bool    `json:"uncertain,omitempty"`
		}
		var outs []out
		for _, m := range matches {
			o := out{Input: m.Input, Confidence: m.Confidence, Rule: m.Rule, Alias: m.Alias, Uncertain: m.Uncertain}
			if m.Resolved() {
				id, name := m.GroupID, m.GroupName
				o.GroupID, o.GroupName = &id, &name
			}
			outs = append(outs, o)
		}
		if len(outs) == 1 {
			return writeJSON(m.Stdout, outs[0])
		}
		return writeJSON(m.Stdout, outs)
	}
	for _, mt := range matches {
		if !mt.Resolved() {
			fmt.Fprintf(m.Stdout, "%q: no group (%s)\n", pos[0], ruleText(mt.Rule))
			continue
		}
		unc := ""
		if mt.Uncertain {
			unc = ", uncertain: one of several groups the label names"
		}
		fmt.Fprintf(m.Stdout, "%q → %s (%s): rule %s, alias %q, confidence %.2f%s\n", pos[0], mt.GroupName, mt.GroupID, mt.Rule, mt.Alias, mt.Confidence, unc)
	}
	return nil
}

func ruleText(rule string) string {
	switch rule {
	case "unattributed":
		return "no perpetrator named"
	case "generic":
		return "civilians, state forces or crowds, not an armed group"
	}
	return "no alias matches; add one with `dossier alias add GROUP NAME`"
}

func share(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runGroups(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("groups", "[QUERY]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()
	groups, err := s.Groups(ctx, strings.Join(pos, " "))
	if err != nil {
		return err
	}
	if *asJSON {
		if groups == nil {
			groups = []dossier.Group{}
		}
		return writeJSON(m.Stdout, groups)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKIND\tSTATUS\tFOUNDED")
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", g.ID, g.Name, g.Kind, g.Status, g.Founded)
	}
	return tw.Flush()
}

func runGroup(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "show" {
		return usagef("group: use `dossier group show ID`")
	}
	fs, dbFlag := m.newFlags("group show", "ID")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("group show: give one group ID (see `dossier groups`)")
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()
	p, err := groupByIDOrName(ctx, s, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, p)
	}
	printGroup(m.Stdout, p)
	return nil
}

// groupByIDOrName finds a group by id, or by any alias.
func groupByIDOrName(ctx context.Context, s knowledge.Store, q string) (*dossier.GroupProfile, error) {
	p, err := s.GroupProfile(ctx, q)
	if err == nil || dossier.ErrorCode(err) != dossier.ENotFound {
		return p, err
	}
	res, rerr := knowledge.NewResolver(ctx, s)
	if rerr != nil {
		return nil, rerr
	}
	for _, m := range res.Resolve(q, "", time.Time{}) {
		if m.Resolved() {
			return s.GroupProfile(ctx, m.GroupID)
		}
	}
	return nil, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("no group %q", q), Hint: "list groups with `dossier groups QUERY`"}
}

func printGroup(w io.Writer, p *dossier.GroupProfile) {
	fmt.Fprintf(w, "%s (%s)\n", p.Name, p.ID)
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", label+":", v)
		}
	}
	line("kind", p.Kind)
	line("status", p.Status)
	line("founded", p.Founded)
	line("ended", p.Ended)
	if p.Description != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(p.Description, 88))
	}
	cites := map[string]int{}
	for i, c := range p.Citations {
		cites[c.ID] = i + 1
	}
	refs := func(ids []string) string {
		var out []string
		for _, id := range ids {
			if n, ok := cites[id]; ok {
				out = append(out, fmt.Sprintf("[%d]", n))
			}
		}
		return strings.Join(out, "")
	}
	if len(p.Aliases) > 0 {
		fmt.Fprintln(w, "\nAliases:")
		bySource := map[string][]string{}
		for _, a := range p.Aliases {
			name := a.Name
			if len(a.Countries) > 0 || a.From != "" || a.To != "" {
				name += fmt.Sprintf(" (in %s %s–%s)", strings.Join(a.Countries, "/"), a.From, a.To)
			}
			src := a.Source
			if src == "" {
				src = "other"
			}
			bySource[src] = append(bySource[src], name)
		}
		var srcs []string
		for s := range bySource {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			fmt.Fprintf(w, "  %-8s %s\n", s+":", strings.Join(bySource[s], "; "))
		}
	}
	if len(p.Relations)+len(p.Inverse) > 0 {
		fmt.Fprintln(w, "\nRelations:")
		for _, r := range p.Relations {
			fmt.Fprintf(w, "  %s %s%s %s\n", strings.ReplaceAll(string(r.Type), "_", " "), r.Other, span(r.From, r.To), refs(r.Citations))
		}
		for _, r := range p.Inverse {
			fmt.Fprintf(w, "  %s is %s this group%s %s\n", r.GroupID, strings.ReplaceAll(string(r.Type), "_", " "), span(r.From, r.To), refs(r.Citations))
		}
	}
	if len(p.Claims) > 0 {
		fmt.Fprintln(w, "\nClaims:")
		for _, c := range p.Claims {
			status := ""
			if c.Status != "" && c.Status != dossier.ClaimAccepted {
				status = " (" + c.Status + ")"
			}
			ref := strings.TrimSpace(c.Authority + " " + c.Reference)
			if ref != "" && !strings.Contains(c.Text, c.Reference) {
				status += " [" + ref + "]"
			}
			fmt.Fprintf(w, "  %-18s %s%s %s\n", string(c.Type)+":", c.Text, status, refs(c.Citations))
		}
	}
	if len(p.Individuals) > 0 {
		fmt.Fprintf(w, "\nDesignated individuals linked to the group: %d\n", len(p.Individuals))
		for _, in := range p.Individuals {
			fmt.Fprintf(w, "  %s %s: %s\n", in.Authority, in.Reference, in.Name)
		}
	}
	if len(p.Citations) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for i, c := range p.Citations {
			where := c.URL
			if where == "" {
				where = c.Reference
			}
			fmt.Fprintf(w, "  [%d] %s. %s %s %s\n", i+1, c.Title, c.Publisher, c.Date, where)
		}
	}
}

func span(from, to string) string {
	switch {
	case from != "" && to != "":
		return " (" + from + " – " + to + ")"
	case from != "":
		return " (from " + from + ")"
	case to != "":
		return " (until " + to + ")"
	}
	return ""
}

func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		} else if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

func runAlias(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("alias: use `dossier alias add GROUP NAME [--country C] [--from D] [--to D]`")
	}
	fs, dbFlag := m.newFlags("alias add", "GROUP NAME")
	cc := fs.String("country", "", "the alias applies only to events in these countries (comma-separated)")
	from := fs.String("from", "", "the alias applies only from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := fs.String("to", "", "the alias applies only until this date")
	kind := fs.String("kind", string(dossier.AliasDatasetLabel), "kind of name: name, acronym, transliteration, dataset_label, former_name")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("alias add: give GROUP and NAME (quote names with spaces)")
	}
	a := dossier.Alias{GroupID: pos[0], Name: strings.TrimSpace(pos[1]), Kind: dossier.AliasKind(*kind), Source: dossier.OriginUser, From: *from, To: *to}
	if a.Name == "" {
		return usagef("alias add: NAME is empty")
	}
	for _, c := range splitList(*cc) {
		k, ok := country.Lookup(c)
		if !ok {
			return usagef("alias add: unknown country %q", c)
		}
		a.Countries = append(a.Countries, k.ISO3)
	}
	for _, d := range []string{*from, *to} {
		if d != "" {
			if _, _, _, err := kb.ParseDate(d); err != nil {
				return usagef("alias add: %v", err)
			}
		}
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()
	if _, err := s.GroupProfile(ctx, a.GroupID); err != nil {
		return err
	}
	before, err := s.ResolutionStats(ctx)
	if err != nil {
		return err
	}
	if err := s.AddAlias(ctx, dossier.OriginUser, a); err != nil {
		return err
	}
	st, err := knowledge.Resolve(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%q is now an alias of %s; events re-resolved: %s resolved to a group (was %s)\n",
		a.Name, a.GroupID, progress.Thousands(int64(st.Resolved)), progress.Thousands(int64(before.Resolved)))
	return nil
}

func runKB(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return usagef("kb: use `dossier kb export [-o DIR]` or `dossier kb import FILE|DIR...`")
	}
	sub := args[0]
	fs, dbFlag := m.newFlags("kb "+sub, "")
	out := fs.String("o", "", "export: directory to write one YAML file per group to (default: one YAML stream on standard output)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()
	if sub == "export" {
		k, err := knowledge.ExportKB(ctx, s)
		if err != nil {
			return err
		}
		if *out != "" {
			if err := k.WriteDir(*out); err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "wrote %d groups to %s\n", len(k.Groups), *out)
			return nil
		}
		_, err = k.WriteTo(m.Stdout)
		return err
	}
	if len(pos) == 0 {
		return usagef("kb import: name YAML files or directories")
	}
	k, err := readKBs(pos)
	if err != nil {
		return err
	}
	changed, err := knowledge.ImportKB(ctx, s, k)
	if err != nil {
		return err
	}
	if !changed {
		fmt.Fprintf(m.Stdout, "%d groups: the knowledge base already held exactly these\n", len(k.Groups))
		return nil
	}
	st, err := s.ResolutionStats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "imported %d groups; events re-resolved: %s of %s with a named perpetrator resolve to a group\n",
		len(k.Groups), progress.Thousands(int64(st.Resolved)), progress.Thousands(int64(st.WithActor)))
	return nil
}

// readKBs reads YAML files and directories of them into one knowledge
// base, validated.
func readKBs(paths []string) (*kb.KB, error) {
	all := &kb.KB{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &dossier.Error{Code: dossier.ENotFound, Message: "cannot open " + p, Hint: "check the path", Err: err}
		}
		var k *kb.KB
		if fi.IsDir() {
			k, err = kb.ReadDir(os.DirFS(p))
		} else {
			var f *os.File
			if f, err = os.Open(p); err == nil {
				k, err = kb.Parse(p, f)
				f.Close()
			}
		}
		if err != nil {
			return nil, err
		}
		all.Groups = append(all.Groups, k.Groups...)
		all.Citations = append(all.Citations, k.Citations...)
	}
	return all, nil
}

func runDesignations(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return usagef("designations: use `dossier designations import FILE...` (UN Consolidated List XML, OFAC sdn.csv or its directory)")
	}
	fs, dbFlag := m.newFlags("designations import", "FILE...")
	asJSON := fs.Bool("json", false, "print the summaries as JSON")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("designations import: name the list files")
	}
	s, closeStore, err := m.openKnowledge(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer closeStore()
	var sums []knowledge.DesignationSummary
	for _, p := range pos {
		entries, err := knowledge.ReadDesignations(p)
		if err != nil {
			return err
		}
		sum, err := knowledge.ImportDesignations(ctx, s, p, entries)
		if err != nil {
			return err
		}
		sums = append(sums, sum)
	}
	if *asJSON {
		return writeJSON(m.Stdout, sums)
	}
	for _, s := range sums {
		fmt.Fprintf(m.Stdout, "%s (%s): %d terrorism-related entities, %d matched to groups, %d proposed as new groups; %d individuals, %d linked to a group\n",
			s.File, s.Authority, s.Entities, s.Matched, s.Proposed, s.Individuals, s.Linked)
	}
	return nil
}
