package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// pick follows a dotted path through decoded JSON: "a.b" reads a field,
// "a.2" an element, and "a[].b" collects b from every element of a.
func pick(v any, path string) any {
	if path == "" {
		return v
	}
	head, rest, _ := strings.Cut(path, ".")
	if name, ok := strings.CutSuffix(head, "[]"); ok {
		list, _ := pick(v, name).([]any)
		out := []any{}
		for _, x := range list {
			out = append(out, pick(x, rest))
		}
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		return pick(x[head], rest)
	case []any:
		if i, err := strconv.Atoi(head); err == nil && i < len(x) {
			return pick(x[i], rest)
		}
	}
	return nil
}

// checkPicks compares values at paths of a response with the wanted ones
// (compared as printed, so that 1 matches the JSON number 1).
func checkPicks(t *testing.T, data json.RawMessage, want map[string]any) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	for path, w := range want {
		if got := pick(v, path); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s = %v, want %v", path, got, w)
		}
	}
}

// graphState is the whole graph as JSON and its counts, to show that a
// refused mutation wrote nothing.
func graphState(t *testing.T, st ecosystem.Store) (snapshot, counts string) {
	t.Helper()
	s, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return string(b), fmt.Sprintf("nodes %d %v, relationships %d %v", stats.TotalNodes(), stats.Nodes, stats.TotalRelationships(), stats.Relationships)
}

// The mutation documents, each returning what the checks read.
const (
	mPerson = `mutation($in: PersonInput!, $v: Int) { upsertPerson(input: $in, expectedVersion: $v) {
	  person { id name version sources { kind reference } } } }`
	mProject = `mutation($in: ProjectInput!, $v: Int) { upsertProject(input: $in, expectedVersion: $v) {
	  project { id name status start end description version calls { id } programmes { id } pillars { id } sources { kind reference } } } }`
	mCall = `mutation($in: CallInput!, $v: Int) { upsertCall(input: $in, expectedVersion: $v) {
	  call { id title opens deadline budgetEur fundingRate version programme { id } pillars { id } requirements { kind count } sources { kind reference } } } }`
	mProgramme = `mutation($in: ProgrammeInput!, $v: Int) { upsertProgramme(input: $in, expectedVersion: $v) {
	  programme { id name budgetEur version funder { id } parent { id } pillars { id } sources { kind reference } } } }`
	mAssign = `mutation($in: RoleInput!, $v: Int) { assignRole(input: $in, expectedVersion: $v) {
	  role { id title status since until version people { id } organisation { id } body { id } sources { kind reference } } } }`
	mEnd = `mutation($id: ID!, $until: Date, $v: Int) { endRole(id: $id, until: $until, expectedVersion: $v) { role { id status until version } } }`
	mAdd = `mutation($in: ParticipationInput!) { addParticipation(input: $in) {
	  participation { role status contributionEur since until organisation { id } project { id } sources { kind reference } } } }`
	mRemove = `mutation($p: ID!, $o: ID!) { removeParticipation(projectId: $p, organisationId: $o) { deletedIds } }`
	mDelete = `mutation($id: ID!) { deleteNode(id: $id) { deletedIds } }`
	// partnersOf reads a project's partners back from the store.
	partnersOf = `query($id: ID!) { project(id: $id) { partners(first: 100) { edges { node {
	  organisation { id } role status contributionEur since } } } } }`
)

// writeCase is one mutation through the real handler: either it succeeds
// and want holds in its answer (and readWant in the answer of read), or
// it is refused with code (and field) and the graph is unchanged.
type writeCase struct {
	name     string
	token    string
	doc      string
	vars     map[string]any
	code     string
	field    string
	want     map[string]any
	read     string
	readVars map[string]any
	readWant map[string]any
}

