package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/knowledge"
	"dossier/metrics"
	"dossier/report"
)

// ruleFlags are the rules of what counts, shared by profile, rank and gti.
type ruleFlags struct {
	excludeDoubtful, certainOnly, countGDELT bool
	minConfidence                            float64
	unknownDeaths                            string
	explain                                  bool
}

func addRuleFlags(fs *flag.FlagSet) *ruleFlags {
	r := &ruleFlags{}
	fs.BoolVar(&r.excludeDoubtful, "exclude-doubtful", false, "leave out incidents GTD doubts are terrorism (doubtterr=1)")
	fs.BoolVar(&r.certainOnly, "certain-only", false, "count only certain attributions (not composite labels, GTD guncertain)")
	fs.BoolVar(&r.countGDELT, "count-gdelt", false, "count GDELT's machine-coded events (left out by default)")
	fs.Float64Var(&r.minConfidence, "min-confidence", 0, "treat name resolutions below this confidence (0–1) as uncertain")
	fs.StringVar(&r.unknownDeaths, "unknown-deaths", string(metrics.UnknownAsZero), "attacks with an unknown toll in lethality: zero (count as 0) or exclude")
	fs.BoolVar(&r.explain, "explain", false, "print how each figure was computed")
	return r
}

func (r *ruleFlags) options() (*metrics.Options, error) {
	o := metrics.DefaultOptions()
	o.ExcludeDoubtful, o.CertainOnly = r.excludeDoubtful, r.certainOnly
	if r.countGDELT {
		delete(o.Sources, dossier.SourceGDELT)
	}
	if r.minConfidence < 0 || r.minConfidence > 1 {
		return nil, usagef("--min-confidence must be between 0 and 1")
	}
	o.MinConfidence = r.minConfidence
	switch u := metrics.UnknownDeaths(r.unknownDeaths); u {
	case metrics.UnknownAsZero, metrics.UnknownExcluded:
		o.UnknownDeaths = u
	default:
		return nil, usagef("--unknown-deaths must be zero or exclude")
	}
	return &o, nil
}

// outputFlag reads the one output format a command was given.
func outputFlag(formats map[string]*bool) (string, error) {
	var chosen []string
	for name, on := range formats {
		if *on {
			chosen = append(chosen, name)
		}
	}
	if len(chosen) > 1 {
		sort.Strings(chosen)
		return "", usagef("give one output format, not --%s", strings.Join(chosen, " and --"))
	}
	if len(chosen) == 0 {
		return "text", nil
	}
	return chosen[0], nil
}

func runProfile(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("profile", "NAME")
	qf := addQueryFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	asMD := fs.Bool("md", false, "print Markdown")
	asHTML := fs.Bool("html", false, "print a standalone HTML page")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("profile: give a group name or id, e.g. dossier profile \"ISIS-K\"")
	}
	format, err := outputFlag(map[string]*bool{"json": asJSON, "md": asMD, "html": asHTML})
	if err != nil {
		return err
	}
	q, err := qf.query()
	if err != nil {
		return err
	}
	s, err := m.openReports(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := report.BuildProfile(ctx, s, strings.Join(pos, " "), q)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(m.Stdout, p)
	}
	d := newDocWriter(m.Stdout, format)
	writeProfile(d, p, qf.rules.explain)
	return d.end()
}

