package table_test

import (
	"os"
	"testing"

	"dossier/table"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		want   table.Kind
	}{
		{"empty", "", table.KindUnknown},
		{"white space only", " \r\n", table.KindUnknown},
		{"xlsx", "PK\x03\x04\x14\x00\x06\x00", table.KindXLSX},
		{"xls or encrypted", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", table.KindXLS},
		{"csv", "eventid,iyear,imonth\n1,2,3\n", table.KindCSV},
		{"csv with BOM", "\xEF\xBB\xBFid,name\n", table.KindCSV},
		{"csv with tabs inside quotes", "a,\"b\tc\td\",e\n", table.KindCSV},
		{"csv, Windows-1252", "city,note\nSa\xe9o,caf\xe9\n", table.KindCSV},
		{"single column", "name\nx\n", table.KindCSV},
		{"tsv", "a\tb\tc\n", table.KindTSV},
		{"gdelt-like tsv with commas in fields", "1\t20161013\tKabul, Kabol, Afghanistan\t3\n", table.KindTSV},
		{"utf-16 tsv", "\xFF\xFEa\x00\t\x00b\x00\n\x00", table.KindTSV},
		{"jsonl", "{\"id\": 1}\n{\"id\": 2}\n", table.KindJSONL},
		{"jsonl after blank", "\n  {\"id\": 1}", table.KindJSONL},
		{"xml", "<?xml version=\"1.0\"?><CONSOLIDATED_LIST>", table.KindXML},
		{"binary", "\x00\x01\x02\x03abc", table.KindUnknown},
		{"control characters", "\x01\x02\x03\x04\x05abc,def", table.KindUnknown},
	}
	for _, tt := range tests {
		if got := table.Sniff([]byte(tt.prefix)); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		k    table.Kind
		want string
	}{
		{table.KindUnknown, "unknown"}, {table.KindCSV, "csv"}, {table.KindTSV, "tsv"},
		{table.KindJSONL, "jsonl"}, {table.KindXML, "xml"}, {table.KindXLSX, "xlsx"}, {table.KindXLS, "xls"},
		{table.Kind(200), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", tt.k, got, tt.want)
		}
	}
}

// TestSniffReal sniffs the first 4 KB of the shared data files.
func TestSniffReal(t *testing.T) {
	tests := []struct {
		file string
		want table.Kind
	}{
		{gtdXLSX, table.KindXLSX},
		{gtdCSV, table.KindCSV},
		{"ucdp/ged_pakistan_hdx.csv", table.KindCSV},
		{"acled/acled_benin_current.csv", table.KindCSV},
		{"gdelt/20161013151500.export.CSV", table.KindTSV},
		{"sanctions/un/UN_consolidated.xml", table.KindXML},
		{"sanctions/ofac-2021/sdn.csv", table.KindCSV},
	}
	for _, tt := range tests {
		f, err := os.Open(needData(t, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4096)
		n, _ := f.Read(buf)
		f.Close()
		if got := table.Sniff(buf[:n]); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.file, got, tt.want)
		}
	}
}
