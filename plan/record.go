package plan

// LogEntry is one commit's change to an item, as a history of the item
// shows it. The caller that reads the repository fills it in, so that
// whatever writes it needs only this package.
type LogEntry struct {
	Commit string // the commit's full object id
	Short  string // the id abbreviated, as git prints it
	Author string
	Date   Date // the author date, in the plan's zone
	Change Change
}

// Snapshot is a record of the state of the plan a body was shown: the
// commit that a tag plan/KIND/DATE names.
type Snapshot struct {
	Kind    string // board, dfe, ofsted...
	Date    Date
	Tag     string
	Commit  string // the tagged commit's full object id
	Short   string // the id abbreviated, as git prints it
	Tagger  string
	Message string
}
