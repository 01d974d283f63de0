package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// CORDIS's Horizon Europe layout: project.csv and organization.csv.
var (
	CORDISProjectColumns = []string{"id", "acronym", "status", "title", "startDate", "endDate", "totalCost",
		"ecMaxContribution", "legalBasis", "topics", "frameworkProgramme", "masterCall", "subCall", "fundingScheme",
		"nature", "objective", "contentUpdateDate", "rcn", "grantDoi"}
	CORDISOrganisationColumns = []string{"projectID", "projectAcronym", "organisationID", "vatNumber", "name",
		"shortName", "SME", "activityType", "street", "postCode", "city", "country", "nutsCode", "geolocation",
		"organizationURL", "contactForm", "order", "role", "ecContribution", "netEcContribution", "totalCost",
		"endOfParticipation", "active"}
)

// isoCountry maps CORDIS's country codes to ISO 3166-1 alpha-2.
func isoCountry(c string) string {
	switch c {
	case "EL":
		return "GR"
	case "UK":
		return "GB"
	}
	return c
}

// activitySector maps CORDIS's activity types.
func activitySector(activity string, sme bool) (ecosystem.Sector, []ecosystem.OrganisationKind) {
	switch activity {
	case "HES":
		return ecosystem.SectorResearch, []ecosystem.OrganisationKind{"UNIVERSITY"}
	case "REC":
		return ecosystem.SectorResearch, []ecosystem.OrganisationKind{"RESEARCH_INSTITUTE"}
	case "PRC":
		if sme {
			return ecosystem.SectorIndustry, []ecosystem.OrganisationKind{"COMPANY", "SME"}
		}
		return ecosystem.SectorIndustry, []ecosystem.OrganisationKind{"COMPANY"}
	case "PUB":
		return ecosystem.SectorAuthority, []ecosystem.OrganisationKind{"PUBLIC_AGENCY"}
	}
	return ecosystem.SectorOther, nil
}

// norwegianVAT is a Norwegian VAT number: the organisation number, then
// MVA (often left out).
var norwegianVAT = regexp.MustCompile(`^NO([0-9]{9})(MVA)?$`)

// vatNumber normalises a VAT number (upper case, no spaces or
// punctuation, a Norwegian one without its MVA) and returns with it the
// Norwegian organisation number it holds, if any.
func vatNumber(s string) (vat, orgNo string) {
	vat = strings.ToUpper(nonWord.ReplaceAllString(s, ""))
	if m := norwegianVAT.FindStringSubmatch(vat); m != nil {
		return "NO" + m[1], m[1]
	}
	return vat, ""
}