// writeCases run in order on one store: each success sets up what later
// cases edit, and each refusal is tried against an entity it would change.
var writeCases = []writeCase{
	// upsertPerson.
	{name: "person created", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Åse Fjell"}},
		want: map[string]any{"upsertPerson.person.name": "Åse Fjell", "upsertPerson.person.version": 1,
			"upsertPerson.person.sources[].kind": []string{"EDITOR"}, "upsertPerson.person.sources[].reference": []string{"ed"}}},
	{name: "person renamed", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Åse Fjell-Hansen"}, "v": 1},
		want: map[string]any{"upsertPerson.person.name": "Åse Fjell-Hansen", "upsertPerson.person.version": 2}},
	{name: "person with an empty name", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": ""}},
		code: "BAD_USER_INPUT", field: "input.name"},
	{name: "person with a null name", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": nil}},
		code: "BAD_USER_INPUT", field: "input.name"},
	{name: "new person without a name", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-nameless"}},
		code: "BAD_USER_INPUT", field: "input.name"},
	{name: "person with a bad id", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "Åse Fjell", "name": "Åse"}},
		code: "BAD_USER_INPUT", field: "input.id"},
	{name: "person on an organisation's id", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "kreftforeningen", "name": "X"}},
		code: "CONFLICT"},
	{name: "person at a stale version", token: editorToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Stale"}, "v": 1},
		code: "CONFLICT"},
	{name: "person without a token", doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Anonymous"}},
		code: "UNAUTHENTICATED"},
	{name: "person with a wrong token", token: "not-a-token", doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Guess"}},
		code: "UNAUTHENTICATED"},
	{name: "person with a reader's token", token: readerToken, doc: mPerson, vars: map[string]any{"in": map[string]any{"id": "fx-person", "name": "Reader"}},
		code: "FORBIDDEN"},

	// upsertProject.
	{name: "project created", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "name": "Fjordpiloten",
		"status": "ONGOING", "start": "2024-01-01", "end": "2025-12-31", "calls": []string{"eu4health-mental-health-cancer-call"},
		"programmes": []string{"eu4health"}, "pillars": []string{"livskvalitet", "forebygging"}}},
		want: map[string]any{"upsertProject.project.status": "ONGOING", "upsertProject.project.version": 1, "upsertProject.project.start": "2024-01-01",
			"upsertProject.project.calls[].id": []string{"eu4health-mental-health-cancer-call"}, "upsertProject.project.programmes[].id": []string{"eu4health"},
			"upsertProject.project.pillars[].id": []string{"forebygging", "livskvalitet"}, "upsertProject.project.sources[].kind": []string{"EDITOR"}}},
	{name: "project patched", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "end": nil,
		"description": "Oppfølging hjemme.", "pillars": []string{"livskvalitet"}}, "v": 1},
		want: map[string]any{"upsertProject.project.name": "Fjordpiloten", "upsertProject.project.start": "2024-01-01", "upsertProject.project.end": nil,
			"upsertProject.project.description": "Oppfølging hjemme.", "upsertProject.project.version": 2,
			"upsertProject.project.calls[].id": []string{"eu4health-mental-health-cancer-call"}, "upsertProject.project.pillars[].id": []string{"livskvalitet"}}},
	{name: "project with an empty name", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "name": " "}},
		code: "BAD_USER_INPUT", field: "input.name"},
	{name: "project ending before it starts", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project-2",
		"name": "Baklengs", "status": "PROPOSAL", "start": "2025-01-01", "end": "2024-01-01"}},
		code: "BAD_USER_INPUT", field: "input.end"},
	{name: "project with a null status", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "status": nil}},
		code: "BAD_USER_INPUT", field: "input.status"},
	{name: "project responding to a missing call", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project",
		"calls": []string{"no-such-call"}}},
		code: "NOT_FOUND"},
	{name: "project at a stale version", token: editorToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "name": "Stale"}, "v": 1},
		code: "CONFLICT"},
	{name: "project without a token", doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "pillars": []string{}}},
		code: "UNAUTHENTICATED"},
	{name: "project with a reader's token", token: readerToken, doc: mProject, vars: map[string]any{"in": map[string]any{"id": "fx-project", "pillars": []string{}}},
		code: "FORBIDDEN"},

	// upsertCall.
	{name: "call created", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "title": "Nordisk overlevendeutlysning",
		"opens": "2026-01-15", "deadline": "2026-04-30", "budgetEur": 1e6, "fundingRate": 0.6, "programme": "eu4health", "pillars": []string{"livskvalitet"},
		"requirements": []map[string]any{{"description": "To land.", "kind": "MIN_COUNTRIES", "count": 2}}}},
		want: map[string]any{"upsertCall.call.version": 1, "upsertCall.call.opens": "2026-01-15", "upsertCall.call.budgetEur": 1e6,
			"upsertCall.call.programme.id": "eu4health", "upsertCall.call.pillars[].id": []string{"livskvalitet"},
			"upsertCall.call.requirements[].count": []int{2}, "upsertCall.call.sources[].reference": []string{"ed"}}},
	{name: "call patched", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "budgetEur": nil, "programme": "mission-on-cancer"}, "v": 1},
		want: map[string]any{"upsertCall.call.title": "Nordisk overlevendeutlysning", "upsertCall.call.budgetEur": nil, "upsertCall.call.fundingRate": 0.6,
			"upsertCall.call.programme.id": "mission-on-cancer", "upsertCall.call.version": 2, "upsertCall.call.requirements[].kind": []string{"MIN_COUNTRIES"}}},
	{name: "call with a funding rate above 1", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "fundingRate": 1.5}},
		code: "BAD_USER_INPUT", field: "input.fundingRate"},
	{name: "call with a negative budget", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "budgetEur": -1}},
		code: "BAD_USER_INPUT", field: "input.budgetEur"},
	{name: "call with a requirement of count 0", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call",
		"requirements": []map[string]any{{"description": "Ingen.", "kind": "MIN_ORGANISATIONS", "count": 0}}}},
		code: "BAD_USER_INPUT", field: "input.requirements[0].count"},
	{name: "new call without a title", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call-2", "deadline": "2026-01-01"}},
		code: "BAD_USER_INPUT", field: "input.title"},
	{name: "call in a missing programme", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "programme": "no-such-programme"}},
		code: "NOT_FOUND"},
	{name: "call at a stale version", token: editorToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "title": "Stale"}, "v": 1},
		code: "CONFLICT"},
	{name: "call without a token", doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "title": "Anonymous"}},
		code: "UNAUTHENTICATED"},
	{name: "call with a reader's token", token: readerToken, doc: mCall, vars: map[string]any{"in": map[string]any{"id": "fx-call", "title": "Reader"}},
		code: "FORBIDDEN"},

	// upsertProgramme.
	{name: "programme created", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "name": "Nordisk kreftprogram",
		"budgetEur": 1e7, "funder": "forskningsradet", "parent": "horizon-europe", "pillars": []string{"forebygging"}}},
		want: map[string]any{"upsertProgramme.programme.version": 1, "upsertProgramme.programme.funder.id": "forskningsradet",
			"upsertProgramme.programme.parent.id": "horizon-europe", "upsertProgramme.programme.pillars[].id": []string{"forebygging"}}},
	{name: "programme patched", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "funder": nil}, "v": 1},
		want: map[string]any{"upsertProgramme.programme.name": "Nordisk kreftprogram", "upsertProgramme.programme.funder": nil,
			"upsertProgramme.programme.parent.id": "horizon-europe", "upsertProgramme.programme.budgetEur": 1e7, "upsertProgramme.programme.version": 2}},
	{name: "programme with an empty name", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "name": ""}},
		code: "BAD_USER_INPUT", field: "input.name"},
	{name: "programme with a negative budget", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "budgetEur": -5}},
		code: "BAD_USER_INPUT", field: "input.budgetEur"},
	{name: "programme under a missing parent", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "parent": "no-such-programme"}},
		code: "NOT_FOUND"},
	{name: "programme at a stale version", token: editorToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "name": "Stale"}, "v": 1},
		code: "CONFLICT"},
	{name: "programme without a token", doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "name": "Anonymous"}},
		code: "UNAUTHENTICATED"},
	{name: "programme with a reader's token", token: readerToken, doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "fx-programme", "name": "Reader"}},
		code: "FORBIDDEN"},

	// assignRole.
	{name: "role assigned", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "title": "Styreleder",
		"people": []string{"fx-person"}, "organisation": "kreftforeningen", "since": "2025-01-01"}},
		want: map[string]any{"assignRole.role.status": "ACTIVE", "assignRole.role.version": 1, "assignRole.role.people[].id": []string{"fx-person"},
			"assignRole.role.organisation.id": "kreftforeningen", "assignRole.role.body": nil, "assignRole.role.since": "2025-01-01"}},
	{name: "role put on leave", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "status": "ON_LEAVE"}, "v": 1},
		want: map[string]any{"assignRole.role.status": "ON_LEAVE", "assignRole.role.title": "Styreleder", "assignRole.role.people[].id": []string{"fx-person"},
			"assignRole.role.organisation.id": "kreftforeningen", "assignRole.role.version": 2}},
	{name: "new role without a title", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role-2", "people": []string{"fx-person"}}},
		code: "BAD_USER_INPUT", field: "input.title"},
	{name: "role with an empty title", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "title": ""}},
		code: "BAD_USER_INPUT", field: "input.title"},
	{name: "role with a bad date", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "since": "2025-13-01"}},
		code: "BAD_USER_INPUT"},
	{name: "role held by a missing person", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "people": []string{"no-such-person"}}},
		code: "NOT_FOUND"},
	{name: "role at a stale version", token: editorToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "title": "Stale"}, "v": 1},
		code: "CONFLICT"},
	{name: "role without a token", doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "title": "Anonymous"}},
		code: "UNAUTHENTICATED"},
	{name: "role with a reader's token", token: readerToken, doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "fx-role", "title": "Reader"}},
		code: "FORBIDDEN"},

	// endRole.
	{name: "role ended at a stale version", token: editorToken, doc: mEnd, vars: map[string]any{"id": "fx-role", "until": "2026-01-31", "v": 1},
		code: "CONFLICT"},
	{name: "missing role ended", token: editorToken, doc: mEnd, vars: map[string]any{"id": "no-such-role"},
		code: "NOT_FOUND"},
	{name: "role ended without a token", doc: mEnd, vars: map[string]any{"id": "fx-role"},
		code: "UNAUTHENTICATED"},
	{name: "role ended with a reader's token", token: readerToken, doc: mEnd, vars: map[string]any{"id": "fx-role"},
		code: "FORBIDDEN"},
	{name: "role ended", token: editorToken, doc: mEnd, vars: map[string]any{"id": "fx-role", "until": "2026-01-31", "v": 2},
		want: map[string]any{"endRole.role.status": "ENDED", "endRole.role.until": "2026-01-31", "endRole.role.version": 3}},

	// addParticipation.
	{name: "participation added", token: editorToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "stami", "projectId": "fx-project",
		"role": "COORDINATOR", "contributionEur": 250000, "since": "2024-01-01"}},
		want: map[string]any{"addParticipation.participation.role": "COORDINATOR", "addParticipation.participation.status": "CONFIRMED",
			"addParticipation.participation.organisation.id": "stami", "addParticipation.participation.project.id": "fx-project",
			"addParticipation.participation.sources[].reference": []string{"ed"}},
		read: partnersOf, readVars: map[string]any{"id": "fx-project"},
		readWant: map[string]any{"project.partners.edges[].node.organisation.id": []string{"stami"}, "project.partners.edges[].node.role": []string{"COORDINATOR"},
			"project.partners.edges[].node.contributionEur": []float64{250000}, "project.partners.edges[].node.since": []string{"2024-01-01"}}},
	{name: "participation with a negative contribution", token: editorToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "sintef",
		"projectId": "fx-project", "contributionEur": -1}},
		code: "BAD_USER_INPUT", field: "input.contributionEur"},
	{name: "participation ending before it starts", token: editorToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "sintef",
		"projectId": "fx-project", "since": "2025-01-01", "until": "2024-01-01"}},
		code: "BAD_USER_INPUT", field: "input.until"},
	{name: "participation of a missing organisation", token: editorToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "no-such-org",
		"projectId": "fx-project"}},
		code: "NOT_FOUND"},
	{name: "participation in a missing project", token: editorToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "sintef",
		"projectId": "no-such-project"}},
		code: "NOT_FOUND"},
	{name: "participation without a token", doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "sintef", "projectId": "fx-project"}},
		code: "UNAUTHENTICATED"},
	{name: "participation with a reader's token", token: readerToken, doc: mAdd, vars: map[string]any{"in": map[string]any{"organisationId": "sintef", "projectId": "fx-project"}},
		code: "FORBIDDEN"},

	// removeParticipation.
	{name: "participation removed without a token", doc: mRemove, vars: map[string]any{"p": "fx-project", "o": "stami"},
		code: "UNAUTHENTICATED"},
	{name: "participation removed with a reader's token", token: readerToken, doc: mRemove, vars: map[string]any{"p": "fx-project", "o": "stami"},
		code: "FORBIDDEN"},
	{name: "participation removed", token: editorToken, doc: mRemove, vars: map[string]any{"p": "fx-project", "o": "stami"},
		read: partnersOf, readVars: map[string]any{"id": "fx-project"}, readWant: map[string]any{"project.partners.edges[].node.organisation.id": []string{}}},
	{name: "missing participation removed", token: editorToken, doc: mRemove, vars: map[string]any{"p": "fx-project", "o": "stami"},
		code: "NOT_FOUND"},

	// deleteNode.
	{name: "node deleted without a token", doc: mDelete, vars: map[string]any{"id": "fx-project"},
		code: "UNAUTHENTICATED"},
	{name: "node deleted with a reader's token", token: readerToken, doc: mDelete, vars: map[string]any{"id": "fx-project"},
		code: "FORBIDDEN"},
	{name: "missing node deleted", token: editorToken, doc: mDelete, vars: map[string]any{"id": "no-such-node"},
		code: "NOT_FOUND"},
	{name: "node deleted", token: editorToken, doc: mDelete, vars: map[string]any{"id": "fx-project"},
		want:     map[string]any{"deleteNode.deletedIds": []string{"fx-project"}},
		read:     `query($id: ID!) { node(id: $id) { id } projects(filter: {call: "eu4health-mental-health-cancer-call"}) { edges { node { id } } } }`,
		readVars: map[string]any{"id": "fx-project"},
		readWant: map[string]any{"node": nil, "projects.edges[].node.id": []string{"cancer-pathway-home-proposal"}}},
}

