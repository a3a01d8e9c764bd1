package main

import (
	"fmt"
	"html"
	"io"
	"strings"
	"text/tabwriter"
)

// docWriter writes a report as plain text, Markdown or a standalone HTML
// page: the report says what to write, the writer how.
type docWriter interface {
	title(s string)
	section(s string)
	para(s string)
	field(label, value string)
	list(items []string)
	table(head []string, rows [][]string)
	end() error
}

func newDocWriter(w io.Writer, format string) docWriter {
	switch format {
	case "md":
		return &mdDoc{w: w}
	case "html":
		return &htmlDoc{w: w}
	}
	return &textDoc{w: w}
}

// textDoc is for a terminal: aligned tables, no markup.
type textDoc struct{ w io.Writer }

func (d *textDoc) title(s string) {
	fmt.Fprintf(d.w, "%s\n%s\n", s, strings.Repeat("=", len([]rune(s))))
}
func (d *textDoc) section(s string) {
	fmt.Fprintf(d.w, "\n%s\n%s\n", s, strings.Repeat("-", len([]rune(s))))
}
func (d *textDoc) para(s string)             { fmt.Fprintln(d.w, wrap(s, 78)) }
func (d *textDoc) field(label, value string) { fmt.Fprintf(d.w, "%-14s %s\n", label+":", value) }
func (d *textDoc) list(items []string) {
	for _, it := range items {
		fmt.Fprintf(d.w, "  - %s\n", strings.ReplaceAll(wrap(it, 74), "\n", "\n    "))
	}
}
func (d *textDoc) table(head []string, rows [][]string) {
	tw := tabwriter.NewWriter(d.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  "+strings.Join(head, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, "  "+strings.Join(r, "\t"))
	}
	tw.Flush()
}
func (d *textDoc) end() error { return nil }

// mdDoc writes Markdown (GitHub flavour).
type mdDoc struct{ w io.Writer }

func (d *mdDoc) title(s string)   { fmt.Fprintf(d.w, "# %s\n\n", mdEscape(s)) }
func (d *mdDoc) section(s string) { fmt.Fprintf(d.w, "\n## %s\n\n", mdEscape(s)) }
func (d *mdDoc) para(s string)    { fmt.Fprintf(d.w, "%s\n\n", mdEscape(s)) }
func (d *mdDoc) field(label, value string) {
	fmt.Fprintf(d.w, "- **%s:** %s\n", mdEscape(label), mdEscape(value))
}
func (d *mdDoc) list(items []string) {
	for _, it := range items {
		fmt.Fprintf(d.w, "- %s\n", mdEscape(it))
	}
	fmt.Fprintln(d.w)
}
func (d *mdDoc) table(head []string, rows [][]string) {
	cell := func(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }
	cells := func(r []string) string {
		out := make([]string, len(r))
		for i, c := range r {
			out[i] = cell(c)
		}
		return "| " + strings.Join(out, " | ") + " |"
	}
	fmt.Fprintf(d.w, "\n%s\n|%s\n", cells(head), strings.Repeat(" --- |", len(head)))
	for _, r := range rows {
		fmt.Fprintln(d.w, cells(r))
	}
	fmt.Fprintln(d.w)
}
func (d *mdDoc) end() error { return nil }

// mdEscape keeps provider text from being read as Markdown or HTML.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}

// htmlDoc writes one standalone HTML page; every text is escaped.
type htmlDoc struct {
	w      io.Writer
	titled bool
	inList bool
}

func (d *htmlDoc) title(s string) {
	fmt.Fprintf(d.w, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}h2{border-bottom:2px solid #333;margin-top:2rem}dt{font-weight:600;float:left;width:9rem;clear:left}dd{margin-left:10rem}</style>
</head><body>
<h1>%s</h1>
`, html.EscapeString(s), html.EscapeString(s))
	d.titled = true
}
func (d *htmlDoc) section(s string) {
	d.closeList()
	fmt.Fprintf(d.w, "<h2>%s</h2>\n", html.EscapeString(s))
}
func (d *htmlDoc) para(s string) {
	d.closeList()
	fmt.Fprintf(d.w, "<p>%s</p>\n", html.EscapeString(s))
}
func (d *htmlDoc) field(label, value string) {
	if !d.inList {
		fmt.Fprintln(d.w, "<dl>")
		d.inList = true
	}
	fmt.Fprintf(d.w, "<dt>%s</dt><dd>%s</dd>\n", html.EscapeString(label), html.EscapeString(value))
}
func (d *htmlDoc) closeList() {
	if d.inList {
		fmt.Fprintln(d.w, "</dl>")
		d.inList = false
	}
}
func (d *htmlDoc) list(items []string) {
	d.closeList()
	fmt.Fprintln(d.w, "<ul>")
	for _, it := range items {
		fmt.Fprintf(d.w, "<li>%s</li>\n", html.EscapeString(it))
	}
	fmt.Fprintln(d.w, "</ul>")
}
func (d *htmlDoc) table(head []string, rows [][]string) {
	d.closeList()
	fmt.Fprint(d.w, "<table><thead><tr>")
	for _, h := range head {
		fmt.Fprintf(d.w, "<th>%s</th>", html.EscapeString(h))
	}
	fmt.Fprintln(d.w, "</tr></thead><tbody>")
	for _, r := range rows {
		fmt.Fprint(d.w, "<tr>")
		for _, c := range r {
			fmt.Fprintf(d.w, "<td>%s</td>", html.EscapeString(c))
		}
		fmt.Fprintln(d.w, "</tr>")
	}
	fmt.Fprintln(d.w, "</tbody></table>")
}
func (d *htmlDoc) end() error {
	d.closeList()
	_, err := fmt.Fprintln(d.w, "</body></html>")
	return err
}
