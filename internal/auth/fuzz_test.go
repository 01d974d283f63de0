package auth_test

import (
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/auth"
)

// FuzzTokens feeds outside text to the token list's parser and to
// Authenticate: neither panics, an error never quotes a hash, and a
// presented secret matches only the token whose hash it has.
func FuzzTokens(f *testing.F) {
	good := "ed:editor:" + auth.HashToken("secret")
	for _, seed := range []string{good, good + ",rd:reader:" + auth.HashToken("other"), "# comment\n" + good, "a:b:c", "x:editor:zz", ":::", "\n,\n", strings.Repeat(good+",", 50)} {
		f.Add(seed, "secret")
	}
	f.Fuzz(func(t *testing.T, spec, secret string) {
		tokens, err := auth.ParseTokens(spec)
		if err != nil {
			for _, word := range strings.FieldsFunc(spec, func(r rune) bool { return r == ':' || r == ',' || r == '\n' }) {
				if len(word) == 64 && strings.Contains(err.Error(), word) {
					t.Fatalf("the error quotes a hash: %v", err)
				}
			}
			return
		}
		id, ok := tokens.Authenticate(secret)
		if ok {
			hash := auth.HashToken(secret)
			matched := false
			for _, tok := range tokens {
				if tok.Name == id.Name && strings.Contains(strings.ToLower(spec), hash) {
					matched = true
				}
			}
			if !matched {
				t.Fatalf("secret %q authenticated as %q without its hash in %q", secret, id.Name, spec)
			}
		}
	})
}
