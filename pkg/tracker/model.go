package tracker

import (
	"strings"

	"github.com/plan-tool/plan/plan"
)

// The plan as it is read from a tracker, before it is written. Values
// are kept as the plan files write them.

type model struct {
	title, organisation string
	themes              []*theme
	owners              []*owner
	findings            []*finding
	glossary            []term
	priorities          []*priority
	ids                 map[string]string // every item id used, to what it belongs
	comments            []string          // for plan.yaml: what was above the headers and is not its title
}

type theme struct{ id, title string }

type owner struct{ id, name string }

type finding struct {
	id, source, text, visibility string
	comments                     []string // what could not be mapped
}

type term struct {
	term, meaning string
	comments      []string
}

type priority struct {
	id, theme, title, owner string
	actions                 []*action
	kpis                    []*kpi
	comments                []string
}

type action struct {
	id, title, owner, due string
	status                string
	rag                   string
	addresses             []string
	note, evidence        string
	visibility            string
	confidence            string   // high, medium or low; "" when not given
	kept                  []string // values kept in the note: where and what
}

type kpi struct {
	id, title, owner, unit string
	better                 string
	target, tolerance      string
	frequency, visibility  string
	addresses              []string // the findings whose impact it measures
	baseline               string   // {date: D, value: V}; "" when none was read
	actuals                []actualValue
	targetCell, targetText string   // where the target was read and as written, for the report
	comments               []string // what could not be mapped, as comments above it
}

type actualValue struct {
	date  plan.Date
	value string
}

func (m *model) theme(id string) *theme {
	for _, t := range m.themes {
		if t.id == id {
			return t
		}
	}
	return nil
}

func (m *model) themeByTitle(title string) *theme {
	for _, t := range m.themes {
		if strings.EqualFold(t.title, title) {
			return t
		}
	}
	return nil
}

func (m *model) priority(id string) *priority {
	for _, p := range m.priorities {
		if p.id == id {
			return p
		}
	}
	return nil
}

func (m *model) priorityByTitle(title string) *priority {
	for _, p := range m.priorities {
		if strings.EqualFold(p.title, title) {
			return p
		}
	}
	return nil
}

func (m *model) owner(id string) *owner {
	for _, o := range m.owners {
		if o.id == id {
			return o
		}
	}
	return nil
}

func (m *model) finding(id string) *finding {
	for _, f := range m.findings {
		if f.id == id {
			return f
		}
	}
	return nil
}

func (m *model) findingByText(text string) *finding {
	for _, f := range m.findings {
		if strings.EqualFold(f.text, text) {
			return f
		}
	}
	return nil
}

func (m *model) kpi(id string) *kpi {
	for _, p := range m.priorities {
		for _, k := range p.kpis {
			if k.id == id {
				return k
			}
		}
	}
	return nil
}
