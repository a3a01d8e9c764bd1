// Package table reads tabular provider files — CSV and other delimited
// text, and XLSX workbooks — one record at a time, giving each record's
// fields together with its raw text, so that an importer can keep every row
// verbatim and write rejected rows verbatim to a rejects file.
//
// Readers stream: memory stays bounded by the longest record (plus, for
// XLSX, the workbook's shared-string table), whatever the size of the file.
//
//   - NewCSV reads delimited text (GTD, ACLED and UCDP CSV, GDELT's
//     tab-separated exports) in UTF-8, Windows-1252 or UTF-16.
//   - OpenXLSX reads the first worksheet of an Excel workbook.
//   - Sniff tells the kinds apart from a file's first bytes.
//   - WriteXLSX writes a minimal workbook, for tests and benchmarks.
//
// Malformed records are reported as *dossier.RowError values, after which
// reading can go on; files that cannot be read at all give a
// *dossier.Error with code dossier.EInvalid.
package table
