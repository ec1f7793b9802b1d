//go:build !windows

package atomicfile

// transientRenameError says whether err, from renaming over a file, is
// worth another try: never outside Windows, where a file another process
// has open can still be renamed over.
func transientRenameError(error) bool { return false }
