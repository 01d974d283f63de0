// Package seedtest holds what the hub's source documents say, written
// once, for the tests that check the default dataset against them: the
// seed package's own tests (without a database) and the server's tests
// (through GraphQL on every store). Every value here was read from the
// documents in seed/documents, never from hub.yaml; each fact keeps the
// words the document uses, and the seed tests check that those words are
// in the document they name. It also says where in the repository the
// documents and the data files are, for tests in any package.
package seedtest

// The source documents, by file name.
const (
	// HubPage is "Om Cancer Mission Hub Norway": the partners and the
	// strategic coordination group.
	HubPage = "000_076f675698486924.txt"
	// NSCCArticle is Norwegian Smart Care Cluster's "Leve bedre med kreft".
	NSCCArticle = "003_0c8ae34a84f04d2a.txt"
	// Slides are "EUs kreftsatsing" (Lillestrøm, 6 November 2023).
	Slides = "004_8a179fb40f76ee2b.txt"
)

// Quote is text a document contains, word for word (up to white space).
type Quote struct{ Document, Text string }

// Hub and CoordinationGroup are the ids of the hub and of its strategic
// coordination group, the body every seat below sits in.
const (
	Hub               = "cancer-mission-hub-norway"
	CoordinationGroup = "strategisk-koordineringsgruppe"
)

// Member is one of the hub's partner organisations, with the entry that
// lists it under "Partnere i huben".
type Member struct{ ID, Listed string }

// HubMembers are the hub's 14 partner entries as 15 organisations: the
// entry for the medical faculties names two.
var HubMembers = []Member{
	{"forskningsradet", "Forskningsrådet"},
	{"kreftforeningen", "Kreftforeningen"},
	{"oslo-cancer-cluster", "Oslo Cancer Cluster"},
	{"helsedirektoratet", "Helsedirektoratet"},
	{"kreftregisteret", "Kreftregisteret ved Folkehelseinstituttet"},
	{"ks", "KS"},
	{"sintef", "Sintef"},
	{"rhf-strategigruppe-forskning", "De regionale helseforetakene, gjennom deres strategigruppe for forskning"},
	{"ous-comprehensive-cancer-centre", "Oslo University Hospital Comprehensive Cancer Center"},
	{"folkehelseinstituttet", "Folkehelseinstituttet"},
	{"stami", "STAMI"},
	{"uit-medisinsk-fakultet", "De medisinske fakultetene, ved Universitetene i Tromsø og Bergen"},
	{"uib-medisinsk-fakultet", "De medisinske fakultetene, ved Universitetene i Tromsø og Bergen"},
	{"norway-health-tech", "Norway Health Tech"},
	{"nasjonalt-senter-for-e-helseforskning", "Nasjonalt senter for e-helseforskning"},
}

// Faculties maps each medical faculty among the members to the university
// it is a unit of ("Stian Knappskog (Universitetet i Bergen) og Morten
// Strøm (Universitetet i Tromsø)").
var Faculties = map[string]string{
	"uib-medisinsk-fakultet": "uib",
	"uit-medisinsk-fakultet": "uit",
}

// Seat is one member of the strategic coordination group: the person, by
// id and by name as the hub page writes it, and the organisation whose
// heading the name stands under.
type Seat struct{ Person, Name, Organisation string }

