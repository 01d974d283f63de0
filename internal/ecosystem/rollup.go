package ecosystem

// RollUp says whose work an organisation question counts: the
// organisation's own, or that of the group it belongs to through unit
// links (UNIT_OF).
type RollUp string

// The roll-ups.
const (
	// RollUpNone counts the organisation's own work only.
	RollUpNone RollUp = "NONE"
	// RollUpUnits counts the organisation with the work of its units,
	// transitively (Stiftelsen SINTEF with its companies).
	RollUpUnits RollUp = "UNITS"
	// RollUpLegalEntity answers for a unit that signs no contracts itself
	// through its legal entity (a faculty through its university), and
	// counts the legal entity with the work of all its units.
	RollUpLegalEntity RollUp = "LEGAL_ENTITY"
)

// DefaultRollUp is the roll-up of an organisation question that names
// none: the hub's partners include units (a cancer centre, faculties)
// whose projects their legal entities hold.
const DefaultRollUp = RollUpLegalEntity

// RollUpOrDefault returns r, or DefaultRollUp when r is nil.
func RollUpOrDefault(r *RollUp) RollUp {
	if r == nil {
		return DefaultRollUp
	}
	return *r
}

// SignsContracts reports whether an organisation is a legal entity that
// can sign a contract itself: it has an identifier a contract names (an
// organisation number, a PIC or a VAT number). A faculty or a centre
// without one acts through the organisation it is a unit of.
func (o *Organisation) SignsContracts() bool {
	has := func(s *string) bool { return s != nil && *s != "" }
	return has(o.OrgNumber) || has(o.PIC) || has(o.VAT)
}
