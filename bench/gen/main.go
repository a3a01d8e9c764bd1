// Command gen writes large synthetic files in the GTD and ACLED layouts for
// benchmarks: the providers' real headers with made-up, plausible values.
//
//	go run ./bench/gen -layout gtd -rows 200000 -o gtd.csv
//	go run ./bench/gen -layout gtd -rows 200000 -o gtd.xlsx
//	go run ./bench/gen -layout acled -rows 2000000 -o acled.csv
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dossier/table"
)

// gtdHeader is the 135-column header of GTD releases since 2017.
var gtdHeader = strings.Split("eventid,iyear,imonth,iday,approxdate,extended,resolution,country,country_txt,region,region_txt,provstate,city,latitude,longitude,specificity,vicinity,location,summary,crit1,crit2,crit3,doubtterr,alternative,alternative_txt,multiple,success,suicide,attacktype1,attacktype1_txt,attacktype2,attacktype2_txt,attacktype3,attacktype3_txt,targtype1,targtype1_txt,targsubtype1,targsubtype1_txt,corp1,target1,natlty1,natlty1_txt,targtype2,targtype2_txt,targsubtype2,targsubtype2_txt,corp2,target2,natlty2,natlty2_txt,targtype3,targtype3_txt,targsubtype3,targsubtype3_txt,corp3,target3,natlty3,natlty3_txt,gname,gsubname,gname2,gsubname2,gname3,gsubname3,motive,guncertain1,guncertain2,guncertain3,individual,nperps,nperpcap,claimed,claimmode,claimmode_txt,claim2,claimmode2,claimmode2_txt,claim3,claimmode3,claimmode3_txt,compclaim,weaptype1,weaptype1_txt,weapsubtype1,weapsubtype1_txt,weaptype2,weaptype2_txt,weapsubtype2,weapsubtype2_txt,weaptype3,weaptype3_txt,weapsubtype3,weapsubtype3_txt,weaptype4,weaptype4_txt,weapsubtype4,weapsubtype4_txt,weapdetail,nkill,nkillus,nkillter,nwound,nwoundus,nwoundte,property,propextent,propextent_txt,propvalue,propcomment,ishostkid,nhostkid,nhostkidus,nhours,ndays,divert,kidhijcountry,ransom,ransomamt,ransomamtus,ransompaid,ransompaidus,ransomnote,hostkidoutcome,hostkidoutcome_txt,nreleased,addnotes,scite1,scite2,scite3,dbsource,INT_LOG,INT_IDEO,INT_MISC,INT_ANY,related", ",")

// acledHeader is ACLED's current 31-column export header.
var acledHeader = strings.Split("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp", ",")

var (
	countries = []struct {
		name, region string
		gtd, iso     int
	}{
		{"Afghanistan", "South Asia", 4, 4}, {"Pakistan", "South Asia", 153, 586}, {"Iraq", "Middle East & North Africa", 95, 368},
		{"Nigeria", "Sub-Saharan Africa", 147, 566}, {"Somalia", "Sub-Saharan Africa", 182, 706}, {"Mali", "Sub-Saharan Africa", 128, 466},
		{"India", "South Asia", 92, 356}, {"Syria", "Middle East & North Africa", 200, 760}, {"Philippines", "Southeast Asia", 160, 608},
		{"Colombia", "South America", 45, 170},
	}
	groups = []string{
		"Taliban", "Islamic State of Iraq and the Levant (ISIL)", "Khorasan Chapter of the Islamic State", "Boko Haram",
		"Al-Shabaab", "Tehrik-i-Taliban Pakistan (TTP)", "Jamaat Nusrat al-Islam wal Muslimin (JNIM)", "New People's Army (NPA)",
		"Communist Party of India - Maoist (CPI-Maoist)", "National Liberation Army of Colombia (ELN)", "Unknown", "Baloch Liberation Army (BLA)",
	}
	attackTypes = []string{"Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking", "Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)", "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown"}
	targetTypes = []string{"Business", "Government (General)", "Police", "Military", "Abortion Related", "Airports & Aircraft", "Government (Diplomatic)", "Educational Institution", "Food or Water Supply", "Journalists & Media", "Maritime", "NGO", "Other", "Private Citizens & Property", "Religious Figures/Institutions", "Telecommunication", "Terrorists/Non-State Militia", "Tourists", "Transportation", "Unknown", "Utilities", "Violent Political Party"}
	words       = strings.Fields("the assailants attacked a checkpoint in district near village police officers civilians were killed and injured in the explosion no group claimed responsibility for incident however sources attributed the attack to militants an improvised explosive device detonated market convoy")
	acledTypes  = [][3]string{
		{"Political violence", "Battles", "Armed clash"}, {"Political violence", "Violence against civilians", "Attack"},
		{"Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"}, {"Political violence", "Explosions/Remote violence", "Air/drone strike"},
		{"Demonstrations", "Protests", "Peaceful protest"}, {"Demonstrations", "Riots", "Mob violence"}, {"Strategic developments", "Strategic developments", "Looting/property destruction"},
	}
)

func main() {
	layout := flag.String("layout", "gtd", "gtd or acled")
	rows := flag.Int("rows", 200000, "data rows")
	out := flag.String("o", "", "output file (.csv or .xlsx)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -o FILE is required")
		os.Exit(2)
	}
	g := &gen{r: rand.New(rand.NewPCG(*seed, 2))}
	header, row := gtdHeader, g.gtdRow
	if *layout == "acled" {
		header, row = acledHeader, g.acledRow
	}
	if err := write(*out, header, *rows, row); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(path string, header []string, n int, row func(i int) []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		err = table.WriteXLSX(bw, header, func(yield func([]string) bool) {
			for i := range n {
				if !yield(row(i)) {
					return
				}
			}
		})
	} else {
		w := csv.NewWriter(bw)
		w.Write(header)
		for i := range n {
			w.Write(row(i))
		}
		w.Flush()
		err = w.Error()
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

type gen struct{ r *rand.Rand }

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) text(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	return strings.Join(ws, " ")
}