// Seats are all 19 members of the strategic coordination group.
var Seats = []Seat{
	{"ingrid-stenstadvold-ross", "Ingrid Stenstadvold Ross", "kreftforeningen"},
	{"ole-alexander-opdalshei", "Ole Alexander Opdalshei", "kreftforeningen"},
	{"sigurd-rotnes", "Sigurd Røtnes", "helsedirektoratet"},
	{"sissi-leyell-espetvedt", "Sissi Leyell Espetvedt", "helsedirektoratet"},
	{"mari-nygard", "Mari Nygård", "kreftregisteret"},
	{"ketil-widerberg", "Ketil Widerberg", "oslo-cancer-cluster"},
	{"ole-johan-borge", "Ole Johan Borge", "forskningsradet"},
	{"hedda-barvik-eilertsen", "Hedda Barvik Eilertsen", "ks"},
	{"thea-forsberg", "Thea Forsberg", "ks"},
	{"oystein-risa", "Øystein Risa", "sintef"},
	{"kjetil-tasken", "Kjetil Tasken", "ous-comprehensive-cancer-centre"},
	{"renate-gruner", "Renate Grüner", "rhf-strategigruppe-forskning"},
	{"lars-eikvar", "Lars Eikvar", "rhf-strategigruppe-forskning"},
	{"knut-inge-klepp", "Knut-Inge Klepp", "folkehelseinstituttet"},
	{"karl-christian-nordby", "Karl-Christian Nordby", "stami"},
	{"shan-nauri", "Shan Nauri", "stami"},
	{"stian-knappskog", "Stian Knappskog", "uib-medisinsk-fakultet"},
	{"morten-strom", "Morten Strøm", "uit-medisinsk-fakultet"},
	{"arild-kristensen", "Arild Kristensen", "norway-health-tech"},
}

// SharedSeat is the seat two people hold together ("Renate
// Grüner/Lars Eikvar"); Holders are sorted.
var SharedSeat = struct {
	Organisation string
	Holders      []string
	Quote        Quote
}{"rhf-strategigruppe-forskning", []string{"lars-eikvar", "renate-gruner"}, Quote{HubPage, "Renate Grüner/Lars Eikvar"}}

// SeatOnLeave is the KS seat: its holder is on leave ("permisjon") and a
// deputy ("vara") sits in her place, through a role of her own that is
// the deputy for the seat.
var SeatOnLeave = struct {
	Organisation, Holder, Deputy string
	Quote                        Quote
}{"ks", "hedda-barvik-eilertsen", "thea-forsberg", Quote{HubPage, "Hedda Barvik Eilertsen (permisjon), vara: Thea Forsberg"}}

// SecretaryGeneral is Ingrid Stenstadvold Ross's other role.
var SecretaryGeneral = struct {
	Person, Organisation, Title string
	Quote                       Quote
}{"ingrid-stenstadvold-ross", "kreftforeningen", "Generalsekretær", Quote{NSCCArticle, "Generalsekretær i Kreftforeningen, Ingrid Stenstadvold Ross"}}

// Named are entities the documents name, by id, with their name (or a
// project's) as written there.
var Named = []struct {
	ID    string
	Quote Quote
}{
	{"nscc", Quote{NSCCArticle, "Norwegian Smart Care Cluster"}},
	{"mypath", Quote{NSCCArticle, "MyPath"}},
	{"dnv-imatis", Quote{NSCCArticle, "DNV Imatis"}},
	{"healthcatalyst", Quote{NSCCArticle, "HealthCatalyst AS"}},
	{"nortrials", Quote{NSCCArticle, "NorTrials"}},
	{"leve-bedre-med-kreft", Quote{NSCCArticle, "Leve bedre med kreft"}},
}

// OrgNumbers are organisation numbers the issue states.
var OrgNumbers = map[string]string{"sintef": "948007029"}

// Milestone is a dated step of "Pakkeforløp hjem – hva nå?"; Text is the
// slide's words, which the event's title must contain (up to case and
// dashes). The slide gives months, so the dates are months.
type Milestone struct{ Date, Text string }

// PathwayHome is the programme "Pakkeforløp hjem" and its 6 milestones.
var PathwayHome = struct {
	Programme  string
	Milestones []Milestone
}{"pakkeforlop-hjem", []Milestone{
	{"2018-03", "Helsedirektoratet får i oppdrag å utarbeide pakkeforløp hjem"},
	{"2018-04", "Nasjonal Kreftstrategi 2018-2022"},
	{"2018-06", "Presisering av oppdraget for utarbeidelsen av pakkeforløp hjem for kreftpasienter"},
	{"2021-10", "Offentlig høring på utkast til Pakkeforløp hjem"},
	{"2022-01", "Utrullering av Pakkeforløp hjem"},
	{"2022-01", "Publisering av Nasjonal plan for implementering av pakkeforløp hjem for kreftpasienter"},
}}

// Foundation is a foundation met, with the date and kind of the event
// that involves it ("Møter med Kavli-stiftelsen (19.10), Dam-stiftelsen
// 15.11 (søknadsfrist), Anton-stiftelsen (16.11)").
type Foundation struct{ ID, Name, Date, EventKind string }

