// Package importer reads external participation data into datasets: the
// Research Council of Norway's Horizon 2020 file (rcn-eu-h2020.csv).
// Organisations already in the graph are resolved, never duplicated: by
// organisation number first, then by normalised name or alias, and never
// by name across two different organisation numbers.
package importer

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// RCNColumns are the 44 columns of the Research Council's file, in order.
var RCNColumns = []string{
	"Rammeprogram", "Traktat kode (H2020)", "Programområde kode (H2020)", "Programområde (H2020)",
	"Program kode (H2020)", "Programkortnavn (H2020)", "Program (H2020)", "Programnivå 1 kortnavn (H2020)",
	"Programnivå 1 kode (H2020)", "Programnivå 1 (H2020)", "Prosjektnr", "Prosjektkortnavn", "Prosjektnavn",
	"Utlysnings-id", "Overordnet utlysnings-id", "Topic kode", "Topic", "Søknadstype", "Søknadstypenavn",
	"Kontraktstatus", "Kontrakt signeringsdato", "Kontrakt startdato", "Kontrakt sluttdato", "Søknadsfrist",
	"Søknadsdato", "Varighet måneder", "Vurderingspanel", "Organisasjonsnummer", "Organisasjonsnavn", "Kortnavn",
	"Organisasjon rolle", "Organisasjon finansiell rolle", "Deltakernr", "FoU sektorkode", "FoU sektor",
	"FoU kategori", "Kontraktspart 1", "Kontraktspart 2", "Adresse kommunenummer", "Adresse kommune",
	"Adresse fylkenummer", "Adresse fylke", "Adresse landsdel", "Innvilget beløp organisasjon EUR",
}

// Problem is a row that was not used as it stands: the file and line it
// starts on, and why.
type Problem struct {
	File   string
	Line   int
	Reason string
}

// Report says what an import read and did.
type Report struct {
	RowsRead int
	// Duplicates are rows that repeat an earlier row's participation
	// (the same project and organisation): counted once, listed here.
	Duplicates []Problem
	// Skipped rows were read but their participation could not be placed
	// (no organisation number); their project is still imported.
	Skipped []Problem
	Bad     []Problem
	// DistinctParticipations counts the distinct participations the rows
	// name (project and organisation pairs), the skipped ones included;
	// Participations counts those written.
	DistinctParticipations int
	Projects               int
	Organisations          int
	OrganisationsMatched   int
	Participations         int
	// Conflicts lists names shared by organisations with different
	// numbers: kept apart, reported for a person to look at.
	Conflicts []string
	// Notes say what the import did not do that does not fail it.
	Notes []string
	Stats ecosystem.ApplyStats
}

// Known is what the importer needs to know of the graph: every
// organisation (to resolve them), the pillars there are (to link
// projects to) and every id in use (so that a new organisation's id
// names nothing else).
type Known struct {
	Organisations []*ecosystem.Organisation
	Pillars       map[string]bool
	IDs           map[string]bool
	// Groups is the group structure the files do not state (see
	// DefaultGroups): an imported organisation it names becomes a unit of
	// its parent.
	Groups []Group
}

// KnownFrom collects what the importer needs from a snapshot.
func KnownFrom(snap *ecosystem.Snapshot) Known {
	k := Known{Pillars: map[string]bool{}, IDs: map[string]bool{}}
	ids := make([]string, 0, len(snap.Nodes))
	for id := range snap.Nodes {
		ids = append(ids, id)
		k.IDs[id] = true
	}
	sort.Strings(ids)
	for _, id := range ids {
		switch n := snap.Nodes[id].(type) {
		case *ecosystem.Organisation:
			k.Organisations = append(k.Organisations, n)
		case *ecosystem.Pillar:
			k.Pillars[id] = true
		}
	}
	return k
}

// row is one line of the file by column name.
type row map[string]string

// rcnLayout names the Research Council's layout in errors.
const rcnLayout = "the Research Council's H2020 file"

