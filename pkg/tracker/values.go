package tracker

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/plan-tool/plan/plan"
)

// Dates. Trackers write due dates every way a person would: real date
// cells, 31/03/2023 (UK order), 31 March 2023, Mar-23 (the end of that
// month), Q4 2022/23 (the end of that quarter of the financial year,
// which runs April to March), 2022/23 (the end of that financial year).

var (
	numericDate = lazyRegexp(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$`)
	isoDate     = lazyRegexp(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	// 31 March 2023, 31st Mar 23, 1 Sept 2023
	dayMonthYear = lazyRegexp(`^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$`)
	// March 31, 2023
	monthDayYear = lazyRegexp(`^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	// Mar-23, March 2023, Mar 2023, mar/23
	monthYear = lazyRegexp(`^([a-z]+)\.?[\s\-/']+(\d{2}|\d{4})$`)
	// Q4 2022/23, Q4 22/23, Q1 2023-24, 2023/24 Q1
	quarterFY = lazyRegexp(`^q([1-4])\s*(?:of\s+)?(?:fy\s*)?(\d{2}|\d{4})\s*[/\-]\s*(\d{2}|\d{4})$`)
	fyQuarter = lazyRegexp(`^(?:fy\s*)?(\d{2}|\d{4})\s*[/\-]\s*(\d{2}|\d{4})\s*q([1-4])$`)
	// Q3 2023: a calendar quarter
	quarterYear = lazyRegexp(`^q([1-4])\s+(\d{4})$`)
	// 2022/23, 2022-23, FY 2022/23: a financial year
	financialYear = lazyRegexp(`^(?:fy\s*)?(\d{4})\s*[/\-]\s*(\d{2}|\d{4})$`)
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// year reads a two- or four-digit year: 23 is 2023.
func year(s string) int {
	y, _ := strconv.Atoi(s)
	if len(s) == 2 {
		y += 2000
	}
	return y
}

// endOfMonth is the last day of the month.
func endOfMonth(y int, m time.Month) plan.Date {
	return plan.NewDate(y, m, 1).AddMonths(1).AddDays(-1)
}

// validDay makes the date, and reports false for one that does not
// exist (31/02/2023).
func validDay(y int, m time.Month, d int) (plan.Date, bool) {
	if m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200 {
		return plan.Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return plan.Date{}, false
	}
	return plan.NewDate(y, m, d), true
}

// financialQuarterEnd is the last day of quarter q (1-4) of the
// financial year beginning in April of y: Q1 ends in June, Q4 in March
// of the next year.
func financialQuarterEnd(y, q int) plan.Date {
	m := time.Month(3 + 3*q)
	if q == 4 {
		return endOfMonth(y+1, 3)
	}
	return endOfMonth(y, m)
}

// fyStart checks a financial year written as two years (2022/23) and
// returns its first year.
func fyStart(a, b string) (int, bool) {
	y1, y2 := year(a), year(b)
	if len(b) == 2 && len(a) == 4 {
		y2 = y1/100*100 + y2%100
	}
	return y1, y2 == y1+1
}

// ParseDate reads a date as trackers write it. A month, quarter or
// year stands for its last day, when an action is due by then.
func ParseDate(c Cell) (plan.Date, bool) {
	switch c.Kind {
	case DateCell:
		return planDate(c.Date, true)
	case Text:
		return parseDateText(c.Text)
	}
	return plan.Date{}, false
}

// planDate passes a date only when plan files accept it (a plausible
// year), so that what import writes always loads.
func planDate(d plan.Date, ok bool) (plan.Date, bool) {
	if !ok {
		return plan.Date{}, false
	}
	if _, err := plan.ParseDate(d.String()); err != nil {
		return plan.Date{}, false
	}
	return d, true
}

func parseDateText(s string) (plan.Date, bool) {
	return planDate(parseDateWords(s))
}

func parseDateWords(s string) (plan.Date, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "end of "), "by ")
	if m := isoDate().FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return validDay(year(m[1]), time.Month(mo), d)
	}
	if m := numericDate().FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return validDay(year(m[3]), time.Month(mo), d)
	}
	if m := dayMonthYear().FindStringSubmatch(s); m != nil {
		if mo, ok := months[m[2]]; ok {
			d, _ := strconv.Atoi(m[1])
			return validDay(year(m[3]), mo, d)
		}
	}
	if m := monthDayYear().FindStringSubmatch(s); m != nil {
		if mo, ok := months[m[1]]; ok {
			d, _ := strconv.Atoi(m[2])
			return validDay(year(m[3]), mo, d)
		}
	}
	if m := monthYear().FindStringSubmatch(s); m != nil {
		if mo, ok := months[m[1]]; ok {
			return endOfMonth(year(m[2]), mo), true
		}
	}
	if m := quarterFY().FindStringSubmatch(s); m != nil {
		if y, ok := fyStart(m[2], m[3]); ok {
			q, _ := strconv.Atoi(m[1])
			return financialQuarterEnd(y, q), true
		}
	}
	if m := fyQuarter().FindStringSubmatch(s); m != nil {
		if y, ok := fyStart(m[1], m[2]); ok {
			q, _ := strconv.Atoi(m[3])
			return financialQuarterEnd(y, q), true
		}
	}
	if m := quarterYear().FindStringSubmatch(s); m != nil {
		q, _ := strconv.Atoi(m[1])
		return endOfMonth(year(m[2]), time.Month(3*q)), true
	}
	if m := financialYear().FindStringSubmatch(s); m != nil {
		if y, ok := fyStart(m[1], m[2]); ok {
			return endOfMonth(y+1, 3), true
		}
	}
	return plan.Date{}, false
}

