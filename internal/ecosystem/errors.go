package ecosystem

import (
	"errors"
	"fmt"
)

// Code classifies an error for the API edge. The values are the
// extensions.code strings the GraphQL contract names.
type Code string

// The error codes of the contract.
const (
	CodeBadUserInput    Code = "BAD_USER_INPUT"
	CodeNotFound        Code = "NOT_FOUND"
	CodeConflict        Code = "CONFLICT"
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	CodeForbidden       Code = "FORBIDDEN"
	CodeInternal        Code = "INTERNAL"
	// CodeUnavailable says the store cannot take the request now (its
	// server is down, its disk read-only or full): nothing was written,
	// and the same request may succeed later.
	CodeUnavailable Code = "UNAVAILABLE"
	// CodeOutcomeUnknown says a write was sent but the connection was lost
	// while it committed, so it may or may not have been saved: read back
	// (the version) before retrying, or retry a write that is idempotent
	// (one with expectedVersion, or an upsert that sets every field).
	CodeOutcomeUnknown Code = "OUTCOME_UNKNOWN"
)

// Error is a domain error: a code, a message safe to show to a user, and
// optionally the input path (such as "input.name") it concerns.
type Error struct {
	Code    Code
	Message string
	Field   string
}

// Error returns the message, prefixed with the field when there is one.
func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns a BAD_USER_INPUT error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: CodeBadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// CodeInternal for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ValidationErrors collects every problem found in one input so that a
// caller is told all of them at once. It is itself an error whose code is
// BAD_USER_INPUT.
type ValidationErrors []*Error

// Error joins the messages of all problems.
func (v ValidationErrors) Error() string {
	if len(v) == 1 {
		return v[0].Error()
	}
	msg := fmt.Sprintf("%d problems: ", len(v))
	for i, e := range v {
		if i > 0 {
			msg += "; "
		}
		msg += e.Error()
	}
	return msg
}

// As lets errors.As find the first problem as an *Error, so ErrorCode sees
// BAD_USER_INPUT.
func (v ValidationErrors) As(target any) bool {
	if t, ok := target.(**Error); ok && len(v) > 0 {
		*t = v[0]
		return true
	}
	return false
}

// Add records a problem with one field.
func (v *ValidationErrors) Add(field, format string, args ...any) {
	*v = append(*v, FieldError(field, format, args...))
}

// Err returns v as an error, or nil when it holds no problems.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}