// ParseRCN reads the Research Council's file into a dataset. Organisations
// are resolved against known; the dataset fills only empty fields of what
// exists (FillOnly). With strict, any bad row is an error and no dataset
// is returned. A read error other than a malformed row ends the parse
// with that error. progress, when not nil, hears every 500 rows.
func ParseRCN(r io.Reader, fileName string, known Known, strict bool, progress *Progress) (*ecosystem.Dataset, *Report, error) {
	file := filepath.Base(fileName)
	b := newBuilder(file, known)
	rep := &Report{}
	err := readTable(r, table{file: file, columns: RCNColumns, layout: rcnLayout}, rep, progress, func(rw row, line int) {
		skip, bad := b.add(rw, line)
		switch {
		case bad != "":
			rep.Bad = append(rep.Bad, Problem{file, line, bad})
		case skip != "":
			rep.Skipped = append(rep.Skipped, Problem{file, line, skip})
		}
	})
	if err != nil {
		return nil, rep, err
	}
	return b.finish(rep, fileName, strict)
}

// date reads dd.mm.yyyy hh:mm.
func date(s string) (*ecosystem.Date, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse("02.01.2006 15:04", s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a date dd.mm.yyyy hh:mm", s)
	}
	d := ecosystem.DateOf(t)
	return &d, nil
}

// digits is a project number; orgNumber a Norwegian organisation number.
var (
	digits    = regexp.MustCompile(`^[0-9]+$`)
	orgNumber = regexp.MustCompile(`^[0-9]{9}$`)
)

func ptr[T any](v T) *T { return &v }

// optional returns a field's value, or nil when the file gives none: a
// register's placeholder ("ukjent", "-") is no value.
func optional(s string) *string {
	if ecosystem.Placeholder(s) {
		return nil
	}
	return &s
}

// call returns the call with the given identifier, added when new.
func (b *builder) call(identifier string, line int) *ecosystem.Call {
	id := "call-" + slug(identifier)
	if c, ok := b.nodes[id].(*ecosystem.Call); ok {
		return c
	}
	c := &ecosystem.Call{Meta: ecosystem.Meta{ID: id, Sources: b.source(line)}, Identifier: ptr(identifier), Title: identifier}
	b.put(c)
	return c
}

// spanRule names, in a parent call's sources, the inference that gave it
// its window.
const spanRule = "a parent call without dates spans its sub-calls: from the earliest opening to the latest deadline, each end only when every sub-call has it"

// spanParents gives each parent call that has no dates of its own the
// span of its sub-calls in the file (the file dates only sub-calls). An
// end is left unknown when a sub-call lacks it, so a parent is never
// open on a day none of its sub-calls' dates decide. The window is an
// inference, not a fact of the file, so the parent's sources say so.
// Computed at import, the window is stored with its source, read like any
// date by both stores' filters, and shown and corrected by an editor like
// any other.
func (b *builder) spanParents() {
	done := map[string]bool{}
	var span func(id string) (opens, deadline *ecosystem.Date)
	span = func(id string) (opens, deadline *ecosystem.Date) {
		c := b.nodes[id].(*ecosystem.Call)
		subs := b.subCalls[id]
		if done[id] || len(subs) == 0 || c.Opens != nil || c.Deadline != nil {
			return c.Opens, c.Deadline
		}
		done[id] = true
		first, last, allOpen, allClose := ecosystem.Date(""), ecosystem.Date(""), true, true
		for _, sub := range subs {
			o, d := span(sub)
			allOpen, allClose = allOpen && o != nil, allClose && d != nil
			if o != nil && (first == "" || *o < first) {
				first = *o
			}
			if d != nil && *d > last {
				last = *d
			}
		}
		if allOpen {
			c.Opens = &first
		}
		if allClose {
			c.Deadline = &last
		}
		for _, f := range []struct {
			name     string
			inferred bool
		}{{"opens", allOpen}, {"deadline", allClose}} {
			if f.inferred {
				c.Sources = append(c.Sources, ecosystem.Source{Kind: ecosystem.SourceInferred, Reference: b.file, Field: f.name,
					Rule: spanRule, Inputs: append([]string(nil), subs...)})
			}
		}
		return c.Opens, c.Deadline
	}
	for _, id := range b.order {
		if len(b.subCalls[id]) > 0 {
			span(id)
		}
	}
}

// programme adds one level of the programme hierarchy and returns its id.
func (b *builder) programme(code, name, short, parent string, line int) string {
	if code == "" {
		return parent
	}
	id := "h2020-" + slug(code)
	if _, ok := b.nodes[id]; !ok {
		if name == "" {
			name = code
		}
		b.put(&ecosystem.Programme{Meta: ecosystem.Meta{ID: id, Sources: b.source(line)}, Name: name,
			Acronym: optional(short), Code: &code})
	}
	b.rowLink(line, id, ecosystem.RelPartOf, parent)
	return id
}

