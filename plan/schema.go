package plan

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// SchemaURL is where the published schemas live, named by their $id.
const SchemaURL = "https://plan-tool.github.io/schema/"

// Schema returns the JSON Schema (draft 2020-12) of plan.yaml (planFile)
// or of a priority file, as indented JSON. Editors that use
// yaml-language-server (VS Code's YAML extension, for one) read it to offer
// completion and flag mistakes as the user types.
//
// The schema says what one file may hold: fields, kinds of value, allowed
// words, the form of ids, dates and numbers. What needs the whole plan
// (unique ids, references to themes, owners and findings), a duplicate key,
// and a day that does not exist such as 2026-02-30, only plan check can
// tell.
func Schema(planFile bool) []byte {
	var s jsObj
	if planFile {
		s = jsObject("plan", "An improvement plan: plan.yaml, at the root of the plan directory. Its priorities are in the other .yaml files below it.", map[string]any{
			"title":        jsNonBlank(jsText("The plan's title, as the board papers give it.")),
			"organisation": jsNonBlank(jsText("The council or organisation the plan belongs to.")),
			"period": jsObj{
				"description": "The dates the plan runs from and to.",
				"type":        "object",
				"properties": jsProps{Fields("period"), map[string]any{
					"start": jsDate("The first day of the plan."),
					"end":   jsDate("The last day of the plan."),
				}},
				"required":             []string{"start", "end"},
				"additionalProperties": false,
			},
			"themes":   jsList("The plan's themes; each priority belongs to one.", jsRef("theme")),
			"owners":   jsList("Who owns priorities, actions and KPIs: each an id used in owner fields, and a name or role.", jsRef("owner")),
			"findings": jsNullable(jsList("The inspection's findings (areas for improvement) that actions address.", jsRef("finding"))),
			"glossary": jsNullable(jsObj{
				"description":          "Acronyms and terms readers will meet, each with its meaning: TERM: meaning.",
				"type":                 "object",
				"propertyNames":        jsObj{"pattern": "^" + textChars + "+$"},
				"additionalProperties": jsNonBlank(jsText("What the term means.")),
			}),
		}, "title", "organisation", "themes", "owners")
		s["$defs"] = jsObj{
			"theme": jsObject("theme", "A theme of the plan.", map[string]any{
				"id":    jsID("The theme's id, used by priorities' theme field."),
				"title": jsNonBlank(jsText("The theme's title.")),
			}, "id", "title"),
			"owner": jsObject("owner", "Someone who owns priorities, actions or KPIs.", map[string]any{
				"id":   jsID("The owner's id, used in owner fields."),
				"name": jsNonBlank(jsText("The owner's name or role.")),
			}, "id", "name"),
			"finding": jsObject("finding", "A finding of an inspection or review that the plan answers.", map[string]any{
				"id":         jsID("The finding's id, used by actions' addresses field."),
				"source":     jsNullable(jsText("Where the finding comes from, such as the inspection and its date.")),
				"text":       jsNonBlank(jsText("What the finding says.")),
				"visibility": jsVisibility(),
			}, "id", "text"),
		}
	} else {
		s = jsObject("priority", "A priority of an improvement plan, with its actions and KPIs: one file below the plan directory.", map[string]any{
			"id":      jsID("The priority's id, such as P8; its actions are usually P8.1, P8.2 and its KPIs P8.K1."),
			"theme":   jsID("The id of the theme in plan.yaml this priority belongs to."),
			"title":   jsNonBlank(jsText("The priority's title.")),
			"owner":   jsID("The id of the owner in plan.yaml who leads this priority."),
			"actions": jsNullable(jsList("What will be done, by whom and by when.", jsRef("action"))),
			"kpis":    jsNullable(jsList("The measures that show whether the priority is working.", jsRef("kpi"))),
		}, "id", "theme", "title", "owner")
		s["$defs"] = jsObj{
			"action": jsObject("action", "One action of the priority.", map[string]any{
				"id":          jsID("The action's id, unique in the plan, such as P8.1."),
				"title":       jsNonBlank(jsText("What will be done.")),
				"owner":       jsNullable(jsID("The id of the owner in plan.yaml; the priority's owner when left out.")),
				"due":         jsNullable(jsDate("The day the action is due, YYYY-MM-DD.")),
				"status":      jsEnum("Where the action stands.", statusWords),
				"rag":         jsNullable(jsEnum("The RAG rating of an open action: red (off track), amber (at risk) or green (on track). A done action is shown as complete; do not rate it blue.", ragWords)),
				"addresses":   jsNullable(jsList("The ids of the findings in plan.yaml this action answers, as [F1, F2].", jsID("A finding id."))),
				"note":        jsNullable(jsText("The latest position, in a sentence or two.")),
				"evidence":    jsNullable(jsText("What shows the action is done: an audit, minutes, a report.")),
				"visibility":  jsVisibility(),
				"rebaselined": jsNullable(jsList("Agreed changes to the due date, each with who approved it.", jsRebaseline([]string{"due"}))),
			}, "id", "title", "status"),
			"kpi": jsObject("kpi", "A key performance indicator of the priority.", map[string]any{
				"id":          jsID("The KPI's id, unique in the plan, such as P8.K1."),
				"title":       jsNonBlank(jsText("What is measured.")),
				"owner":       jsNullable(jsID("The id of the owner in plan.yaml; the priority's owner when left out.")),
				"unit":        jsNullable(jsText("The unit the values are in, such as %, days or children.")),
				"better":      jsEnum("Which way is better: higher or lower values.", betterWords),
				"target":      jsNumber("The value aimed for."),
				"tolerance":   jsNullable(jsNonNegative(jsNumber("How far from the target still counts as amber rather than red; not negative."))),
				"frequency":   jsNullable(jsEnum("How often a new actual is due.", frequencyWords)),
				"visibility":  jsVisibility(),
				"actuals":     jsNullable(jsActuals()),
				"rebaselined": jsNullable(jsList("Agreed changes to the target or tolerance, each with who approved it.", jsRebaseline([]string{"target", "tolerance"}))),
			}, "id", "title", "better", "target"),
		}
	}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	if planFile {
		s["$id"] = SchemaURL + "plan.schema.json"
	} else {
		s["$id"] = SchemaURL + "priority.schema.json"
	}
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("plan: schema does not encode: %v", err)) // a bug: the schema is built from literals
	}
	return append(out, '\n')
}

