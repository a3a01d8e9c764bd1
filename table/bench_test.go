package table_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"strconv"
	"testing"

	"dossier/table"
)

// benchColumns is the width of the generated tables, that of GTD.
const benchColumns = 135

// benchHeader returns a header of benchColumns names.
func benchHeader() []string {
	h := make([]string, benchColumns)
	for i := range h {
		h[i] = "col" + strconv.Itoa(i)
	}
	return h
}

// gtdLikeRows yields n rows shaped like GTD's: an id, small integer codes,
// coordinates, repeated labels, a unique summary with commas and quotes,
// and about a third of the cells empty.
func gtdLikeRows(n int) iter.Seq[[]string] {
	labels := []string{"Bombing/Explosion", "Armed Assault", "Military", "Unknown",
		"Private Citizens & Property", "Police", "Khorasan Chapter of the Islamic State",
		"Islamic State of Iraq and the Levant (ISIL)", "Taliban", "Explosives", "Firearms"}
	return func(yield func([]string) bool) {
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range n {
			row := make([]string, benchColumns)
			row[0] = strconv.Itoa(202101010000 + i)
			for j := 1; j < benchColumns; j++ {
				switch k := rng.IntN(12); {
				case k < 4:
					// empty
				case k < 7:
					row[j] = strconv.Itoa(rng.IntN(200) - 99)
				case k < 8:
					row[j] = strconv.FormatFloat(rng.Float64()*180-90, 'f', 6, 64)
				case k < 11:
					row[j] = labels[rng.IntN(len(labels))]
				default:
					row[j] = ""
				}
			}
			row[18] = fmt.Sprintf("%d/01/2021: Assailants attacked a checkpoint in \"District %d\", killing %d, injuring %d.",
				i%28+1, i, rng.IntN(20), rng.IntN(40))
			if !yield(row) {
				return
			}
		}
	}
}

// benchCSV returns n generated rows as CSV text.
func benchCSV(n int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(benchHeader())
	for row := range gtdLikeRows(n) {
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

func BenchmarkCSV(b *testing.B) {
	data := benchCSV(20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := table.NewCSV(bytes.NewReader(data), table.CSVOptions{})
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 20001 {
			b.Fatalf("read %d records", n)
		}
	}
}

func BenchmarkPlainEncodingCSV(b *testing.B) {
	data := benchCSV(20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 20001 {
			b.Fatalf("read %d records", n)
		}
	}
}

// BenchmarkXLSX reads a generated sheet of 20,000 rows × 135 columns.
func BenchmarkXLSX(b *testing.B) {
	var buf bytes.Buffer
	if err := table.WriteXLSX(&buf, benchHeader(), gtdLikeRows(20000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		x, err := table.NewXLSX(bytes.NewReader(data), int64(len(data)), table.XLSXOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := x.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 20001 {
			b.Fatalf("read %d rows", n)
		}
		_, total := x.Progress()
		b.SetBytes(total)
		x.Close()
	}
	b.ReportMetric(float64(20001*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRealGTDXLSX reads the GTD XLSX of the shared data (4,961
// rows × 135 columns).
func BenchmarkRealGTDXLSX(b *testing.B) {
	path := needData(b, gtdXLSX)
	b.ReportAllocs()
	for b.Loop() {
		x, err := table.OpenXLSX(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := x.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		x.Close()
		if n != 4961 {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(4961*b.N)/b.Elapsed().Seconds(), "rows/s")
}