// TestEveryMutationThroughHTTP runs the write cases in order on a fresh
// store of each backend.
func TestEveryMutationThroughHTTP(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			for _, tt := range writeCases {
				t.Run(tt.name, func(t *testing.T) { runWriteCase(t, st, c.on(t).as(tt.token), tt) })
			}
		})
	}
}

func runWriteCase(t *testing.T, st ecosystem.Store, c *client, tt writeCase) {
	snapBefore, countsBefore := graphState(t, st)
	r := c.do(tt.doc, tt.vars)
	if tt.code == "" {
		if len(r.Errors) > 0 {
			t.Fatalf("refused: %+v", r.Errors)
		}
		checkPicks(t, r.Data, tt.want)
		if tt.read != "" {
			var raw json.RawMessage
			c.as("").mustQuery(tt.read, tt.readVars, &raw)
			checkPicks(t, raw, tt.readWant)
		}
		return
	}
	if len(r.Errors) == 0 {
		t.Fatalf("accepted, answering %s; want %s", r.Data, tt.code)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != tt.code {
		t.Errorf("code %v (%s), want %s", e.Extensions["code"], e.Message, tt.code)
	}
	if tt.field != "" && e.Extensions["field"] != tt.field {
		t.Errorf("field %v (%s), want %s", e.Extensions["field"], e.Message, tt.field)
	}
	snapAfter, countsAfter := graphState(t, st)
	if countsAfter != countsBefore {
		t.Errorf("the refused mutation changed the counts:\nbefore %s\nafter  %s", countsBefore, countsAfter)
	}
	if snapAfter != snapBefore {
		t.Errorf("the refused mutation changed the graph")
	}
}
