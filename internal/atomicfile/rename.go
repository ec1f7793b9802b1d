package atomicfile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// renameWait bounds how long rename keeps trying while another program
// holds the target open (see transientRenameError).
const renameWait = 2 * time.Second

// renamer renames with retries: the parts rename is made of, replaced in
// the tests.
type renamer struct {
	rename    func(oldpath, newpath string) error
	transient func(error) bool // a failure that may pass if tried again
	sleep     func(context.Context, time.Duration) error
	wait      time.Duration // the most time spent asleep before giving up
}

var osRenamer = renamer{rename: os.Rename, transient: transientRenameError, sleep: sleepCtx, wait: renameWait}

// rename renames tmp over name: the moment the write is made, which it is
// not once ctx is done (the run was interrupted).
func rename(ctx context.Context, tmp, name string) error {
	return osRenamer.do(ctx, tmp, name)
}

// do renames tmp over name. On Windows, while another program (an
// editor, Excel, a virus scanner, a sync client) has name open, the
// rename fails for a moment with a sharing violation or access denied: do
// tries again, waiting 10 ms and then twice as long each time up to
// 250 ms, until r.wait has been spent asleep; then it gives up with a hint
// saying what to close.
func (r renamer) do(ctx context.Context, tmp, name string) error {
	shown := filepath.ToSlash(name)
	delay, slept := 10*time.Millisecond, time.Duration(0)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write %s: %w", shown, err)
		}
		err := r.rename(tmp, name)
		if err == nil {
			return nil
		}
		if !r.transient(err) {
			return fmt.Errorf("write %s: %w", shown, err)
		}
		if slept >= r.wait {
			return withHint(fmt.Errorf("write %s: it could not be replaced (another program has it open, or it is read-only): %w", shown, err),
				"nothing was written; close %s in the program that has it open (an editor, Excel, or a sync tool such as OneDrive may hold it), then run the command again", filepath.Base(name))
		}
		d := min(delay, r.wait-slept)
		if err := r.sleep(ctx, d); err != nil {
			return fmt.Errorf("write %s: %w", shown, err)
		}
		slept += d
		delay = min(2*delay, 250*time.Millisecond)
	}
}

// sleepCtx sleeps for d, or until ctx is done, when it returns ctx's error.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