func (g *gen) count() string {
	switch g.r.IntN(10) {
	case 0:
		return ""
	case 1:
		return "-99"
	}
	return strconv.Itoa(g.r.IntN(12))
}

func (g *gen) gtdRow(i int) []string {
	c := countries[g.r.IntN(len(countries))]
	year := 1970 + g.r.IntN(52)
	month := 1 + g.r.IntN(12)
	day := 1 + g.r.IntN(28)
	if g.r.IntN(50) == 0 {
		day = 0
	}
	at := 1 + g.r.IntN(len(attackTypes))
	tt := 1 + g.r.IntN(len(targetTypes))
	rec := make([]string, len(gtdHeader))
	for j, col := range gtdHeader {
		var v string
		switch col {
		case "eventid":
			v = fmt.Sprintf("%04d%02d%02d%06d", year, month, day, i) // unique: GTD ids are the date and a serial
		case "iyear":
			v = strconv.Itoa(year)
		case "imonth":
			v = strconv.Itoa(month)
		case "iday":
			v = strconv.Itoa(day)
		case "country":
			v = strconv.Itoa(c.gtd)
		case "country_txt":
			v = c.name
		case "region_txt":
			v = c.region
		case "provstate":
			v = "Province " + strconv.Itoa(g.r.IntN(30))
		case "city":
			v = "City " + strconv.Itoa(g.r.IntN(500))
		case "latitude":
			v = strconv.FormatFloat(-40+80*g.r.Float64(), 'f', 6, 64)
		case "longitude":
			v = strconv.FormatFloat(-170+340*g.r.Float64(), 'f', 6, 64)
		case "specificity":
			v = strconv.Itoa(1 + g.r.IntN(5))
		case "summary":
			v = fmt.Sprintf("%02d/%02d/%d: %s.", month, day, year, g.text(25+g.r.IntN(20)))
		case "crit1", "crit2", "crit3", "success", "vicinity", "multiple", "extended", "individual":
			v = strconv.Itoa(g.r.IntN(2))
		case "doubtterr", "claimed", "suicide":
			v = []string{"0", "0", "0", "1", "-9"}[g.r.IntN(5)]
		case "attacktype1":
			v = strconv.Itoa(at)
		case "attacktype1_txt":
			v = attackTypes[at-1]
		case "targtype1":
			v = strconv.Itoa(tt)
		case "targtype1_txt":
			v = targetTypes[tt-1]
		case "target1", "corp1":
			v = g.text(3)
		case "natlty1_txt":
			v = c.name
		case "gname":
			v = g.pick(groups)
		case "gname2":
			if g.r.IntN(20) == 0 {
				v = g.pick(groups)
			}
		case "guncertain1":
			v = strconv.Itoa(g.r.IntN(2))
		case "nkill", "nwound", "nkillter", "nwoundte":
			v = g.count()
		case "nkillus", "nwoundus":
			v = "0"
		case "nperps", "nperpcap":
			v = "-99"
		case "weaptype1_txt":
			v = "Explosives"
		case "weapdetail", "motive", "propcomment", "addnotes":
			if g.r.IntN(3) == 0 {
				v = g.text(12)
			}
		case "ishostkid":
			v = "0"
		case "scite1", "scite2":
			v = `"` + g.text(6) + `," News Agency, ` + time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC).Format("January 2, 2006") + "."
		case "dbsource":
			v = "START Primary Collection"
		case "INT_LOG", "INT_IDEO", "INT_MISC", "INT_ANY":
			v = "-9"
		}
		rec[j] = v
	}
	return rec
}

func (g *gen) acledRow(i int) []string {
	c := countries[g.r.IntN(len(countries))]
	t := acledTypes[g.r.IntN(len(acledTypes))]
	d := time.Date(1997+g.r.IntN(28), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	fat := strconv.Itoa(g.r.IntN(8))
	return []string{
		fmt.Sprintf("%s%d", strings.ToUpper(c.name[:3]), i+1), d.Format("2 January 2006"), strconv.Itoa(d.Year()),
		strconv.Itoa(1 + g.r.IntN(3)), t[0], t[1], t[2],
		g.pick(groups), "NA", strconv.Itoa(1 + g.r.IntN(8)), "Civilians (" + c.name + ")", "NA", "7", "17", "Civilian targeting",
		strconv.Itoa(c.iso), "Southern Asia", c.name, "Province " + strconv.Itoa(g.r.IntN(30)), "District " + strconv.Itoa(g.r.IntN(200)), "NA",
		"Town " + strconv.Itoa(g.r.IntN(3000)),
		strconv.FormatFloat(-40+80*g.r.Float64(), 'f', 4, 64), strconv.FormatFloat(-170+340*g.r.Float64(), 'f', 4, 64),
		strconv.Itoa(1 + g.r.IntN(3)), "Local Source; Reuters", "National-International",
		fmt.Sprintf("On %s, %s.", d.Format("2 January 2006"), g.text(20+g.r.IntN(25))), fat, "NA",
		strconv.FormatInt(1600000000+int64(g.r.IntN(100000000)), 10),
	}
}
