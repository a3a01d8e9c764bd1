package http_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	dossierhttp "dossier/http"
	"dossier/knowledge"
)

var ctx = context.Background()

// Hostile text: fixtures carry it in an event's summary, an actor's name
// and a note; no page may render it as markup.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileImg    = `<img src=x onerror=alert(2)>`
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func perp(name string) []dossier.Actor {
	return []dossier.Actor{{Name: name, Role: dossier.RolePerpetrator}}
}

// gtdHeader is the header of the fixture GTD file; its events' Raw rows
// have these columns.
var gtdHeader = []string{"eventid", "iyear", "imonth", "iday", "country_txt", "city", "gname", "nkill", "summary"}

// fixtureEvents are the events of the test store: IS-K attacks from three
// sources, a Taliban attack, and a hostile event.
type fixtureFile struct {
	file   dossier.ImportFile
	events []*dossier.Event
}

func fixtureEvents() []fixtureFile {
	gtdFile := dossier.ImportFile{Name: "gtd_fixture.csv", Path: "gtd_fixture.csv", Format: "gtd", Source: dossier.SourceGTD,
		Licence: dossier.LicenceGTD, SHA256: "g1", Size: 1, Header: gtdHeader, ImportedAt: day(2024, 1, 1)}
	acledFile := dossier.ImportFile{Name: "acled_fixture.csv", Path: "acled_fixture.csv", Format: "acled", Source: dossier.SourceACLED,
		Licence: dossier.LicenceACLED, SHA256: "a1", Size: 1, ImportedAt: day(2024, 1, 2)}
	lat, lon := 34.5553, 69.2075
	gtd := []*dossier.Event{
		{Source: dossier.SourceGTD, SourceID: "202108260001", Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Admin1: "Kabul", Place: "Kabul", Latitude: &lat, Longitude: &lon, GeoPrecision: "1",
			Type: dossier.TypeBombing, SourceType: "Bombing/Explosion", Actors: perp("Khorasan Chapter of the Islamic State"),
			TargetCategories: []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetMilitary},
			Fatalities:       dossier.Int(170), Injuries: dossier.Int(150), Suicide: dossier.Bool(true), Success: dossier.Bool(true),
			Summary: "Suicide bombing at Kabul airport.", Licence: dossier.LicenceGTD,
			Raw: `202108260001,2021,8,26,Afghanistan,Kabul,Khorasan Chapter of the Islamic State,170,"Suicide bombing at Kabul airport."`},
		{Source: dossier.SourceGTD, SourceID: "201908170031", Date: day(2019, 8, 17), DateEnd: day(2019, 8, 17), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Place: "Kabul", Latitude: &lat, Longitude: &lon,
			Type: dossier.TypeBombing, Actors: perp("Khorasan Chapter of the Islamic State"),
			TargetCategories: []dossier.TargetCategory{dossier.TargetCivilians},
			Fatalities:       dossier.Int(63), Injuries: dossier.Int(182), Suicide: dossier.Bool(true), Licence: dossier.LicenceGTD,
			Raw: `201908170031,2019,8,17,Afghanistan,Kabul,Khorasan Chapter of the Islamic State,63,Wedding hall bombing`},
		{Source: dossier.SourceGTD, SourceID: "201901150002", Date: day(2019, 1, 15), DateEnd: day(2019, 1, 15), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Place: "Kandahar",
			Type: dossier.TypeArmedAssault, Actors: perp("Taliban"),
			TargetCategories: []dossier.TargetCategory{dossier.TargetPolice},
			Fatalities:       dossier.Int(4), Injuries: nil, Licence: dossier.LicenceGTD,
			Raw: `201901150002,2019,1,15,Afghanistan,Kandahar,Taliban,4,Checkpoint attack`},
		{Source: dossier.SourceGTD, SourceID: "202001010001", Date: day(2020, 1, 1), DateEnd: day(2020, 1, 1), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Place: hostileImg,
			Type: dossier.TypeArmedAssault, Actors: perp(hostileImg),
			Fatalities: dossier.Int(1), Summary: "Hostile " + hostileScript + " and " + hostileImg, Licence: dossier.LicenceGTD,
			Details: map[string]string{"weaptype1_txt": hostileScript},
			Raw:     `202001010001,2020,1,1,Afghanistan,x,"` + hostileImg + `",1,"` + hostileScript + `"`},
	}
	acled := []*dossier.Event{
		{Source: dossier.SourceACLED, SourceID: "AFG1001", Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Place: "Kabul", Latitude: &lat, Longitude: &lon,
			Type: dossier.TypeBombing, SourceType: "Explosions/Remote violence", Actors: perp("Islamic State (Afghanistan)"),
			Fatalities: dossier.Int(183), Licence: dossier.LicenceACLED, Raw: "AFG1001,26 August 2021,…"},
		{Source: dossier.SourceACLED, SourceID: "PAK2001", Date: day(2022, 3, 4), DateEnd: day(2022, 3, 4), DatePrecision: dossier.PrecisionDay,
			Country: "PAK", CountryName: "Pakistan", Place: "Peshawar",
			Type: dossier.TypeBombing, Actors: perp("Islamic State Khorasan Province"),
			Fatalities: dossier.Int(63), Injuries: dossier.Int(196), Licence: dossier.LicenceACLED, Raw: "PAK2001,4 March 2022,…"},
	}
	return []fixtureFile{{gtdFile, gtd}, {acledFile, acled}}
}

// fixture is a server on a fixture store.
type fixture struct {
	t    *testing.T
	db   *duckdb.DB
	srv  *dossierhttp.Server
	ts   *httptest.Server
	path string
}

// newFixture opens a store in t.TempDir(), loads the starter knowledge
// base, imports the fixture events, resolves them, and serves it.
func newFixture(t *testing.T, cfg dossierhttp.Config) *fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dossier.duckdb")
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, ff := range fixtureEvents() {
		_, err := db.Import(ctx, ff.file, func(w dossier.EventWriter) error {
			for _, e := range ff.events {
				if err := w.Write(e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := knowledge.Resolve(ctx, db); err != nil {
		t.Fatal(err)
	}
	cfg.Store = db
	srv, err := dossierhttp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{t: t, db: db, srv: srv, ts: ts, path: path}
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   string
}

func (f *fixture) do(req *http.Request, client *http.Client) response {
	f.t.Helper()
	if client == nil {
		client = noRedirect(nil)
	}
	res, err := client.Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (f *fixture) get(path string) response {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.ts.URL+path, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.do(req, nil)
}

// getJSON gets path, checks it answered want with JSON, and decodes it.
func (f *fixture) getJSON(path string, want int, v any) response {
	f.t.Helper()
	r := f.get(path)
	if r.status != want {
		f.t.Fatalf("GET %s: status %d, want %d; body %s", path, r.status, want, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.t.Fatalf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(r.body), v); err != nil {
			f.t.Fatalf("GET %s: %v; body %s", path, err, r.body)
		}
	}
	return r
}

// noRedirect is a client that does not follow redirects, with jar.
func noRedirect(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func newJar(t *testing.T) http.CookieJar {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return jar
}

// errorBody is the JSON of an API error.
type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Hint    string            `json:"hint"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
