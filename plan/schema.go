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
// words, the form of ids, dates and numbers, all from the table of fields
// (FieldSpecs). What needs the whole plan (unique ids, references to
// themes, owners and findings), a duplicate key, and a day that does not
// exist such as 2026-02-30, only plan check can tell. The error is non-nil
// only if the schema cannot be encoded, which would be a bug.
func Schema(planFile bool) ([]byte, error) {
	top, defs, id := "priority", []string{"action", "kpi", "decision", "risk"}, "priority.schema.json"
	if planFile {
		top, defs, id = "plan", []string{"theme", "owner", "finding", "body"}, "plan.schema.json"
	}
	s := jsMapping(top, true)
	d := jsObj{}
	for _, name := range defs {
		d[name] = jsMapping(name, true)
	}
	s["$defs"] = d
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = SchemaURL + id
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode the schema of %s: %w", top, err)
	}
	return append(out, '\n'), nil
}

// jsMapping is the schema of a kind of mapping in the table of fields:
// with a title when it stands on its own (in $defs, or as a list entry).
func jsMapping(kind string, titled bool) jsObj {
	m := mappingOf(kind)
	props := make(map[string]any, len(m.fields))
	required := []string{}
	for _, f := range m.fields {
		props[f.Name] = jsField(f)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	s := jsObj{
		"type":                 "object",
		"properties":           jsProps{m.names, props},
		"required":             required,
		"additionalProperties": false,
	}
	if titled {
		s["title"] = kind
		s["description"] = m.doc
	}
	return s
}

// jsField is the schema of a field's value. A field that is not required
// may be written with no value, which plan reads as leaving it out.
func jsField(f FieldSpec) jsObj {
	var s jsObj
	switch f.Type {
	case TypeText:
		s = jsText(f.Doc)
		if f.Required {
			s = jsNonBlank(s)
		}
	case TypeID:
		s = jsID(f.Doc)
	case TypeDate:
		s = jsDate(f.Doc)
	case TypeNumber:
		s = jsNumber(f.Doc)
		if f.NonNegative {
			s = jsNonNegative(s)
		}
	case TypeWord:
		s = jsEnum(f.Doc, f.Words)
	case TypeIDList:
		s = jsList(f.Doc, jsID("A "+string(f.Ref)+" id."))
	case TypeList:
		s = jsList(f.Doc, jsRef(f.Of))
	case TypeObject:
		s = jsMapping(f.Of, false)
		s["description"] = f.Doc
	case TypeActuals:
		s = jsActuals(f.Doc)
	case TypeRebaselines:
		s = jsList(f.Doc, jsRebaseline(f.Words))
	case TypeGlossary:
		s = jsObj{
			"description":          f.Doc,
			"type":                 "object",
			"propertyNames":        jsObj{"pattern": "^" + textChars + "+$"},
			"additionalProperties": jsNonBlank(jsText("What the term means.")),
		}
	}
	if !f.Required {
		s = jsNullable(s)
	}
	return s
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
	return jsObj{"description": description + " A plain number: no %, no commas.", "type": []string{"number", "string"}, "pattern": decimalPattern,
		"exclusiveMinimum": -MaxNumber, "exclusiveMaximum": MaxNumber}
}

// jsNonNegative is a number that is not below zero.
func jsNonNegative(s jsObj) jsObj {
	s["minimum"] = 0
	s["pattern"] = "^[+]?" + strings.TrimPrefix(decimalPattern, "^[+-]?")
	return s
}

func jsEnum(description string, words []string) jsObj {
	return jsObj{"description": description, "enum": slices.Clone(words)}
}

func jsList(description string, item jsObj) jsObj {
	return jsObj{"description": description, "type": "array", "items": item}
}

func jsActuals(description string) jsObj {
	return jsObj{
		"description":   description,
		"type":          "object",
		"propertyNames": jsObj{"pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`},
		"additionalProperties": jsObj{"description": "The value measured on that date. A plain number: no %, no commas.",
			"type": []string{"number", "string"}, "pattern": decimalPattern, "exclusiveMinimum": -MaxNumber, "exclusiveMaximum": MaxNumber},
	}
}

// jsRebaseline is an entry of a rebaselined list that records changes to
// fields: its field is one of them, and its from is written as they are.
func jsRebaseline(fields []string) jsObj {
	s := jsMapping("rebaselined", true)
	props := s["properties"].(jsProps).m
	props["field"] = jsEnum("The field that changed.", fields)
	if slices.Contains(fields, "due") {
		props["from"] = jsNullable(jsDate("What the due date was before."))
	} else {
		props["from"] = jsNullable(jsNumber("What the target or tolerance was before."))
	}
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
