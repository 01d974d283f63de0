package ecosystem

import (
	"encoding/hex"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortKeyer is a collator with its key buffer; a collator is not safe
// for concurrent use, so each goroutine takes one from the pool rather
// than all waiting on one lock.
type sortKeyer struct {
	collator *collate.Collator
	buf      collate.Buffer
}

// Bokmål and Nynorsk share one collation in CLDR, but x/text applies the
// tailoring (Æ Ø Å after Z) only for the "nn" tag; "no" and "nb" fall
// back to the root order. The test pins the behaviour.
var sortKeyers = sync.Pool{New: func() any {
	return &sortKeyer{collator: collate.New(language.MustParse("nn"), collate.IgnoreCase)}
}}

// SortKey returns a string whose byte order is the Norwegian collation
// order of s, case-insensitively (Æ, Ø and Å after Z; é with e). Every
// store orders names by this key and then by id, so that all of them
// agree on the order and a cursor can hold the key.
func SortKey(s string) string {
	k := sortKeyers.Get().(*sortKeyer)
	out := hex.EncodeToString(k.collator.KeyFromString(&k.buf, s))
	k.buf.Reset()
	sortKeyers.Put(k)
	return out
}
