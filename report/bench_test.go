package report_test

import (
	"context"
	"os"
	"testing"

	"dossier/duckdb"
	"dossier/report"
)

// The benchmarks run against a large database named by DOSSIER_BENCH_DB
// (bench/report.sh builds one of 2 million events) and are skipped
// without it. DOSSIER_BENCH_GROUP names the group profiled (default
// iskp).
func benchDB(b *testing.B) *duckdb.DB {
	b.Helper()
	path := os.Getenv("DOSSIER_BENCH_DB")
	if path == "" {
		b.Skip("set DOSSIER_BENCH_DB to a large database (bench/report.sh builds one)")
	}
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	// Derive the facts once, outside the timings: an import does it.
	if err := db.RefreshFacts(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkProfile(b *testing.B) {
	db := benchDB(b)
	group := os.Getenv("DOSSIER_BENCH_GROUP")
	if group == "" {
		group = "iskp"
	}
	ctx := context.Background()
	var attacks int
	for b.Loop() {
		p, err := report.BuildProfile(ctx, db, group, report.Query{})
		if err != nil {
			b.Fatal(err)
		}
		attacks = p.Attacks
	}
	b.ReportMetric(float64(attacks), "attacks")
}

func BenchmarkRank(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := report.Rank(ctx, db, report.RankQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRankYear(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := report.Rank(ctx, db, report.RankQuery{Year: 2015, By: "deaths"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGTI(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := report.GTI(ctx, db, report.GTIQuery{Year: 2015}); err != nil {
			b.Fatal(err)
		}
	}
}
