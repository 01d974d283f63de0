package ecosystem

import "time"

// Date is a calendar date written YYYY-MM-DD. Dates in that form compare
// correctly as strings, which every store relies on.
type Date string

// DateLayout is the layout of a Date for time.Parse.
const DateLayout = "2006-01-02"

// ParseDate checks s and returns it as a Date, or a BAD_USER_INPUT error.
func ParseDate(s string) (Date, error) {
	if _, err := time.Parse(DateLayout, s); err != nil {
		return "", Errorf(CodeBadUserInput, "%q is not a date of the form YYYY-MM-DD", s)
	}
	return Date(s), nil
}

// DateOf returns the calendar date of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// Valid reports whether d is a real date in the YYYY-MM-DD form.
func (d Date) Valid() bool {
	_, err := time.Parse(DateLayout, string(d))
	return err == nil
}
