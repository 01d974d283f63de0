package seedtest

import (
	"path/filepath"
	"runtime"
)

// Where the source documents and the data files are in the repository
// (seed/documents and seed/data). They are found from the path of this
// file as the compiler saw it, so a test finds them whatever its working
// directory; a test binary built with -trimpath cannot.
var (
	// DocumentsDir holds the source documents (HubPage, NSCCArticle,
	// Slides), the files the dataset's sources name.
	DocumentsDir = filepath.Join(seedDir(), "documents")
	// DataDir holds the real external data files (RCNFile and its field
	// list).
	DataDir = filepath.Join(seedDir(), "data")
	// RCNFile is the Research Council's Horizon 2020 file,
	// rcn-eu-h2020.csv.
	RCNFile = filepath.Join(DataDir, "rcn-eu-h2020.csv")
)

// seedDir returns the seed package's directory, the parent of this one.
func seedDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("seedtest: no caller information to find the seed directory from")
	}
	return filepath.Dir(filepath.Dir(file))
}