// Foundations are the 3 foundations met.
var Foundations = []Foundation{
	{"kavli-stiftelsen", "Kavli-stiftelsen", "2023-10-19", "MEETING"},
	{"dam-stiftelsen", "Dam-stiftelsen", "2023-11-15", "DEADLINE"},
	{"anton-stiftelsen", "Anton-stiftelsen", "2023-11-16", "MEETING"},
}

// EU4Health is the programme and its 5 categories by name ("Aktiviteter
// i EU4Health faller under en av fem kategorier").
var EU4Health = struct {
	ID         string
	Categories []string
}{"eu4health", []string{"Sykdomsforebygging og helsefremmende arbeid", "Helseberedskap",
	"Helsesystemer og helsearbeidere", "Digitalisering", "Kreft"}}

// BeatingCancerPlan is Europe's Beating Cancer Plan and its 4 pillars by
// name.
var BeatingCancerPlan = struct {
	ID      string
	Pillars []string
}{"europes-beating-cancer-plan", []string{"Forebygging", "Tidlig oppdagelse", "Diagnose og behandling",
	"Livskvalitet for pasienter og overlevere"}}

// Budget is an amount a programme sets aside in euro, the period the
// slides give it for (in their words, as the seed writes them), the
// programme it goes to when it is another one, and the words that give
// it.
type Budget struct {
	Programme string
	Eur       float64
	Period    string
	For       string
	Quote     Quote
}

// Budgets are the programme budgets the slides give.
var Budgets = []Budget{
	{"europes-beating-cancer-plan", 4e9, "", "", Quote{Slides, "Rundt fire milliarder euro – åpent for Norge"}},
	{"mission-on-cancer", 378e6, "years 1–3 of the mission", "", Quote{Slides, "378 M EUR i årene 1-3 for tematiske utlysninger"}},
	{"eu4health", 5.3e9, "", "", Quote{Slides, "5,3 milliarder euro investeres av EU, Norge og Island i programmet."}},
	{"eu4health", 1.25e9, "", "europes-beating-cancer-plan", Quote{Slides, "1,25 B EUR for kreftplanen"}},
}

// WholeBudgets are the deprecated budgetEur of the programmes whose
// slides give a whole budget; the Mission on Cancer has none (its 378 M
// EUR are for thematic calls in years 1–3).
var WholeBudgets = map[string]float64{"europes-beating-cancer-plan": 4e9, "eu4health": 5.3e9, "mission-on-cancer": 0}

// Requirement is one eligibility rule of the call: a minimum count of
// countries, or of organisations of a kind.
type Requirement struct {
	Kind  string
	Count int
	Kinds []string
	Quote Quote
}

// MentalHealthCall is the EU4Health call on mental health and cancer with
// every figure and date the slides give ("Svar mars 2024" is the answer;
// "Oppstart 3. kvartal 2024" starts with its first day).
var MentalHealthCall = struct {
	ID                                       string
	Deadline, ResultsExpected, ExpectedStart string
	BudgetEur, MaxGrantEur, ProjectBudgetEur float64
	FundingRate                              float64
	ExpectedGrants, DurationMonths           int
	Requirements                             []Requirement
	Quotes                                   []Quote
}{
	ID:       "eu4health-mental-health-cancer-call",
	Deadline: "2023-10-17", ResultsExpected: "2024-03", ExpectedStart: "2024-Q3",
	BudgetEur: 8e6, MaxGrantEur: 1.1e6, ProjectBudgetEur: 1.7e6, FundingRate: 0.6,
	ExpectedGrants: 7, DurationMonths: 36,
	Requirements: []Requirement{
		{"MIN_COUNTRIES", 3, nil, Quote{Slides, "Tre land"}},
		{"MIN_ORGANISATIONS", 1, []string{"NGO"}, Quote{Slides, "En ngo innen kreft/mental helse"}},
		{"MIN_ORGANISATIONS", 1, []string{"PATIENT_ORGANISATION"}, Quote{Slides, "En pasientorganisasjon"}},
	},
	Quotes: []Quote{
		{Slides, "Frist 17. oktober 2023 (Svar mars 2024)"},
		{Slides, "Oppstart 3. kvartal 2024"},
		{Slides, "7 prosjekter skal finansieres, fra en pott på 8 mill EUR"},
		{Slides, "Maks, 1,1 mill EUR fra EU"},
		{Slides, "Totalt budsjett: 1,7 mill EUR"},
		{Slides, "60% finansieringsgrad"},
		{Slides, "varighet inntil tre år (36 mnd)"},
	},
}