// add reads one row; it returns why the row was skipped or what is wrong
// with it.
func (b *builder) add(r row, line int) (skip, bad string) {
	projectNo := r["Prosjektnr"]
	if projectNo == "" {
		return "", "no project number (Prosjektnr)"
	}
	if !digits.MatchString(projectNo) {
		return "", fmt.Sprintf("project number %q is not a number", projectNo)
	}
	orgNo := r["Organisasjonsnummer"]
	if orgNo != "" && !orgNumber.MatchString(orgNo) {
		return "", fmt.Sprintf("organisation number %q is not nine digits", orgNo)
	}
	start, err := date(r["Kontrakt startdato"])
	if err != nil {
		return "", "start date: " + err.Error()
	}
	end, err := date(r["Kontrakt sluttdato"])
	if err != nil {
		return "", "end date: " + err.Error()
	}
	deadline, err := date(r["Søknadsfrist"])
	if err != nil {
		return "", "deadline: " + err.Error()
	}
	var amount *float64
	if a := r["Innvilget beløp organisasjon EUR"]; a != "" {
		v, err := strconv.ParseFloat(a, 64)
		if err != nil || v < 0 {
			return "", fmt.Sprintf("amount %q is not a number of euro", a)
		}
		amount = &v
	}
	if b.duplicate(projectNo+"|"+orgNo, line, fmt.Sprintf("project %s, organisation %q", projectNo, orgNo)) {
		return "", ""
	}

	// Programmes: framework → area → programme → level 1.
	fw := ""
	if r["Rammeprogram"] != "" {
		fw = b.programme(r["Rammeprogram"], "Horizon 2020", r["Rammeprogram"], "", line)
	}
	prog := b.programme(r["Programområde kode (H2020)"], r["Programområde (H2020)"], "", fw, line)
	prog = b.programme(r["Program kode (H2020)"], r["Program (H2020)"], r["Programkortnavn (H2020)"], prog, line)
	prog = b.programme(r["Programnivå 1 kode (H2020)"], r["Programnivå 1 (H2020)"], r["Programnivå 1 kortnavn (H2020)"], prog, line)

	// Calls and topics.
	// The file's Søknadsfrist is the deadline of the row's own call (a
	// sub-call); a call with several cut-offs closes at the last.
	callID := ""
	if c := r["Utlysnings-id"]; c != "" {
		call := b.call(c, line)
		callID = call.ID
		if deadline != nil && (call.Deadline == nil || *deadline > *call.Deadline) {
			call.Deadline = deadline
		}
		b.rowLink(line, callID, ecosystem.RelInProgramme, prog)
		if p := r["Overordnet utlysnings-id"]; p != "" && p != c {
			parentID := b.call(p, line).ID
			if !contains(b.subCalls[parentID], callID) {
				b.subCalls[parentID] = append(b.subCalls[parentID], callID)
			}
			b.rowLink(line, callID, ecosystem.RelPartOf, parentID)
		}
	}
	topicID := ""
	if t := r["Topic kode"]; t != "" {
		topicID = "topic-" + slug(t)
		title := r["Topic"]
		if ecosystem.Placeholder(title) {
			title = t
		}
		if _, ok := b.nodes[topicID]; !ok {
			b.put(&ecosystem.Topic{Meta: ecosystem.Meta{ID: topicID, Sources: b.source(line)}, Code: ptr(t), Title: title})
		}
		b.rowLink(line, callID, ecosystem.RelHasTopic, topicID)
	}

	// The project.
	projectID := "h2020-" + projectNo
	if _, ok := b.nodes[projectID]; !ok {
		b.projects++
		status := ecosystem.ProjectOngoing
		if end != nil && *end < b.today {
			status = ecosystem.ProjectCompleted
		}
		name := r["Prosjektnavn"]
		if ecosystem.Placeholder(name) {
			name = r["Prosjektkortnavn"]
		}
		b.put(&ecosystem.Project{Meta: ecosystem.Meta{ID: projectID, Sources: b.source(line)}, Name: name,
			Acronym: optional(r["Prosjektkortnavn"]), Code: ptr(projectNo), Status: status, Start: start, End: end})
		b.cover(projectID, line, []field{{"Prosjektnavn", r["Prosjektnavn"]}}, []field{{"Topic", r["Topic"]}})
	}
	b.rowLink(line, projectID, ecosystem.RelRespondsTo, callID)
	b.rowLink(line, projectID, ecosystem.RelInProgramme, prog)
	b.rowLink(line, projectID, ecosystem.RelHasTopic, topicID)

	// The organisation, resolved. A row without a number still tells of
	// its project, but its participation cannot be placed.
	if orgNo == "" {
		return fmt.Sprintf("no organisation number for %q: the participation is skipped", r["Organisasjonsnavn"]), ""
	}
	orgID := b.organisation(r, orgNo, line)
	role := ecosystem.ParticipationPartner
	if r["Organisasjon rolle"] == "COORDINATOR" {
		role = ecosystem.ParticipationCoordinator
	}
	b.link(orgID, ecosystem.RelParticipatesIn, projectID, &ecosystem.Participation{
		Role: role, Status: ecosystem.ParticipationConfirmed, ContributionEur: amount, LinkFacts: ecosystem.LinkFacts{Sources: b.source(line)}})
	return "", ""
}

