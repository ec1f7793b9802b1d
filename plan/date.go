package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time of day and no time zone. The zero Date
// means "no date".
type Date struct {
	t time.Time // midnight UTC of the day; zero for no date
}

// NewDate returns the Date for year, month and day. Out-of-range values
// are normalised as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.t.IsZero() }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// DaysSince returns the number of days from e to d: positive when d is
// later than e.
func (d Date) DaysSince(e Date) int {
	return int(d.t.Sub(e.t).Hours() / 24)
}

// AddDays returns the day n days after d (before it for negative n).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns the day n months after d. The last day of a month
// stays the last day of a month: 2026-03-31 plus three months is
// 2026-06-30.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	lastOf := func(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }
	target := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	ty, tm, _ := target.Date()
	if day == lastOf(y, m) || day > lastOf(ty, tm) {
		day = lastOf(ty, tm)
	}
	return NewDate(ty, tm, day)
}

// MarshalText formats d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

var (
	isoDate     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	looseDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	isoDateTime = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[Tt ]\s*\d`)
	ukDate      = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$`)
)

// ParseDate parses a date written as YYYY-MM-DD. Its errors explain how to
// write the date when s looks like a UK date (31/03/2023), carries a time,
// or names a day that does not exist.
func ParseDate(s string) (Date, error) {
	if y, m, d, ok := isoDigits(s); ok && y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
		return NewDate(y, time.Month(m), d), nil // the usual case, quickly
	}
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		if t := strings.TrimSpace(s); t != s && t != "" {
			if _, err := ParseDate(t); err == nil {
				return Date{}, fmt.Errorf("%q has spaces around the date; write %s", s, t)
			}
		}
		if dt := isoDateTime.FindStringSubmatch(s); dt != nil {
			return Date{}, fmt.Errorf("%q has a time of day; write the date alone, as %s", s, dt[1])
		}
		if l := looseDate.FindStringSubmatch(s); l != nil {
			return Date{}, fmt.Errorf("%q is not a date in YYYY-MM-DD form; write %s-%s-%s", s, l[1], pad2(l[2]), pad2(l[3]))
		}
		if uk := ukDate.FindStringSubmatch(s); uk != nil {
			day, month, year := uk[1], uk[2], uk[3]
			if len(year) == 2 {
				year = "20" + year
			}
			if d, _ := strconv.Atoi(day); d <= 12 {
				if m, _ := strconv.Atoi(month); m > 12 {
					day, month = month, day // written month first
				}
			}
			iso := year + "-" + pad2(month) + "-" + pad2(day)
			if _, err := ParseDate(iso); err != nil {
				return Date{}, fmt.Errorf("%q is not a date in YYYY-MM-DD form, and %s is not a real day either", s, iso)
			}
			return Date{}, fmt.Errorf("%q is not a date in YYYY-MM-DD form; write %s", s, iso)
		}
		return Date{}, fmt.Errorf("%q is not a date in YYYY-MM-DD form, e.g. 2023-03-31", s)
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if year < 1900 || year > 2999 {
		return Date{}, fmt.Errorf("%q: the year %d is not a plausible plan date", s, year)
	}
	if month < 1 || month > 12 {
		return Date{}, fmt.Errorf("%q has no month %d; write dates as YYYY-MM-DD", s, month)
	}
	d := NewDate(year, time.Month(month), day)
	if day < 1 || d.t.Day() != day {
		last := NewDate(year, time.Month(month)+1, 0).t.Day()
		return Date{}, fmt.Errorf("%q is not a real day: %s %d has %d days", s, time.Month(month), year, last)
	}
	return d, nil
}

// daysIn returns the number of days in month m (1-12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// isoDigits reads YYYY-MM-DD made of ASCII digits, without checking the
// ranges of its parts.
func isoDigits(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(part string) int {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				ok = false
				return 0
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	ok = true
	y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	return y, m, d, ok
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
