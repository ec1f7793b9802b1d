// Package plan is the domain of the plan tool: the types of an improvement
// plan (themes, priorities, actions, KPIs, inspection findings), loading them
// from YAML with positions for every value, validating them, and computing
// ratings, status summaries and overdue lists.
//
// The package does no I/O of its own beyond reading the fs.FS it is given,
// knows nothing of flags, terminals or the current time, and never prints:
// callers pass the as-of date and render the values it returns.
package plan