// Ratings and statuses, as trackers write them in their RAG and status
// columns.

// rating is what a RAG or status cell says: a status, a rating, or both.
type rating struct {
	status plan.Status
	rag    plan.RAG
}

var ratingWords = map[string]rating{
	"r": {rag: plan.Red}, "red": {rag: plan.Red}, "off track": {status: plan.InProgress, rag: plan.Red},
	"a": {rag: plan.Amber}, "amber": {rag: plan.Amber}, "at risk": {status: plan.InProgress, rag: plan.Amber},
	"g": {rag: plan.Green}, "green": {rag: plan.Green}, "on track": {status: plan.InProgress, rag: plan.Green},
	"b": {status: plan.Done}, "blue": {status: plan.Done}, "complete": {status: plan.Done}, "completed": {status: plan.Done},
	"done": {status: plan.Done}, "achieved": {status: plan.Done},
	"not started": {status: plan.Planned}, "not yet started": {status: plan.Planned}, "planned": {status: plan.Planned},
	"in progress": {status: plan.InProgress}, "in-progress": {status: plan.InProgress}, "ongoing": {status: plan.InProgress},
	"started": {status: plan.InProgress}, "underway": {status: plan.InProgress},
	"closed": {status: plan.Dropped}, "withdrawn": {status: plan.Dropped}, "dropped": {status: plan.Dropped},
	"cancelled": {status: plan.Dropped}, "canceled": {status: plan.Dropped},
	"unrated": {}, "not rated": {}, "n/a": {}, "-": {},
}

// parseRating reads a RAG or status cell, and reports false when it is
// neither.
func parseRating(s string) (rating, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, " .*")), " "))
	r, ok := ratingWords[key]
	return r, ok
}

// Numbers and targets.

var (
	numberWithUnit = lazyRegexp(`^([+-]?[0-9][0-9,.]*|[+-]?[.,][0-9]+)\s*(%|[a-z][a-z ]*)?$`)
	targetText     = lazyRegexp(`^(.*?)([0-9][0-9,.]*|[.,][0-9]+)\s*(%|[a-z][a-z ]*)?(.*)$`)
)

// parseValue reads a measured value: a number cell, or text such as 25%,
// 1,234 or 12 days. unit is what the text gave ("%", "days"), if any.
func parseValue(c Cell, decimalComma bool) (v float64, unit string, ok bool) {
	switch c.Kind {
	case Number:
		if c.Percent {
			return c.Num, "%", true
		}
		return c.Num, "", true
	case Text:
		m := numberWithUnit().FindStringSubmatch(strings.ToLower(strings.TrimSpace(c.Text)))
		if m == nil {
			return 0, "", false
		}
		n, ok := parseDecimal(m[1], decimalComma)
		if !ok {
			return 0, "", false
		}
		return n, strings.TrimSpace(m[2]), true
	}
	return 0, "", false
}

// target is what a target cell says: the value aimed for, its unit, and
// which way is better when the words say ("<= 25%", "at least 95%").
type target struct {
	value  float64
	unit   string
	better plan.Better // "" when the cell does not say
}