// Partner is a partner of the consortium proposal, with its country ("" for
// a Europe-wide organisation) and its name as the slide lists it.
type Partner struct{ ID, Country, Listed string }

// Proposal is the consortium's EU4Health proposal: 10 confirmed partners
// across Norway, Iceland, the Netherlands and Europe-wide, and the Danish
// ones, in brackets on the slide, as tentative.
var Proposal = struct {
	ID        string
	Confirmed []Partner
	Tentative []Partner
}{
	ID: "cancer-pathway-home-proposal",
	Confirmed: []Partner{
		{"akershus-universitetssykehus", "NO", "Akershus university hospital"},
		{"akershus-kreftkoordinatorer", "NO", "Akershus municipal network of cancer coordinators"},
		{"kreftforeningen", "NO", "Kreftforeningen"},
		{"ung-kreft", "NO", "Ung kreft"},
		{"oslo-universitetssykehus", "NO", "OUS"},
		{"helse-more-og-romsdal", "NO", "Helse Møre og Romsdal"},
		{"helsedirektoratet", "NO", "Helsedirektoratet"},
		{"krabbameinsfelag-islands", "IS", "Den islandske kreftforeningen"},
		{"netherlands-cancer-institute", "NL", "NL Cancer Institute"},
		{"youth-cancer-europe", "", "Youth Cancer Europe"},
	},
	Tentative: []Partner{
		{"ung-kraeft", "DK", "Ung kreft"},
		{"kraeftens-bekaempelse", "DK", "Kræftens bekæmpelse"},
		{"rigshospitalet", "DK", "Rigshospitalet"},
	},
}

// Indicator is a patient-satisfaction figure in per cent.
type Indicator struct {
	Value float64
	Quote Quote
}

// Indicators are the 4 patient-satisfaction figures.
var Indicators = []Indicator{
	{84, Quote{Slides, "utredning (84 %)"}},
	{90, Quote{Slides, "behandling (90 %)"}},
	{18, Quote{Slides, "kommunen (18 %)"}},
	{32, Quote{Slides, "behandling (32 %)"}},
}

// Quotes returns every quote above, each with the document it is from,
// so that one test can check them all against the documents.
func Quotes() []Quote {
	var qs []Quote
	for _, m := range HubMembers {
		qs = append(qs, Quote{HubPage, m.Listed})
	}
	for _, s := range Seats {
		qs = append(qs, Quote{HubPage, s.Name})
	}
	qs = append(qs, SharedSeat.Quote, SeatOnLeave.Quote, SecretaryGeneral.Quote)
	for _, n := range Named {
		qs = append(qs, n.Quote)
	}
	for _, m := range PathwayHome.Milestones {
		qs = append(qs, Quote{Slides, m.Text})
	}
	for _, f := range Foundations {
		qs = append(qs, Quote{Slides, f.Name})
	}
	for _, c := range EU4Health.Categories {
		qs = append(qs, Quote{Slides, c})
	}
	for _, p := range BeatingCancerPlan.Pillars {
		qs = append(qs, Quote{Slides, p})
	}
	for _, b := range Budgets {
		qs = append(qs, b.Quote)
	}
	for _, r := range MentalHealthCall.Requirements {
		qs = append(qs, r.Quote)
	}
	qs = append(qs, MentalHealthCall.Quotes...)
	for _, p := range append(append([]Partner{}, Proposal.Confirmed...), Proposal.Tentative...) {
		qs = append(qs, Quote{Slides, p.Listed})
	}
	for _, i := range Indicators {
		qs = append(qs, i.Quote)
	}
	for _, l := range Stated {
		qs = append(qs, l.Quote)
	}
	qs = append(qs, NSCCMembers.Quote, Quote{Slides, AmbassadorNetwork.Name})
	return qs
}

