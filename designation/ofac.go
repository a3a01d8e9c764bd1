package designation

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"dossier"
)

// Layouts of OFAC's legacy CSV files (no header; see
// https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas).
const (
	sdnLayout      = "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks"
	altLayout      = "ent_num, alt_num, alt_type, alt_name, alt_remarks"
	addLayout      = "ent_num, add_num, address, city/state/province/postal code, country, add_remarks"
	commentsLayout = "ent_num, remarks continued"
)

// OFACFiles are the files of one release of an OFAC list in the legacy CSV
// layout: sdn.csv, alt.csv, add.csv and sdn_comments.csv for the SDN list,
// or cons_prim.csv, cons_alt.csv, cons_add.csv and cons_comments.csv for
// the consolidated non-SDN list. Only SDN is required.
type OFACFiles struct {
	SDN      io.Reader // primary records (sdn.csv)
	Alt      io.Reader // aliases (alt.csv), or nil
	Add      io.Reader // addresses (add.csv), or nil
	Comments io.Reader // remarks continued past 1,000 characters (sdn_comments.csv), or nil
}

// ParseOFAC reads the files of an OFAC list release and returns one Entry
// per sdn.csv record, in file order. Reference is the ent_num; Kind is
// KindEntity where SDN_Type is empty, else individual, vessel or aircraft;
// Programs are the Program column split ("SDGT] [FTO" is SDGT and FTO).
// Comments are the remarks, continued from sdn_comments.csv, and the
// remarks give the weak aliases ("a.k.a. 'BNC'"), the LinkedTo names
// ("Linked To: TALIBAN", with the ent_num of the only entry of that name)
// and nationalities. Aliases are alt.csv's (strong) before the remarks'
// (weak); Countries add.csv's countries, then the nationalities and
// citizenships of the remarks. Records of alt.csv, add.csv and
// sdn_comments.csv whose ent_num is not in sdn.csv are ignored.
//
// A malformed record gives a *dossier.RowError naming the file (sdn.csv,
// alt.csv, add.csv or sdn_comments.csv, whatever the reader's real name:
// see ReadOFACDir), line and field, as does an ent_num repeated in
// sdn.csv; a missing SDN reader gives a *dossier.Error with code
// dossier.EInvalid.
func ParseOFAC(files OFACFiles) ([]Entry, error) {
	if files.SDN == nil {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: "OFAC list: no sdn.csv given", Hint: "the SDN file (sdn.csv) is required; alt.csv, add.csv and sdn_comments.csv are optional"}
	}
	var entries []Entry
	index := map[string]int{}
	var extra, continued [][]string // per entry: raw records of alt.csv and add.csv, of sdn_comments.csv

	sdn := newCSV("sdn.csv", sdnLayout, 12, 11, files.SDN)
	for {
		rec, line, raw, err := sdn.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		e, err := sdnEntry(sdn, rec, line, raw)
		if err != nil {
			return nil, err
		}
		if prev, dup := index[e.Reference]; dup {
			return nil, sdn.rowError(line, "ent_num", e.Reference,
				"ent_num "+e.Reference+" is repeated (first for "+entries[prev].Name+")", raw)
		}
		index[e.Reference] = len(entries)
		entries = append(entries, e)
		extra = append(extra, nil)
		continued = append(continued, nil)
	}

	if files.Comments != nil {
		f := newCSV("sdn_comments.csv", commentsLayout, 2, 1, files.Comments)
		if err := eachRecord(f, func(ent string, rec []string, raw string) {
			if i, ok := index[ent]; ok {
				entries[i].Comments += rec[1]
				continued[i] = append(continued[i], raw)
			}
		}); err != nil {
			return nil, err
		}
	}
	if files.Alt != nil {
		f := newCSV("alt.csv", altLayout, 5, -1, files.Alt)
		err := eachAlias(f, func(ent string, a Alias, raw string) {
			if i, ok := index[ent]; ok {
				entries[i].Aliases = addAlias(entries[i].Aliases, entries[i].Name, a)
				extra[i] = append(extra[i], raw)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if files.Add != nil {
		f := newCSV("add.csv", addLayout, 6, -1, files.Add)
		if err := eachRecord(f, func(ent string, rec []string, raw string) {
			if i, ok := index[ent]; ok {
				entries[i].Countries = addCountry(entries[i].Countries, rec[4], countryCode)
				extra[i] = append(extra[i], raw)
			}
		}); err != nil {
			return nil, err
		}
	}
	for i := range entries {
		e := &entries[i]
		e.Comments = strings.TrimSpace(e.Comments)
		r := parseRemarks(e.Comments)
		for _, a := range r.aliases {
			e.Aliases = addAlias(e.Aliases, e.Name, a)
		}
		for _, n := range r.nationalities {
			e.Countries = addCountry(e.Countries, n, countryCode)
		}
		for _, n := range r.links {
			e.LinkedTo = append(e.LinkedTo, Link{Name: n})
		}
		for _, raw := range append(extra[i], continued[i]...) {
			e.Raw += "\n" + raw
		}
	}
	resolveOFACLinks(entries)
	return entries, nil
}

// sdnEntry maps an sdn.csv record to an Entry without its remarks' content.
func sdnEntry(f *csvFile, rec []string, line int, raw string) (Entry, error) {
	ent, err := f.entNum(rec, line, raw)
	if err != nil {
		return Entry{}, err
	}
	e := Entry{Authority: AuthorityOFAC, Reference: ent, Name: rec[1], Comments: rec[11], Raw: raw}
	if e.Name == "" {
		return Entry{}, f.rowError(line, "SDN_Name", "", "the name is empty", raw)
	}
	switch t := strings.ToLower(rec[2]); t {
	case "":
		e.Kind = KindEntity
	case KindIndividual, KindVessel, KindAircraft:
		e.Kind = t
	default:
		return Entry{}, f.rowError(line, "SDN_Type", rec[2], "unknown SDN type (want individual, vessel, aircraft or -0- for an entity)", raw)
	}
	e.Programs = splitPrograms(rec[3])
	return e, nil
}

// programSep separates programs in the Program column: "SDGT] [FTO".
var programSep = regexp.MustCompile(`\]\s*\[`)

// splitPrograms splits OFAC's Program column: "SDGT] [FTO", "[SDGT]",
// "SDGT".
func splitPrograms(s string) []string {
	var out []string
	for _, p := range programSep.Split(s, -1) {
		p = strings.TrimSpace(strings.Trim(strings.TrimSpace(p), "[]"))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// eachRecord calls fn with every record of f and its valid ent_num.
func eachRecord(f *csvFile, fn func(ent string, rec []string, raw string)) error {
	for {
		rec, line, raw, err := f.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		ent, err := f.entNum(rec, line, raw)
		if err != nil {
			return err
		}
		fn(ent, rec, raw)
	}
}

// eachAlias calls fn with every alias of an alt.csv file.
func eachAlias(f *csvFile, fn func(ent string, a Alias, raw string)) error {
	for {
		rec, line, raw, err := f.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		ent, err := f.entNum(rec, line, raw)
		if err != nil {
			return err
		}
		t, ok := aliasType(rec[2])
		if !ok {
			return f.rowError(line, "alt_type", rec[2], "unknown alias type (want aka, fka or nka)", raw)
		}
		if rec[3] == "" {
			continue // nothing to record
		}
		fn(ent, Alias{Name: rec[3], Type: t, Quality: QualityStrong}, raw)
	}
}

// ParseOFACAliases reads an OFAC alt.csv file alone (newer releases of the
// alias and address files can be used with an older sdn.csv, or without
// one) and returns the aliases of each ent_num, in file order, all of
// quality QualityStrong. A malformed record gives a *dossier.RowError.
func ParseOFACAliases(alt io.Reader) (map[string][]Alias, error) {
	out := map[string][]Alias{}
	f := newCSV("alt.csv", altLayout, 5, -1, alt)
	err := eachAlias(f, func(ent string, a Alias, _ string) {
		out[ent] = append(out[ent], a)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// OFAC file names ReadOFACDir looks for, by role, in order of preference.
var ofacNames = struct{ sdn, alt, add, comments []string }{
	sdn:      []string{"sdn.csv", "SDN.CSV", "cons_prim.csv", "CONS_PRIM.CSV"},
	alt:      []string{"alt.csv", "ALT.CSV", "cons_alt.csv", "CONS_ALT.CSV"},
	add:      []string{"add.csv", "ADD.CSV", "cons_add.csv", "CONS_ADD.CSV"},
	comments: []string{"sdn_comments.csv", "SDN_COMMENTS.CSV", "cons_comments.csv", "CONS_COMMENTS.CSV"},
}

// ReadOFACDir parses the OFAC legacy CSV files in dir: sdn.csv and, when
// present, alt.csv, add.csv and sdn_comments.csv (or the consolidated
// list's cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv).
// Errors are those of ParseOFAC, with RowError.File set to the file's path;
// a directory without sdn.csv gives a *dossier.Error with code
// dossier.ENotFound.
func ReadOFACDir(dir string) ([]Entry, error) {
	open := func(names []string) (*os.File, error) {
		for _, n := range names {
			f, err := os.Open(filepath.Join(dir, n))
			if err == nil {
				return f, nil
			}
			if !errors.Is(err, os.ErrNotExist) {
				return nil, &dossier.Error{Code: dossier.EInvalid, Message: "OFAC list: cannot open " + filepath.Join(dir, n), Hint: "check the file's permissions", Err: err}
			}
		}
		return nil, nil
	}
	var files OFACFiles
	paths := map[string]string{}
	var toClose []*os.File
	defer func() {
		for _, f := range toClose {
			f.Close()
		}
	}()
	for _, role := range []struct {
		names []string
		name  string
		set   func(io.Reader)
	}{
		{ofacNames.sdn, "sdn.csv", func(r io.Reader) { files.SDN = r }},
		{ofacNames.alt, "alt.csv", func(r io.Reader) { files.Alt = r }},
		{ofacNames.add, "add.csv", func(r io.Reader) { files.Add = r }},
		{ofacNames.comments, "sdn_comments.csv", func(r io.Reader) { files.Comments = r }},
	} {
		f, err := open(role.names)
		if err != nil {
			return nil, err
		}
		if f != nil {
			toClose = append(toClose, f)
			role.set(f)
			paths[role.name] = f.Name()
		}
	}
	if files.SDN == nil {
		return nil, &dossier.Error{
			Code:    dossier.ENotFound,
			Message: "OFAC list: no sdn.csv (or cons_prim.csv) in " + dir,
			Hint:    "download sdn.csv, alt.csv, add.csv and sdn_comments.csv from OFAC into one directory; for alias files alone use ParseOFACAliases",
		}
	}
	entries, err := ParseOFAC(files)
	var re *dossier.RowError
	if errors.As(err, &re) {
		if p, ok := paths[re.File]; ok {
			re.File = p
		}
	}
	return entries, err
}

// remarks is what parseRemarks finds in OFAC remarks.
type remarks struct {
	aliases       []Alias  // quoted, weak aliases
	links         []string // Linked To names, as written
	nationalities []string // nationality and citizenship countries, as written
}

// parseRemarks reads the "; "-separated statements of OFAC remarks:
// "a.k.a. 'BNC'", "f.k.a. 'X'", "Linked To: NAME", "nationality Syria",
// "citizen Mexico" (also with "alt."). The closing full stop of the
// remarks is dropped, except after a Linked To name, where it may belong
// to the name ("S.A.") and resolveOFACLinks decides.
func parseRemarks(s string) remarks {
	var r remarks
	parts := strings.Split(s, ";")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		last := i == len(parts)-1
		lower := strings.ToLower(p)
		lower, p = trimAlt(lower, p)
		switch {
		case strings.HasPrefix(lower, "linked to:"):
			if n := strings.TrimSpace(p[len("linked to:"):]); n != "" {
				r.links = append(r.links, n)
			}
		case strings.HasPrefix(lower, "nationality "), strings.HasPrefix(lower, "citizen "):
			_, c, _ := strings.Cut(p, " ")
			if last {
				c = strings.TrimSuffix(c, ".")
			}
			if c = strings.TrimSpace(c); c != "" {
				r.nationalities = append(r.nationalities, c)
			}
		default:
			if t, name, ok := remarkAlias(p, last); ok {
				r.aliases = append(r.aliases, Alias{Name: name, Type: t, Quality: QualityWeak})
			}
		}
	}
	return r
}

// trimAlt drops the "alt. " OFAC writes before a second nationality.
func trimAlt(lower, p string) (string, string) {
	if strings.HasPrefix(lower, "alt. ") {
		return lower[5:], strings.TrimSpace(p[5:])
	}
	return lower, p
}

// remarkAlias matches "a.k.a. 'NAME'" (also f.k.a., n.k.a.; with or
// without the dots) and returns the type and the name without its outer
// quotes.
var remarkAliasRE = regexp.MustCompile(`(?i)^([afn])\.?\s?k\.?\s?a\.?,?\s+(.+)$`)

func remarkAlias(p string, last bool) (string, string, bool) {
	m := remarkAliasRE.FindStringSubmatch(p)
	if m == nil {
		return "", "", false
	}
	t, _ := aliasType(m[1] + "ka")
	name := strings.TrimSpace(m[2])
	if last && strings.HasSuffix(name, "'.") {
		name = strings.TrimSuffix(name, ".")
	}
	if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
		name = name[1 : len(name)-1]
	} else if last {
		name = strings.TrimSuffix(name, ".")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", "", false
	}
	return t, name, true
}

// resolveOFACLinks settles each Linked To name. It looks the name up,
// with and without a closing full stop, among the entries' primary names
// (exactly, then regardless of case), then among their strong aliases. When
// it names one entry, or several of which only one shares a program with
// the linking entry, the link gets that entry's ent_num and primary name;
// when it names several, it keeps the name without a reference; otherwise
// it keeps the name as written, without the remarks' closing full stop
// unless that ends an abbreviation ("S.A.", "CO.").
func resolveOFACLinks(entries []Entry) {
	exact := map[string][]int{}
	folded := map[string][]int{}
	alias := map[string][]int{}
	for i, e := range entries {
		exact[e.Name] = append(exact[e.Name], i)
		k := strings.ToLower(e.Name)
		folded[k] = append(folded[k], i)
		for _, a := range e.Aliases {
			if a.Quality == QualityStrong {
				alias[strings.ToLower(a.Name)] = append(alias[strings.ToLower(a.Name)], i)
			}
		}
	}
	lookups := []func(string) []int{
		func(n string) []int { return exact[n] },
		func(n string) []int { return folded[strings.ToLower(n)] },
		func(n string) []int { return alias[strings.ToLower(n)] },
	}
	for i := range entries {
		for j := range entries[i].LinkedTo {
			l := &entries[i].LinkedTo[j]
			cands := []string{l.Name}
			if s, ok := strings.CutSuffix(l.Name, "."); ok {
				cands = append(cands, s)
			}
			var idx []int
			var written string
		search:
			for _, look := range lookups {
				for _, c := range cands {
					if idx = look(c); len(idx) > 0 {
						written = c
						break search
					}
				}
			}
			switch {
			case len(idx) == 0:
				l.Name = trimSentenceStop(l.Name)
			case len(idx) > 1:
				if k, ok := sharesProgram(entries, i, idx); ok {
					l.Reference, l.Name = entries[k].Reference, entries[k].Name
				} else {
					l.Name = written
				}
			case idx[0] != i:
				l.Reference, l.Name = entries[idx[0]].Reference, entries[idx[0]].Name
			default:
				l.Name = written
			}
		}
		entries[i].LinkedTo = uniqueLinks(entries[i].LinkedTo)
	}
}

// sharesProgram returns the only candidate (an index of entries) that has
// a program of entries[i].
func sharesProgram(entries []Entry, i int, cands []int) (int, bool) {
	found, n := 0, 0
	for _, k := range cands {
		if k == i {
			continue
		}
		if overlap(entries[i].Programs, entries[k].Programs) {
			found, n = k, n+1
		}
	}
	return found, n == 1
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// uniqueLinks drops repeated links, keeping the first.
func uniqueLinks(links []Link) []Link {
	out := links[:0]
	for _, l := range links {
		dup := false
		for _, m := range out {
			if m == l {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out
}

// abbreviations end with a full stop that belongs to the name.
var abbreviations = map[string]bool{
	"CO": true, "LTD": true, "INC": true, "CORP": true, "JR": true, "SR": true,
	"LTDA": true, "CIA": true, "BHD": true, "PTE": true, "PVT": true, "ST": true,
	"CA": true, "SA": true, "AG": true, "LLC": true, "PLC": true, "NV": true, "BV": true,
}

// trimSentenceStop drops a closing full stop from name unless its last
// word is an abbreviation ("S.A.", "CO.").
func trimSentenceStop(name string) string {
	s, ok := strings.CutSuffix(name, ".")
	if !ok {
		return name
	}
	last := s[strings.LastIndexAny(s, " ,")+1:]
	if strings.Contains(last, ".") || abbreviations[strings.ToUpper(last)] {
		return name
	}
	return strings.TrimSpace(s)
}