// openReports opens the store for the report commands, with the starter
// knowledge base loaded.
func (m *Main) openReports(ctx context.Context, dbFlag string) (*duckdb.DB, error) {
	db, _, err := m.openStore(dbFlag, false)
	if err != nil {
		return nil, err
	}
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// queryFlags are the window, sources and counting rules of profile and
// rank.
type queryFlags struct {
	from, to, source string
	rules            *ruleFlags
}

func addQueryFlags(fs *flag.FlagSet) *queryFlags {
	f := &queryFlags{}
	fs.StringVar(&f.from, "from", "", "count from this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&f.to, "to", "", "count up to this date (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&f.source, "source", "", "count these sources only, comma-separated (gtd,acled,ucdp,…)")
	f.rules = addRuleFlags(fs)
	return f
}

func (f *queryFlags) query() (report.Query, error) {
	var q report.Query
	var err error
	if q.From, err = dossier.ParseDay(f.from, false); err != nil {
		return q, usagef("--from: %v", err)
	}
	if q.To, err = dossier.ParseDay(f.to, true); err != nil {
		return q, usagef("--to: %v", err)
	}
	if q.Sources, err = report.ParseSources(f.source); err != nil {
		return q, err
	}
	q.Options, err = f.rules.options()
	return q, err
}

func writeProfile(d docWriter, p *report.Profile, explain bool) {
	w := p.Who
	d.title(fmt.Sprintf("%s (%s)", p.Group.Name, p.Group.ID))
	d.section("Who")
	if w.Description != "" {
		d.para(w.Description)
	}
	if w.Kind != "" {
		d.field("Kind", w.Kind)
	}
	if w.Status != "" {
		d.field("Status", w.Status)
	}
	if w.Founded != "" || w.Ended != "" {
		d.field("Founded", strings.TrimSpace(w.Founded+" "+orEmpty(w.Ended, "– ended "+w.Ended)))
	}
	for _, set := range w.Aliases {
		names := make([]string, len(set.Names))
		for i, a := range set.Names {
			names[i] = a.Name + scope(a)
		}
		d.field("Aliases ("+set.Source+")", strings.Join(names, "; "))
	}
	if len(w.Relations) > 0 {
		var items []string
		for _, r := range w.Relations {
			items = append(items, fmt.Sprintf("%s %s (%s)%s%s%s", r.Label, r.Group.Name, r.Group.ID,
				dates(r.From, r.To, ", "), orEmpty(r.Note, ": "+r.Note), cites(r.Citations)))
		}
		d.para("Relations:")
		d.list(items)
	}
	claims := func(title string, cs []dossier.Claim) {
		if len(cs) == 0 {
			return
		}
		var items []string
		for _, c := range cs {
			s := c.Text
			if c.Authority != "" || c.Reference != "" {
				s = strings.TrimSpace(c.Authority+" "+c.Reference) + ": " + s
			}
			items = append(items, s+dates(c.From, c.To, " ")+cites(c.Citations))
		}
		d.para(title + ":")
		d.list(items)
	}
	claims("Leaders", w.Leaders)
	claims("Area of operations", w.Area)
	claims("Designations", w.Designations)
	claims("Claims", w.Claims)

	d.section("What it did" + windowText(p.Window) + sourceText(p.Filter))
	if p.Attacks == 0 {
		d.para("No attacks by this group in the imported events" + windowText(p.Window) + ". Import GTD, ACLED or UCDP files (`dossier import FILE`) to add activity figures.")
	} else {
		d.field("Attacks", fmt.Sprintf("%d%s", p.Attacks, orEmpty(nz(p.UncertainAttacks), fmt.Sprintf(" (%d on an uncertain attribution)", p.UncertainAttacks))))
		deaths := strconv.Itoa(p.Deaths.Best)
		if p.Deaths.Low != p.Deaths.Best || p.Deaths.High != p.Deaths.Best {
			deaths += fmt.Sprintf(" (range %d–%d)", p.Deaths.Low, p.Deaths.High)
		}
		if p.Deaths.Unknown > 0 {
			deaths += fmt.Sprintf("; toll unknown for %d attacks", p.Deaths.Unknown)
		}
		d.field("Deaths", deaths)
		d.field("Injuries", fmt.Sprintf("%d%s", p.Injuries, orEmpty(nz(p.InjuriesUnknown), fmt.Sprintf("; unknown for %d attacks", p.InjuriesUnknown))))
		d.field("Hostages", fmt.Sprintf("%d%s", p.Hostages, orEmpty(nz(p.HostagesUnknown), fmt.Sprintf("; unknown for %d attacks", p.HostagesUnknown))))
		d.field("Lethality", ratio(p.Lethality, false)+" deaths per attack")
		d.field("Suicide", ratio(p.SuicideShare, true)+" of attacks")
		d.field("On civilians", ratio(p.CivilianShare, true)+" of attacks with a known target")
		if p.First != nil && p.Last != nil {
			d.field("Active", p.First.Format(time.DateOnly)+" to "+p.Last.Format(time.DateOnly))
		}
		t := p.Trend
		if t.Direction != "" {
			d.field("Trend", fmt.Sprintf("%s: %d attacks, %d deaths in %s to %s against %d, %d in %s to %s", t.Direction,
				t.Recent.Attacks, t.Recent.Deaths, t.RecentFrom, t.RecentTo, t.Previous.Attacks, t.Previous.Deaths, t.PreviousFrom, t.PreviousTo))
		}
		shares := func(title string, ss []metrics.Share, n int) {
			if len(ss) == 0 {
				return
			}
			var rows [][]string
			for i, s := range ss {
				if n > 0 && i == n {
					break
				}
				name := s.Name
				if name == "" {
					name = s.Key
				}
				if s.Country != "" {
					name += ", " + s.Country
				}
				rows = append(rows, []string{name, strconv.Itoa(s.Attacks), fmt.Sprintf("%.1f%%", 100*s.Share), strconv.Itoa(s.Deaths)})
			}
			d.para(title + ":")
			d.table([]string{"", "attacks", "share", "deaths"}, rows)
		}
		shares("Targets", p.Targets, 0)
		shares("Attack types", p.AttackTypes, 0)
		shares("Countries", p.Countries, 10)
		shares("Provinces", p.Provinces, 10)
		var rows [][]string
		for _, y := range p.ByYear {
			rows = append(rows, []string{y.Period, strconv.Itoa(y.Attacks), strconv.Itoa(y.Deaths), strconv.Itoa(y.Injuries), strconv.Itoa(y.Hostages)})
		}
		d.para("By year:")
		d.table([]string{"year", "attacks", "deaths", "injuries", "hostages"}, rows)
		if len(p.Largest) > 0 {
			rows = nil
			for _, a := range p.Largest {
				place := strings.Join(nonEmpty(a.Place, a.Admin1, a.Country), ", ")
				rows = append(rows, []string{a.Date.Format(time.DateOnly), place, intOr(a.Deaths, "?"), intOr(a.Injuries, "?"),
					string(a.Source) + " " + a.SourceID, shorten(a.Summary, 90)})
			}
			d.para("Largest attacks:")
			d.table([]string{"date", "place", "deaths", "injured", "source", "summary"}, rows)
		}
	}

	d.section("How dangerous")
	im := p.Impact
	if im.Year == 0 {
		d.para("No impact score: no attacks in the imported events.")
	} else {
		d.field("Impact score", fmt.Sprintf("%.3f in %d (range %.3f–%.3f from low/high tolls and uncertain attributions)", im.Score, im.Year, im.Low, im.High))
		var rows [][]string
		for _, c := range im.Components {
			rows = append(rows, []string{strconv.Itoa(c.Year), fmt.Sprint(c.Incidents), fmt.Sprint(c.Deaths), fmt.Sprint(c.Injuries), fmt.Sprint(c.Hostages),
				fmt.Sprintf("%.1f", c.Raw), fmt.Sprint(c.Weight), fmt.Sprintf("%.1f", c.Weighted)})
		}
		d.table([]string{"year", "attacks", "deaths", "injuries", "hostages", "raw", "weight", "weighted"}, rows)
	}
	if r := p.Rank; r != nil {
		d.field("Rank", fmt.Sprintf("%d of %d groups worldwide by impact score in %d", r.World.Rank, r.World.Of, r.Year))
		if r.Region != nil {
			d.field("Rank in region", fmt.Sprintf("%d of %d groups in %s", r.Region.Rank, r.Region.Of, r.Region.Region))
		}
	}

	d.section("Coverage")
	if len(p.Sources) == 0 {
		d.para("No imported events name this group.")
	} else {
		var rows [][]string
		for _, s := range p.Sources {
			var files []string
			for _, f := range s.Files {
				files = append(files, f.Name)
			}
			rows = append(rows, []string{string(s.Source), strconv.Itoa(s.Events), strconv.Itoa(s.Attacks),
				dayOr(s.First) + " to " + dayOr(s.Last), strings.Join(s.Licences, "; "), strings.Join(files, ", ")})
		}
		d.table([]string{"source", "events", "attacks", "dates", "licence", "files"}, rows)
	}
	if p.Overlaps.Warning != "" {
		d.para("Warning: " + p.Overlaps.Warning)
	}
	for reason, n := range p.Excluded {
		d.field("Not counted", fmt.Sprintf("%d events: %s", n, reason))
	}
	if len(w.Citations) > 0 {
		d.section("Citations")
		var items []string
		for _, c := range w.Citations {
			items = append(items, "["+c.ID+"] "+strings.Join(nonEmpty(c.Title, c.Publisher, c.Date, c.URL, c.Reference), ", "))
		}
		d.list(items)
	}
	if explain {
		writeExplain(d, p.Explain, fmt.Sprintf("dossier events --group %s%s%s", p.Group.ID,
			orEmpty(dayOrEmpty(p.Window.From), " --from "+dayOrEmpty(p.Window.From)), orEmpty(dayOrEmpty(p.Window.To), " --to "+dayOrEmpty(p.Window.To))))
	}
}

func writeExplain(d docWriter, explain map[string]string, events string) {
	d.section("How each figure was computed")
	keys := make([]string, 0, len(explain))
	for k := range explain {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.field(k, explain[k])
	}
	if events != "" {
		d.para("The events behind these figures: " + events)
	}
	d.para("Definitions and their sources: docs/METHODS.md.")
}

func runRank(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("rank", "")
	year := fs.Int("year", 0, "rank over this calendar year")
	qf := addQueryFlags(fs)
	countries := fs.String("country", "", "only attacks in these countries, comma-separated ISO alpha-3 codes or names")
	region := fs.String("region", "", "only attacks in this region (GTI regions, e.g. \"South Asia\")")
	by := fs.String("by", metrics.ByImpact, "rank by "+strings.Join(metrics.RankKeys(), ", "))
	limit := fs.Int("limit", 20, "list this many groups (0: all)")
	asJSON := fs.Bool("json", false, "print JSON: an array of ranked groups")
	asCSV := fs.Bool("csv", false, "print CSV")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("rank takes no arguments (got %q)", pos[0])
	}
	format, err := outputFlag(map[string]*bool{"json": asJSON, "csv": asCSV})
	if err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must not be negative")
	}
	q := report.RankQuery{Year: *year, Countries: splitList(*countries), Region: strings.TrimSpace(*region), By: *by, Limit: *limit}
	if q.Query, err = qf.query(); err != nil {
		return err
	}
	s, err := m.openReports(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := report.Rank(ctx, s, q)
	if err != nil {
		return err
	}
	unattributed := fmt.Sprintf("Unattributed (not ranked): %d attacks, %d deaths, %d injuries, %d hostages",
		r.Unattrib.Attacks, r.Unattrib.Deaths, r.Unattrib.Injuries, r.Unattrib.Hostages)
	switch format {
	case "json":
		if err := writeJSON(m.Stdout, r.Groups); err != nil {
			return err
		}
		fmt.Fprintln(m.Stderr, unattributed)
	case "csv":
		cw := csv.NewWriter(m.Stdout)
		cw.Write([]string{"rank", "group_id", "group", "attacks", "deaths", "injuries", "hostages", "lethality", "impact"})
		for _, g := range r.Groups {
			cw.Write([]string{strconv.Itoa(g.Rank), g.Group.ID, g.Group.Name, strconv.Itoa(g.Attacks), strconv.Itoa(g.Deaths),
				strconv.Itoa(g.Injuries), strconv.Itoa(g.Hostages), fmtFloat(g.Lethality), fmtFloat(g.Impact)})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		fmt.Fprintln(m.Stderr, unattributed)
	default:
		d := newDocWriter(m.Stdout, "text")
		title := "Groups by " + r.By
		if r.From != nil || r.To != nil {
			title += windowText(metrics.Window{From: ptrTime(r.From), To: ptrTime(r.To)})
		}
		if r.Region != "" {
			title += ", " + r.Region
		} else if len(r.Countries) > 0 {
			title += ", " + strings.Join(r.Countries, " ")
		}
		d.title(title + sourceText(r.Sources))
		var rows [][]string
		for _, g := range r.Groups {
			rows = append(rows, []string{strconv.Itoa(g.Rank), g.Group.Name + " (" + g.Group.ID + ")", strconv.Itoa(g.Attacks),
				strconv.Itoa(g.Deaths), strconv.Itoa(g.Injuries), strconv.Itoa(g.Hostages), fmtFloat(g.Impact)})
		}
		d.table([]string{"rank", "group", "attacks", "deaths", "injuries", "hostages", fmt.Sprintf("impact %d", r.ImpactYear)}, rows)
		if r.Total > len(r.Groups) {
			d.para(fmt.Sprintf("%d of %d groups shown (--limit 0 lists all).", len(r.Groups), r.Total))
		}
		d.para(unattributed)
	}
	if qf.rules.explain {
		d := newDocWriter(explainStream(m, format), "text")
		writeExplain(d, r.Explain, "")
	}
	return nil
}

// explainStream is where --explain goes: stderr when stdout carries data
// for a program.
func explainStream(m *Main, format string) io.Writer {
	if format == "json" || format == "csv" {
		return m.Stderr
	}
	return m.Stdout
}

func runGTI(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("gti", "")
	year := fs.Int("year", 0, "the year to score (required)")
	source := fs.String("source", "", "only incidents from these sources, comma-separated")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print CSV: rank,iso3,country,score,incidents,deaths,injuries,hostages")
	rules := addRuleFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("gti takes no arguments (got %q)", pos[0])
	}
	if *year == 0 {
		return usagef("gti: give the year to score, e.g. --year 2021")
	}
	format, err := outputFlag(map[string]*bool{"json": asJSON, "csv": asCSV})
	if err != nil {
		return err
	}
	q := report.GTIQuery{Year: *year}
	if q.Sources, err = report.ParseSources(*source); err != nil {
		return err
	}
	if q.Options, err = rules.options(); err != nil {
		return err
	}
	s, err := m.openReports(ctx, *dbFlag)
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := report.GTI(ctx, s, q)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		if err := writeJSON(m.Stdout, g); err != nil {
			return err
		}
	case "csv":
		cw := csv.NewWriter(m.Stdout)
		cw.Write([]string{"rank", "iso3", "country", "score", "incidents", "deaths", "injuries", "hostages"})
		for _, c := range g.Countries {
			cw.Write([]string{strconv.Itoa(c.Rank), c.ISO3, c.Name, strconv.FormatFloat(c.Score, 'f', 3, 64),
				fmtFloat(c.Incidents), fmtFloat(c.Deaths), fmtFloat(c.Injuries), fmtFloat(c.Hostages)})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	default:
		d := newDocWriter(m.Stdout, "text")
		d.title(fmt.Sprintf("Global Terrorism Index %d (method of the Institute for Economics and Peace)", g.Year))
		var rows [][]string
		for _, c := range g.Countries {
			rows = append(rows, []string{strconv.Itoa(c.Rank), c.ISO3, c.Name, strconv.FormatFloat(c.Score, 'f', 3, 64),
				fmtFloat(c.Incidents), fmtFloat(c.Deaths), fmtFloat(c.Injuries), fmtFloat(c.Hostages)})
		}
		d.table([]string{"rank", "iso3", "country", "score", "incidents", "deaths", "injuries", "hostages"}, rows)
	}
	if rules.explain {
		writeExplain(newDocWriter(explainStream(m, format), "text"), g.Explain, "")
	}
	return nil
}

// Small formatting helpers of the report commands.

func orEmpty(cond, s string) string {
	if cond == "" {
		return ""
	}
	return s
}

func nz(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dates says a span of dates after sep, "" when there is none.
func dates(from, to, sep string) string {
	switch {
	case from != "" && to != "":
		return sep + from + " – " + to
	case from != "":
		return sep + "from " + from
	case to != "":
		return sep + "until " + to
	}
	return ""
}

func cites(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return " [" + strings.Join(ids, ", ") + "]"
}

func scope(a dossier.Alias) string {
	var parts []string
	if len(a.Countries) > 0 {
		parts = append(parts, strings.Join(a.Countries, ","))
	}
	if s := dates(a.From, a.To, ""); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, " ") + ")"
}

func ratio(r metrics.Ratio, percent bool) string {
	if r.Value == nil {
		return "unknown"
	}
	if percent {
		return fmt.Sprintf("%.1f%% (%s of %s)", 100**r.Value, fmtFloat(r.Numerator), fmtFloat(r.Denominator))
	}
	return fmt.Sprintf("%.2f", *r.Value)
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func intOr(p *int, unknown string) string {
	if p == nil {
		return unknown
	}
	return strconv.Itoa(*p)
}

func dayOr(t *time.Time) string {
	if t == nil {
		return "?"
	}
	return t.Format(time.DateOnly)
}

func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func ptrTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

func windowText(w metrics.Window) string {
	switch {
	case !w.From.IsZero() && !w.To.IsZero():
		return fmt.Sprintf(", %s to %s", w.From.Format(time.DateOnly), w.To.Format(time.DateOnly))
	case !w.From.IsZero():
		return ", from " + w.From.Format(time.DateOnly)
	case !w.To.IsZero():
		return ", up to " + w.To.Format(time.DateOnly)
	}
	return ""
}

func sourceText(sources []string) string {
	if len(sources) == 0 {
		return ""
	}
	return " (" + strings.Join(sources, ", ") + " only)"
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