// Judgement is a fact no document states, kept as the editor's judgement:
// the property (or the relationship field) of an entity.
type Judgement struct{ ID, Field string }

// Judgements are the facts the documents do not state that the dataset
// keeps as the editor's judgement, each with a reason: direct pillar
// coverage, a focus that decides the call's NGO requirement, the
// e-health research centre as a unit of UNN, and Helsedirektoratet on
// pathway milestones the slide does not attribute.
var Judgements = []Judgement{
	{"kreftforeningen", "pillars"}, {"stami", "pillars"}, {"kreftregisteret", "pillars"},
	{"ous-comprehensive-cancer-centre", "pillars"}, {"nortrials", "pillars"}, {"nscc", "pillars"},
	{"ung-kreft", "pillars"}, {"kreftforeningen", "focus"}, {"ung-kreft", "focus"},
	{"nasjonalt-senter-for-e-helseforskning", "parent"},
	{"pakkeforlop-hjem-horing", "organisations"}, {"pakkeforlop-hjem-utrulling", "organisations"},
	{"pakkeforlop-hjem-nasjonal-plan", "organisations"},
}

// Unstated are relationships no document states, which the dataset must
// not have: NSCC works together with HealthCatalyst, it is no member, and
// the national cancer strategy and the clarified assignment were the
// ministry's steps, not Helsedirektoratet's.
var Unstated = []struct{ From, Type, To string }{
	{"nscc", "MEMBER_OF", "healthcatalyst"},
	{"nasjonal-kreftstrategi-2018-2022", "INVOLVES", "helsedirektoratet"},
	{"pakkeforlop-hjem-presisering", "INVOLVES", "helsedirektoratet"},
}

// Stated are relationships the documents give, each with its words.
var Stated = []struct {
	From, Type, To string
	Quote          Quote
}{
	{"andreas-vikhals", "TAKES_PART_IN", "nscc-workshop-kristiansand", Quote{NSCCArticle, "Andreas Vikhals, som selv lever med kreft, deler sin opplevelse fra vår siste workshop i Kristiansand"}},
	{"nscc-workshop-kristiansand", "INVOLVES", "nscc", Quote{NSCCArticle, "vår siste workshop i Kristiansand"}},
	{"cancer-mission-hub-norway", "PARTICIPATES_IN", "leve-bedre-med-kreft", Quote{NSCCArticle, "Gjennom samarbeidet med Cancer Mission Hub Norway, mobiliserer Norwegian Smart Care Cluster og Kreftforeningen"}},
	{"healthcatalyst", "PARTICIPATES_IN", "utproving-implementering-kreftomsorg", Quote{NSCCArticle, "HealthCatalyst AS, som sammen med NorTrials"}},
	{"nortrials", "PARTICIPATES_IN", "utproving-implementering-kreftomsorg", Quote{NSCCArticle, "HealthCatalyst AS, som sammen med NorTrials"}},
	{"nscc", "PARTICIPATES_IN", "utproving-implementering-kreftomsorg", Quote{NSCCArticle, "Dette arbeidet støttes av vårt testsenter og samarbeidet i HealthCatalyst AS"}},
}

// AmbassadorNetwork is the EU network for young cancer survivors the
// slides name.
var AmbassadorNetwork = struct{ ID, Name string }{"eu-ambassadornettverk-unge-kreftoverlevere", "EUs ambassadørnettverk for unge kreftoverlevere"}

// NSCCMembers is the indicator of NSCC's members ("over 280 medlemmer").
var NSCCMembers = struct {
	ID    string
	Value float64
	Quote Quote
}{"nscc-medlemmer", 280, Quote{NSCCArticle, "over 280 medlemmer"}}

// TRANSCAN3 is the programme the slides name and the Horizon 2020 grant
// (the Research Council's file, project 964264) that funds it: one
// programme, with the grant in it, and the grant's number and dates on
// the grant, not in the programme's description.
var TRANSCAN3 = struct{ Programme, Grant, Number string }{"transcan-3", "h2020-964264", "964264"}
