package edit

import "github.com/plan-tool/plan/plan"

// Value returns value as YAML text for the field f, as plan files write
// it: dates, numbers, ids and words plain, text quoted when it must be. A
// value that is not of the field's type is quoted, so that the file still
// parses and the loader can say what is wrong with it.
func Value(f plan.FieldSpec, value string) string {
	switch f.Type {
	case plan.TypeText:
		return Quote(value)
	case plan.TypeDate:
		if _, err := plan.ParseDate(value); err == nil {
			return value
		}
	case plan.TypeNumber:
		if _, err := plan.ParseNumber(value); err == nil {
			return value
		}
	default:
		if value != "" && value == Quote(value) {
			return value
		}
	}
	return Quote(value)
}
