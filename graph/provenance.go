package graph

import "github.com/cancermissionhub/hubgraph/internal/analytics"

// chosen returns a facts argument, or all facts when it is absent.
func chosen(f *analytics.Facts) analytics.Facts {
	if f == nil {
		return analytics.AllFacts
	}
	return *f
}

// nonEmpty returns s, or nil when it is empty: the API says null where
// the domain leaves a text empty.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
