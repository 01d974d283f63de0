// Package data holds the small data files the importer applies with
// every import: the group structure that neither the seed nor the
// imported files state (groups.csv; see README.md for where it comes
// from). The large external files beside it are read from disk, never
// embedded.
package data

import _ "embed"

// Groups is groups.csv: which organisation (by organisation number) is a
// unit of which, and where that is stated.
//
//go:embed groups.csv
var Groups []byte