// organisation resolves or creates the organisation of a row.
func (b *builder) organisation(r row, orgNo string, line int) string {
	sector, kinds := sectorOf(r["FoU sektor"], r["FoU kategori"])
	name := r["Organisasjonsnavn"]
	id := b.resolve(&ecosystem.Organisation{Meta: ecosystem.Meta{Sources: b.source(line)}, Name: name,
		ShortName: optional(r["Kortnavn"]), Sector: sector, Kinds: kinds, Country: ptr("NO"), OrgNumber: ptr(orgNo),
		Municipality: optional(r["Adresse kommune"]), County: optional(r["Adresse fylke"])})
	return id
}

// sectorOf maps the Research Council's R&D sector and category.
func sectorOf(sector, category string) (ecosystem.Sector, []ecosystem.OrganisationKind) {
	switch sector {
	case "Instituttsektor":
		return ecosystem.SectorResearch, []ecosystem.OrganisationKind{"RESEARCH_INSTITUTE"}
	case "UoH-sektor":
		return ecosystem.SectorResearch, []ecosystem.OrganisationKind{"UNIVERSITY"}
	case "Næringsliv":
		return ecosystem.SectorIndustry, []ecosystem.OrganisationKind{"COMPANY"}
	case "Helseforetak":
		return ecosystem.SectorHealthService, []ecosystem.OrganisationKind{"HOSPITAL"}
	case "Norges forskningsråd":
		return ecosystem.SectorFunder, []ecosystem.OrganisationKind{"PUBLIC_AGENCY"}
	case "Øvrige":
		if category == "Øvrige offentlige" {
			return ecosystem.SectorAuthority, []ecosystem.OrganisationKind{"PUBLIC_AGENCY"}
		}
	}
	return ecosystem.SectorOther, nil
}

func (b *builder) dataset() *ecosystem.Dataset {
	ds := &ecosystem.Dataset{FillOnly: true}
	for _, id := range b.order {
		// A register's stray control characters are cleaned, not refused.
		ecosystem.CleanTexts(b.nodes[id])
		ds.Nodes = append(ds.Nodes, b.nodes[id])
	}
	for _, k := range b.linkOrder {
		ds.Links = append(ds.Links, b.links[k])
	}
	return ds
}

func (b *builder) counts() (projects, orgs, matched, participations int) {
	for _, l := range b.links {
		if l.Type == ecosystem.RelParticipatesIn {
			participations++
		}
	}
	return b.projects, len(b.orgs), len(b.matched), participations
}

// conflicts lists the names under which rows gave more than one
// organisation number, with the organisation each number went to.
func (b *builder) conflicts() []string {
	var out []string
	for _, u := range b.names {
		if len(u.numbers) < 2 {
			continue
		}
		nums := make([]string, 0, len(u.numbers))
		for n, id := range u.numbers {
			nums = append(nums, fmt.Sprintf("%s (%s)", n, id))
		}
		sort.Strings(nums)
		out = append(out, fmt.Sprintf("%q names %d organisation numbers, kept as separate organisations: %s",
			u.name, len(nums), strings.Join(nums, ", ")))
	}
	sort.Strings(out)
	return out
}