// cordisDate reads CORDIS's dates (YYYY-MM-DD, possibly with a time).
func cordisDate(s string) (*ecosystem.Date, error) {
	if s == "" {
		return nil, nil
	}
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := ecosystem.ParseDate(s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// cordisLayout names CORDIS's layout in errors.
const cordisLayout = "CORDIS's Horizon Europe CSV files"

// ParseCORDIS reads CORDIS's project.csv and organization.csv into a
// FillOnly dataset; sources and problems cite each file (as
// DIR/project.csv, DIR/organization.csv) and line. Organisations are
// resolved against known and across formats: by the Norwegian
// organisation number in a NO VAT number, by PIC, by VAT number (any
// country's), then by name and country. progress, when not nil, hears
// every 500 rows.
func ParseCORDIS(projects, organisations io.Reader, dirName string, known Known, strict bool, progress *Progress) (*ecosystem.Dataset, *Report, error) {
	dir := filepath.Base(dirName)
	projectFile, orgFile := dir+"/project.csv", dir+"/organization.csv"
	b := newBuilder(projectFile, known)
	rep := &Report{}
	bad := func(line int, format string, args ...any) {
		rep.Bad = append(rep.Bad, Problem{b.file, line, fmt.Sprintf(format, args...)})
	}
	framework := "horizon-europe"
	err := readTable(projects, table{file: projectFile, columns: CORDISProjectColumns, layout: cordisLayout}, rep, progress, func(r row, line int) {
		if !digits.MatchString(r["id"]) {
			bad(line, "project id %q is not a number", r["id"])
			return
		}
		start, err1 := cordisDate(r["startDate"])
		end, err2 := cordisDate(r["endDate"])
		if err := errors.Join(err1, err2); err != nil {
			bad(line, "%v", err)
			return
		}
		if _, ok := b.nodes[framework]; !ok && !b.known[framework] {
			b.put(&ecosystem.Programme{Meta: ecosystem.Meta{ID: framework, Sources: b.source(line)}, Name: "Horizon Europe", Acronym: ptr("HE")})
		}
		callID := ""
		if c := r["subCall"]; c != "" {
			callID = b.call(c, line).ID
			b.rowLink(line, callID, ecosystem.RelInProgramme, framework)
			if m := r["masterCall"]; m != "" && m != c {
				b.rowLink(line, callID, ecosystem.RelPartOf, b.call(m, line).ID)
			}
		}
		id := "he-" + r["id"]
		status := ecosystem.ProjectOngoing
		if end != nil && *end < b.today {
			status = ecosystem.ProjectCompleted
		}
		b.projects++
		b.put(&ecosystem.Project{Meta: ecosystem.Meta{ID: id, Sources: b.source(line)}, Name: r["title"],
			Acronym: optional(r["acronym"]), Code: ptr(r["id"]), Status: status, Start: start, End: end,
			Description: optional(r["objective"])})
		b.rowLink(line, id, ecosystem.RelInProgramme, framework)
		b.rowLink(line, id, ecosystem.RelRespondsTo, callID)
		for _, t := range strings.Split(r["topics"], ",") {
			if t = strings.TrimSpace(t); t != "" {
				topicID := "topic-" + slug(t)
				b.put(&ecosystem.Topic{Meta: ecosystem.Meta{ID: topicID, Sources: b.source(line)}, Code: ptr(t), Title: t})
				b.rowLink(line, id, ecosystem.RelHasTopic, topicID)
				b.rowLink(line, callID, ecosystem.RelHasTopic, topicID)
			}
		}
		b.cover(id, line, []field{{"title", r["title"]}, {"objective", r["objective"]}}, nil)
	})
	if err != nil {
		return nil, rep, err
	}
	b.file = orgFile
	err = readTable(organisations, table{file: orgFile, columns: CORDISOrganisationColumns, layout: cordisLayout}, rep, progress, func(r row, line int) {
		projectID := "he-" + r["projectID"]
		if _, ok := b.nodes[projectID]; !ok {
			bad(line, "project %q is not in project.csv", r["projectID"])
			return
		}
		if r["organisationID"] == "" && r["name"] == "" {
			bad(line, "no PIC and no name")
			return
		}
		var amount *float64
		if a := r["ecContribution"]; a != "" {
			v, err := strconv.ParseFloat(a, 64)
			if err != nil || v < 0 {
				bad(line, "contribution %q is not a number of euro", a)
				return
			}
			amount = &v
		}
		if b.duplicate(projectID+"|"+r["organisationID"]+"|"+r["name"], line, fmt.Sprintf("project %s, %q", r["projectID"], r["name"])) {
			return
		}
		sector, kinds := activitySector(r["activityType"], strings.EqualFold(r["SME"], "true"))
		vat, orgNo := vatNumber(r["vatNumber"])
		c := &ecosystem.Organisation{Meta: ecosystem.Meta{Sources: b.source(line)}, Name: r["name"],
			ShortName: optional(r["shortName"]), Sector: sector, Kinds: kinds, PIC: optional(r["organisationID"]),
			Country: optional(isoCountry(r["country"])), Website: optional(website(r["organizationURL"])), OrgNumber: optional(orgNo),
			VAT: optional(vat)}
		orgID := b.resolve(c)
		role := ecosystem.ParticipationPartner
		switch r["role"] {
		case "coordinator":
			role = ecosystem.ParticipationCoordinator
		case "associatedPartner", "thirdParty":
			role = ecosystem.ParticipationAssociated
		}
		b.link(orgID, ecosystem.RelParticipatesIn, projectID, &ecosystem.Participation{
			Role: role, Status: ecosystem.ParticipationConfirmed, ContributionEur: amount, LinkFacts: ecosystem.LinkFacts{Sources: b.source(line)}})
	})
	if err != nil {
		return nil, rep, err
	}
	return b.finish(rep, dirName, strict)
}

// ImportCORDIS reads dir/project.csv and dir/organization.csv and writes
// them into store in one transaction.
func ImportCORDIS(ctx context.Context, store ecosystem.Store, dir string, strict bool, progress *Progress) (*Report, error) {
	projects, err := os.Open(filepath.Join(dir, "project.csv"))
	if err != nil {
		return nil, err
	}
	defer projects.Close()
	orgs, err := os.Open(filepath.Join(dir, "organization.csv"))
	if err != nil {
		return nil, err
	}
	defer orgs.Close()
	return importInto(ctx, store, progress, func(known Known) (*ecosystem.Dataset, *Report, error) {
		return ParseCORDIS(projects, orgs, dir, known, strict, progress)
	})
}

// website makes a register's web address a URL: CORDIS often gives
// "www.example.org" without a scheme, which validation refuses.
func website(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !ecosystem.Placeholder(s) && !strings.Contains(s, "://") {
		return "http://" + s
	}
	return s
}
