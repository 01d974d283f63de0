// Package auth holds hubgraph's API tokens: each has a name and an access
// level, and is stored and compared only as a SHA-256 hash, in constant
// time. Requests carry a token as `Authorization: Bearer <token>`.
package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Access is what a token may do. Each level includes the ones before it.
type Access int

// The access levels.
const (
	Anonymous Access = iota
	Reader
	Editor
	Admin
)

var accessNames = map[string]Access{"reader": Reader, "editor": Editor, "admin": Admin}

// String returns the level's name.
func (a Access) String() string {
	for name, v := range accessNames {
		if v == a {
			return name
		}
	}
	return "anonymous"
}

// Token is a configured token: a name (recorded as the source of the
// edits made with it), an access level and the token's SHA-256 hash.
type Token struct {
	Name   string
	Access Access
	Hash   [sha256.Size]byte
}

// Tokens is the set of configured tokens.
type Tokens []Token

// HashToken returns the hex SHA-256 of a token, the form configuration
// holds (`hubgraph hash-token` prints it).
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ParseTokens reads tokens written as `name:access:sha256hex`, separated
// by commas or newlines; blank lines and lines starting with # are
// skipped. The error names the bad entry (never a hash).
func ParseTokens(spec string) (Tokens, error) {
	var out Tokens
	for i, entry := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == '\n' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" || strings.HasPrefix(entry, "#") {
			continue
		}
		parts := strings.Split(entry, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("token entry %d is not name:access:sha256hex", i+1)
		}
		access, ok := accessNames[parts[1]]
		if !ok {
			return nil, fmt.Errorf("token %s: access %s is not reader, editor or admin", shown(parts[0]), shown(parts[1]))
		}
		raw, err := hex.DecodeString(parts[2])
		if err != nil || len(raw) != sha256.Size {
			return nil, fmt.Errorf("token %s: the hash is not 64 hex digits of SHA-256", shown(parts[0]))
		}
		t := Token{Name: parts[0], Access: access}
		copy(t.Hash[:], raw)
		out = append(out, t)
	}
	return out, nil
}

// shown quotes a field of a token entry for an error, unless it is as
// long as a hash: fields written in the wrong order put the hash where a
// name or access belongs, and an error must never repeat a hash.
func shown(field string) string {
	if len(field) >= 2*sha256.Size {
		return fmt.Sprintf("(%d characters, not shown)", len(field))
	}
	return fmt.Sprintf("%q", field)
}

// Authenticate finds the token matching a presented secret. Every
// configured hash is compared, in constant time, so that timing says
// nothing about which one matched.
func (ts Tokens) Authenticate(secret string) (Identity, bool) {
	sum := sha256.Sum256([]byte(secret))
	var found Identity
	ok := false
	for _, t := range ts {
		if subtle.ConstantTimeCompare(sum[:], t.Hash[:]) == 1 {
			found, ok = Identity{Name: t.Name, Access: t.Access}, true
		}
	}
	return found, ok
}

// Identity is who a request acts as.
type Identity struct {
	Name   string
	Access Access
	// Invalid is set when the request presented a token that matched none.
	Invalid bool
}

type identityKey struct{}

// WithIdentity returns ctx carrying id.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// IdentityFrom returns the identity of the request ctx belongs to
// (Anonymous when none was set).
func IdentityFrom(ctx context.Context) Identity {
	id, _ := ctx.Value(identityKey{}).(Identity)
	return id
}

// Require returns the request's identity if it has at least the given
// access: UNAUTHENTICATED without a valid token, FORBIDDEN with a token
// of too low a level.
func Require(ctx context.Context, need Access) (Identity, error) {
	id := IdentityFrom(ctx)
	switch {
	case id.Invalid:
		return id, ecosystem.Errorf(ecosystem.CodeUnauthenticated, "the bearer token is not valid")
	case id.Access == Anonymous && need > Anonymous:
		return id, ecosystem.Errorf(ecosystem.CodeUnauthenticated, "this needs a bearer token (Authorization: Bearer <token>)")
	case id.Access < need:
		return id, ecosystem.Errorf(ecosystem.CodeForbidden, "the token %q is a %s token; this needs %s access", id.Name, id.Access, need)
	}
	return id, nil
}
