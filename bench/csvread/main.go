// Command csvread reads CSV files with encoding/csv and nothing else: the
// baseline that import benchmarks are measured against.
package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	for _, path := range os.Args[1:] {
		start := time.Now()
		n, err := read(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "csvread:", err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%d records\t%.3f s\n", path, n, time.Since(start).Seconds())
	}
}

func read(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