// Words before a target's number that say which way is better, the
// longer phrases first: "no less than 20%" is a floor though it says
// less.
var directionWords = []struct {
	words  string
	better plan.Better
}{
	{"no less", plan.Higher}, {"not less", plan.Higher}, {"no fewer", plan.Higher}, {"not fewer", plan.Higher},
	{"no more", plan.Lower}, {"not more", plan.Lower}, {"not above", plan.Lower}, {"not over", plan.Lower},
	{"not exceed", plan.Lower}, {"no higher", plan.Lower}, {"not below", plan.Higher}, {"no lower", plan.Higher},
	{"at least", plan.Higher}, {"at most", plan.Lower}, {"up to", plan.Lower},
	{"<", plan.Lower}, {"≤", plan.Lower}, {">", plan.Higher}, {"≥", plan.Higher},
	{"less", plan.Lower}, {"fewer", plan.Lower}, {"under", plan.Lower}, {"below", plan.Lower}, {"maximum", plan.Lower},
	{"max", plan.Lower}, {"reduce", plan.Lower}, {"decrease", plan.Lower}, {"lower", plan.Lower}, {"down", plan.Lower},
	{"more", plan.Higher}, {"over", plan.Higher}, {"above", plan.Higher}, {"minimum", plan.Higher}, {"min", plan.Higher},
	{"increase", plan.Higher}, {"improve", plan.Higher}, {"raise", plan.Higher}, {"higher", plan.Higher}, {"up", plan.Higher},
}

// directionOf says which way is better from the words before a number:
// the first phrase found, as whole words.
func directionOf(words string) plan.Better {
	padded := " " + strings.Join(strings.FieldsFunc(words, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '<' || r == '>' || r == '≤' || r == '≥')
	}), " ") + " "
	padded = strings.NewReplacer("<", " < ", ">", " > ", "≤", " ≤ ", "≥", " ≥ ").Replace(padded)
	for _, d := range directionWords {
		if strings.Contains(padded, " "+d.words+" ") || strings.Contains(padded, " "+d.words+"s ") {
			return d.better
		}
	}
	return ""
}

// parseTarget reads a target cell.
func parseTarget(c Cell, decimalComma bool) (target, bool) {
	if v, unit, ok := parseValue(c, decimalComma); ok {
		return target{value: v, unit: unit}, true
	}
	if c.Kind != Text {
		return target{}, false
	}
	s := strings.ToLower(strings.Join(strings.Fields(c.Text), " "))
	m := targetText().FindStringSubmatch(s)
	if m == nil {
		return target{}, false
	}
	n, ok := parseDecimal(strings.TrimRight(m[2], ".,"), decimalComma)
	if !ok {
		return target{}, false
	}
	return target{value: n, unit: strings.TrimSpace(m[3]), better: directionOf(m[1])}, true
}

// parseBetter reads a polarity cell: "Higher is better", "Lower", "Up":
// the first word that says a direction.
func parseBetter(s string) (plan.Better, bool) {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "higher", "high", "up", "increase", "increasing", "more", "bigger", "greater", "maximise", "maximize":
			return plan.Higher, true
		case "lower", "low", "down", "decrease", "decreasing", "less", "fewer", "smaller", "minimise", "minimize":
			return plan.Lower, true
		}
	}
	return "", false
}

// parseFrequency reads a frequency cell.
func parseFrequency(s string) (plan.Frequency, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "month"):
		return plan.Monthly, true
	case strings.HasPrefix(s, "quarter"):
		return plan.Quarterly, true
	case strings.HasPrefix(s, "annual"), strings.HasPrefix(s, "year"):
		return plan.Annual, true
	}
	return "", false
}

// lazyRegexp compiles expr the first time it is used: the import that
// uses these expressions should not cost every other command their
// compilation at start-up.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// parseConfidence reads an action's confidence of delivery: high, medium
// or low, in any case, or as a tracker may write it (H, M, L; "Medium
// confidence").
func parseConfidence(s string) (plan.Confidence, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, " .*")), " "))
	key = strings.TrimSuffix(key, " confidence")
	switch key {
	case "high", "h":
		return plan.HighConfidence, true
	case "medium", "med", "m":
		return plan.MediumConfidence, true
	case "low", "l":
		return plan.LowConfidence, true
	}
	return "", false
}
