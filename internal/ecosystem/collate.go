package ecosystem

import (
	"encoding/hex"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

var (
	collatorMu sync.Mutex
	// Bokmål and Nynorsk share one collation in CLDR, but x/text applies
	// the tailoring (Æ Ø Å after Z) only for the "nn" tag; "no" and "nb"
	// fall back to the root order. The test pins the behaviour.
	collator = collate.New(language.MustParse("nn"), collate.IgnoreCase)
	keyBuf   collate.Buffer
)

// SortKey returns a string whose byte order is the Norwegian collation
// order of s, case-insensitively (Æ, Ø and Å after Z; é with e). Every
// store orders names by this key and then by id, so that all of them
// agree on the order and a cursor can hold the key.
func SortKey(s string) string {
	collatorMu.Lock()
	defer collatorMu.Unlock()
	k := collator.KeyFromString(&keyBuf, s)
	out := hex.EncodeToString(k)
	keyBuf.Reset()
	return out
}
