package plan

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Every day of years around the leap-year rules' edges reads as itself,
// and every day past a month's end is refused as no real day, with the
// month's length: the quick path and the slow one agree.
func TestParseDateEveryDay(t *testing.T) {
	for _, y := range []int{1900, 1999, 2000, 2023, 2024, 2025, 2100, 2400, 2999} {
		for m := 1; m <= 12; m++ {
			last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			for d := 1; d <= 31; d++ {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				got, err := ParseDate(s)
				switch {
				case d <= last && (err != nil || got.String() != s):
					t.Errorf("ParseDate(%q) = %v, %v; want the day itself", s, got, err)
				case d > last && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("has %d days", last))):
					t.Errorf("ParseDate(%q) = %v, %v; want: not a real day, the month has %d days", s, got, err, last)
				}
			}
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string // formatted date, or "" for an error
		message string // must appear in the error
	}{
		{"2023-03-31", "2023-03-31", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"31/03/2023", "", "write 2023-03-31"},
		{"1/4/23", "", "write 2023-04-01"},
		{"03/31/2023", "", "write 2023-03-31"}, // month first: still clear
		{"31.03.2023", "", "write 2023-03-31"},
		{"31/06/2027", "", "2027-06-31 is not a real day either"},
		{"2023-3-31", "", "write 2023-03-31"},
		{"2023-02-30", "", "February 2023 has 28 days"},
		{"2023-13-01", "", "no month 13"},
		{"2023-03-31T09:00:00Z", "", "write the date alone, as 2023-03-31"},
		{"2023-03-31 09:00", "", "has a time of day"},
		{"2023-03-31 ", "", `"2023-03-31 " has spaces around the date; write 2023-03-31`},
		{" 2023-03-31", "", "has spaces around the date"},
		{"2023-03-31T", "", "not a date in YYYY-MM-DD form"},
		{"next week", "", "not a date in YYYY-MM-DD form"},
		{"0001-01-01", "", "not a plausible plan date"}, // found by FuzzParseDate: the zero time
		{"20233-01-01", "", "not a date"},
		{"", "", "not a date"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		switch {
		case tt.want != "" && (err != nil || d.String() != tt.want):
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %v; want an error", tt.in, d)
		case tt.want == "" && !strings.Contains(err.Error(), tt.message):
			t.Errorf("ParseDate(%q) error %q; want it to say %q", tt.in, err, tt.message)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	a, b := NewDate(2026, 3, 31), NewDate(2026, 11, 24)
	if got := b.DaysSince(a); got != 238 {
		t.Errorf("DaysSince = %d, want 238", got)
	}
	if got := a.DaysSince(b); got != -238 {
		t.Errorf("DaysSince backwards = %d, want -238", got)
	}
	// Across the clocks going back (25 October 2026) days are still whole.
	if got := NewDate(2026, 10, 26).DaysSince(NewDate(2026, 10, 24)); got != 2 {
		t.Errorf("DaysSince across a clock change = %d, want 2", got)
	}
	if got := a.AddDays(1).String(); got != "2026-04-01" {
		t.Errorf("AddDays = %s", got)
	}
	if !a.Before(b) || a.After(b) || (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("comparisons or zero Date wrong")
	}
}

func TestDateOfUsesTheTimesOwnZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	// 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
	utc := time.Date(2026, 5, 31, 23, 30, 0, 0, time.UTC)
	if got := DateOf(utc.In(london)).String(); got != "2026-06-01" {
		t.Errorf("DateOf in London = %s, want 2026-06-01", got)
	}
	if got := DateOf(utc).String(); got != "2026-05-31" {
		t.Errorf("DateOf in UTC = %s, want 2026-05-31", got)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"25": 25, "-3.5": -3.5, "0.25": 0.25, ".5": 0.5, "1e3": 1000, "007": 7} {
		if got, err := parseNumber(in); err != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, message := range map[string]string{"43%": "without %", "1,234": "as 1234", "n/a": "not a number", ".inf": "not a number", "0x10": "not a number", "1e999": "too large", "1.7e308": "too large", "-1e15": "too large"} {
		if _, err := parseNumber(in); err == nil || !strings.Contains(err.Error(), message) {
			t.Errorf("parseNumber(%q) error = %v; want it to say %q", in, err, message)
		}
	}
}

func TestSuggest(t *testing.T) {
	fields := []string{"id", "title", "owner", "due", "status", "rag", "addresses", "note"}
	for in, want := range map[string]string{"owenr": "owner", "stauts": "status", "Title": "title", "adresses": "addresses", "colour": "", "C": "", "dues": "due"} {
		if got := suggest(in, fields); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuickPathsAgree checks the hand-written fast paths against the
// patterns they stand for.
func TestQuickPathsAgree(t *testing.T) {
	for _, s := range []string{"", "P1", "P1.2", "p-1_x", ".P1", "-1", "P 1", "P1/2", "é", "P1.", "_", "9", "Ä1"} {
		if got, want := IsID(s), idPattern.MatchString(s); got != want {
			t.Errorf("IsID(%q) = %v, idPattern says %v", s, got, want)
		}
	}
	for _, s := range []string{"2026-01-28", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "1899-01-01", "2026-1-01", "２０２６-01-01", "2026-01-0x", "2026/01/01"} {
		fast, _, _, ok := isoDigits(s)
		d, err := ParseDate(s)
		if ok != isoDate.MatchString(s) {
			t.Errorf("isoDigits(%q) ok = %v, isoDate says %v", s, ok, !ok)
		}
		if err == nil && d.String() != s {
			t.Errorf("ParseDate(%q) = %s", s, d)
		}
		_ = fast
	}
}

// isDecimalCases are numbers written plainly and not, at the edges of
// what a plain decimal is.
var isDecimalCases = []string{"43", "-1.5", ".5", "5.", "+3.", "1e3", "1E-3", "-.5e+2", "0", "007",
	"", "+", "-", ".", "+.", "-.e1", "1e", "1e+", "e3", ".e3", "1.2.3", "43%", "1,234", " 7", "7 ", "0x1F", "NaN", "Inf", "١٢", "1_000", "++1", "1e3.5"}

func TestIsDecimal(t *testing.T) {
	re := regexp.MustCompile(decimalPattern)
	accepted := 0
	for _, s := range isDecimalCases {
		got, want := isDecimal(s), re.MatchString(s)
		if got != want {
			t.Errorf("isDecimal(%q) = %v, the pattern says %v", s, got, want)
		}
		if got {
			accepted++
		}
	}
	if accepted == 0 || accepted == len(isDecimalCases) {
		t.Errorf("%d of %d cases are decimals: the cases must have both", accepted, len(isDecimalCases))
	}
}