// jsObj is a JSON Schema object. It encodes with its keys in a reading
// order ($schema and $id first, then title, description and type), and
// properties in the documented order of fields.
type jsObj map[string]any

var keyOrder = []string{"$schema", "$id", "title", "description", "type", "enum", "pattern", "format",
	"minimum", "required", "properties", "propertyNames", "additionalProperties", "items", "$ref", "$defs"}

func (o jsObj) MarshalJSON() ([]byte, error) {
	keys := slices.Collect(maps.Keys(o))
	slices.SortFunc(keys, func(a, b string) int {
		ra, rb := slices.Index(keyOrder, a), slices.Index(keyOrder, b)
		if ra < 0 {
			ra = len(keyOrder)
		}
		if rb < 0 {
			rb = len(keyOrder)
		}
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(a, b))
	})
	return marshalOrdered(keys, o)
}

// jsProps are a schema's properties, in the documented order of fields.
type jsProps struct {
	order []string
	m     map[string]any
}

func (p jsProps) MarshalJSON() ([]byte, error) { return marshalOrdered(p.order, p.m) }

func marshalOrdered(keys []string, m map[string]any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(m[k])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// object is a mapping of the named kind, with its fields in plan.Fields.
func jsObject(kind, description string, props map[string]any, required ...string) jsObj {
	fields := Fields(kind)
	for name := range props {
		if !slices.Contains(fields, name) {
			panic(fmt.Sprintf("plan: schema of %s has field %q that the loader does not know", kind, name))
		}
	}
	for _, f := range fields {
		if _, ok := props[f]; !ok {
			panic(fmt.Sprintf("plan: schema of %s lacks field %q", kind, f))
		}
	}
	return jsObj{
		"title":                kind,
		"description":          description,
		"type":                 "object",
		"properties":           jsProps{fields, props},
		"required":             required,
		"additionalProperties": false,
	}
}

func jsRef(def string) jsObj { return jsObj{"$ref": "#/$defs/" + def} }

// text is any single value: YAML reads 2026 or yes as a number or a
// boolean, and plan takes them as the text written.
func jsText(description string) jsObj {
	return jsObj{"description": description, "type": []string{"string", "number", "boolean"}, "pattern": "^" + textChars + "*\n*$"}
}

// textChars is a character of plan text: anything but the control
// characters the loader refuses (see textsafe.Unsafe). A block scalar's
// final line breaks are not part of the text, so patterns allow them.
const textChars = "[^\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]"

// nonBlank is text that must say something.
func jsNonBlank(s jsObj) jsObj {
	s["pattern"] = "^" + textChars + "*" + strings.Replace(textChars, "]", "\\s]", 1) + textChars + "*\n*$"
	return s
}

func jsID(description string) jsObj {
	return jsObj{"description": description + " Letters, digits, '.', '_' and '-', starting with a letter or digit.",
		"type": []string{"string", "number"}, "pattern": idPattern.String()}
}

func jsDate(description string) jsObj {
	return jsObj{"description": description, "type": "string", "pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, "format": "date"}
}

// number is a plain decimal number, possibly quoted.
func jsNumber(description string) jsObj {
	return jsObj{"description": description + " A plain number: no %, no commas.", "type": []string{"number", "string"}, "pattern": decimal.String(),
		"exclusiveMinimum": -MaxNumber, "exclusiveMaximum": MaxNumber}
}

// jsNonNegative is a number that is not below zero.
func jsNonNegative(s jsObj) jsObj {
	s["minimum"] = 0
	s["pattern"] = "^[+]?" + strings.TrimPrefix(decimal.String(), "^[+-]?")
	return s
}

func jsEnum(description string, words []string) jsObj {
	return jsObj{"description": description, "enum": slices.Clone(words)}
}

func jsVisibility() jsObj {
	return jsNullable(jsEnum("Who may see it: public (the default) or internal, which public board papers leave out.", visibilityWords))
}

func jsList(description string, item jsObj) jsObj {
	return jsObj{"description": description, "type": "array", "items": item}
}

func jsActuals() jsObj {
	return jsObj{
		"description":   "The measured values, one line each: DATE: VALUE, such as 2026-03-31: 42.",
		"type":          "object",
		"propertyNames": jsObj{"pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`},
		"additionalProperties": jsObj{"description": "The value measured on that date. A plain number: no %, no commas.",
			"type": []string{"number", "string"}, "pattern": decimal.String(), "exclusiveMinimum": -MaxNumber, "exclusiveMaximum": MaxNumber},
	}
}

func jsRebaseline(fields []string) jsObj {
	from := jsNullable(jsNumber("What the target or tolerance was before."))
	if slices.Contains(fields, "due") {
		from = jsNullable(jsDate("What the due date was before."))
	}
	s := jsObject("rebaselined", "A change to a date or target, agreed and recorded.", map[string]any{
		"date":     jsDate("The day the change was agreed."),
		"field":    jsEnum("The field that changed.", fields),
		"from":     from,
		"reason":   jsNonBlank(jsText("Why it changed.")),
		"approved": jsNonBlank(jsText("Who approved it, such as the Improvement Board.")),
	}, "date", "field", "reason", "approved")
	return s
}

// nullable lets a field be written with no value, which plan reads as
// leaving it out.
func jsNullable(s jsObj) jsObj {
	switch t := s["type"].(type) {
	case string:
		s["type"] = []string{t, "null"}
	case []string:
		s["type"] = append(slices.Clone(t), "null")
	}
	if e, ok := s["enum"].([]string); ok {
		vals := make([]any, 0, len(e)+1)
		for _, w := range e {
			vals = append(vals, w)
		}
		s["enum"] = append(vals, nil)
	}
	return s
}
