package atomicfile

import (
	"errors"

	"golang.org/x/sys/windows"
)

// transientRenameError says whether err, from renaming over a file, is
// Windows refusing because another process has the file open without
// sharing it for deletion (most editors let go within moments): worth
// another try.
func transientRenameError(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
