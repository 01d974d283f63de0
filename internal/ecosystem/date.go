package ecosystem

import (
	"fmt"
	"regexp"
	"time"
)

// Date is a calendar date at the precision its source gives: a day
// (YYYY-MM-DD), a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY).
// Day, month and year are ISO 8601 with reduced precision; a quarter is
// written as people write it, "2024-Q3". A document's "Mars 2018" is
// 2018-03, not 2018-03-01: a date never claims more than its source.
//
// A date of reduced precision stands for the days of its period, and
// dates compare as periods (see Before and After): one date is before
// another only when the whole of it is, so a call whose deadline is
// 2024-03 is open until the end of March, and an event dated 2018-03 is
// in a window from 2018-03-15. Days compare as days.
type Date string

// DatePrecision is how much of a date its source gives.
type DatePrecision string

// The precisions.
const (
	PrecisionDay     DatePrecision = "DAY"
	PrecisionMonth   DatePrecision = "MONTH"
	PrecisionQuarter DatePrecision = "QUARTER"
	PrecisionYear    DatePrecision = "YEAR"
)

// DateLayout is the layout of a day for time.Parse.
const DateLayout = "2006-01-02"

// DateForms names the forms of a Date in errors.
const DateForms = "YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY"

var (
	yearForm    = regexp.MustCompile(`^[0-9]{4}$`)
	monthForm   = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
	quarterForm = regexp.MustCompile(`^[0-9]{4}-Q[1-4]$`)
)

// ParseDate checks s and returns it as a Date, or a BAD_USER_INPUT error.
func ParseDate(s string) (Date, error) {
	if !Date(s).Valid() {
		return "", Errorf(CodeBadUserInput, "%q is not a date of the form %s", s, DateForms)
	}
	return Date(s), nil
}

// DateOf returns the calendar date of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// Valid reports whether d is a real date in one of the forms.
func (d Date) Valid() bool { return d.Precision() != "" }

// Precision returns how much of a date d gives, or "" when d is not a
// date.
func (d Date) Precision() DatePrecision {
	s := string(d)
	switch {
	case len(s) == len(DateLayout):
		if _, err := time.Parse(DateLayout, s); err == nil {
			return PrecisionDay
		}
	case monthForm.MatchString(s):
		return PrecisionMonth
	case quarterForm.MatchString(s):
		return PrecisionQuarter
	case yearForm.MatchString(s):
		return PrecisionYear
	}
	return ""
}

// First returns the first day of d's period (d itself for a day, and for
// an invalid date).
func (d Date) First() Date {
	first, _ := d.period()
	return first
}

// Last returns the last day of d's period (d itself for a day, and for an
// invalid date).
func (d Date) Last() Date {
	_, last := d.period()
	return last
}

func (d Date) period() (first, last Date) {
	s := string(d)
	month := func(year string, m int) time.Time {
		t, _ := time.Parse("2006-01", fmt.Sprintf("%s-%02d", year, m))
		return t
	}
	var from, to time.Time
	switch d.Precision() {
	case PrecisionMonth:
		from, _ = time.Parse("2006-01", s)
		to = from.AddDate(0, 1, 0)
	case PrecisionQuarter:
		q := int(s[6] - '0')
		from = month(s[:4], 3*q-2)
		to = from.AddDate(0, 3, 0)
	case PrecisionYear:
		from = month(s, 1)
		to = from.AddDate(1, 0, 0)
	default:
		return d, d
	}
	return DateOf(from), DateOf(to.AddDate(0, 0, -1))
}

// Before reports whether the whole of d is before the whole of o: d's
// last day is before o's first.
func (d Date) Before(o Date) bool { return d.Last() < o.First() }

// After reports whether the whole of d is after the whole of o: d's
// first day is after o's last.
func (d Date) After(o Date) bool { return d.First() > o.Last() }
