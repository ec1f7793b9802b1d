package iostreams

import "testing"

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"TERM": "xterm-256color"}, true},
	}
	for _, tt := range tests {
		s := System(func(k string) string { return tt.env[k] })
		s.SetOutTTY(tt.tty)
		if got := s.ColorEnabled(); got != tt.want {
			t.Errorf("tty %v env %v: ColorEnabled = %v, want %v", tt.tty, tt.env, got, tt.want)
		}
	}
}

func TestTestStreams(t *testing.T) {
	s, out, errOut := Test()
	if s.IsOutTTY() || s.ColorEnabled() {
		t.Error("test streams start as a terminal")
	}
	s.Out.Write([]byte("data"))
	s.ErrOut.Write([]byte("message"))
	if out.String() != "data" || errOut.String() != "message" {
		t.Errorf("out %q, err %q", out, errOut)
	}
}
