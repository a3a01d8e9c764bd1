// Package e2e holds the browser tests of the web UI: headless Chromium
// (Debian's chromium package, at /usr/bin/chromium) driven with chromedp
// against http/static's scripts on fixture pages, and against the real
// server on a store in a temporary directory.
//
// The tests skip when /usr/bin/chromium is absent, unless CI=true, where
// they fail (CI installs it). Screenshots go to $DOSSIER_ARTIFACTS, or to
// e2e/out by default.
package e2e
