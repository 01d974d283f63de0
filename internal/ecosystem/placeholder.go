package ecosystem

import "strings"

// placeholders are what registers write for "not known": the Research
// Council's file says "ukjent" where an organisation has no short name.
var placeholders = map[string]bool{"": true, "ukjent": true, "-": true, "n/a": true}

// Placeholder reports whether a register's value stands for absence
// ("ukjent", "Ukjent", "-", "N/A", blank). Imports never write one, and
// an import replaces or removes one it finds (see Prepare).
func Placeholder(s string) bool { return placeholders[strings.ToLower(strings.TrimSpace(s))] }
