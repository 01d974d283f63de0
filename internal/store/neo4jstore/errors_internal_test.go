package neo4jstore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// The driver's failures become the codes a client can act on: a
// connection lost while committing is OUTCOME_UNKNOWN (the write may have
// been saved), a server that cannot be reached or retries that ran out
// are UNAVAILABLE (nothing was written), a constraint is CONFLICT, and
// anything else stays INTERNAL.
func TestDriverErrorsMapToCodes(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code ecosystem.Code
	}{
		{"lost in commit", &neo4j.ConnectivityError{Inner: errors.New("Connection lost during commit: EOF")}, ecosystem.CodeOutcomeUnknown},
		{"refused", &neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7687: connect: connection refused")}, ecosystem.CodeUnavailable},
		{"retries ran out", fmt.Errorf("write: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout"}), ecosystem.CodeUnavailable},
		{"transient", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}, ecosystem.CodeUnavailable},
		{"constraint", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}, ecosystem.CodeConflict},
		{"syntax", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, ecosystem.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ecosystem.ErrorCode(mapError(tt.err)); got != tt.code {
				t.Errorf("code = %s, want %s (%v)", got, tt.code, mapError(tt.err))
			}
		})
	}
}
