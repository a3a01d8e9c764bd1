package ingest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dossier"
)

// rejectsFile collects the rows an import set aside: NAME.rejects.EXT holds
// them verbatim (after the file's header), so they can be fixed and
// imported again; NAME.rejects.EXT.txt says why each was rejected.
type rejectsFile struct {
	path    string
	rows    *os.File
	reasons *os.File
	rw, ew  *bufio.Writer
}

func createRejects(dir, name, headerLine string) (*rejectsFile, error) {
	if dir == "" {
		dir = "."
	}
	ext := filepath.Ext(name)
	path := filepath.Join(dir, strings.TrimSuffix(name, ext)+".rejects"+rejectsExt(ext))
	rows, err := os.Create(path)
	if err != nil {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("cannot write rejects file %s", path), Hint: "run from a writable directory or pass --rejects-dir", Err: err}
	}
	reasons, err := os.Create(path + ".txt")
	if err != nil {
		rows.Close()
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("cannot write %s.txt", path), Hint: "run from a writable directory or pass --rejects-dir", Err: err}
	}
	f := &rejectsFile{path: path, rows: rows, reasons: reasons, rw: bufio.NewWriter(rows), ew: bufio.NewWriter(reasons)}
	if headerLine != "" {
		f.rw.WriteString(headerLine)
		f.rw.WriteString("\n")
	}
	return f, nil
}

// rejectsExt keeps text extensions and writes XLSX rows as CSV.
func rejectsExt(ext string) string {
	switch strings.ToLower(ext) {
	case ".xlsx", ".xls", "":
		return ".csv"
	}
	return ext
}

func (f *rejectsFile) add(re *dossier.RowError) error {
	f.rw.WriteString(re.Raw)
	f.rw.WriteString("\n")
	_, err := fmt.Fprintln(f.ew, re.Error())
	return err
}

func (f *rejectsFile) close() error {
	err1 := f.rw.Flush()
	err2 := f.ew.Flush()
	err3 := f.rows.Close()
	err4 := f.reasons.Close()
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return fmt.Errorf("write rejects file %s: %w", f.path, err)
		}
	}
	return nil
}
