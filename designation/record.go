package designation

import "io"

// recorder passes reads through and keeps what was read, so that a parser
// reading through a buffered decoder can recover a record's exact bytes from
// the decoder's input offsets. Bytes before the last discard are dropped:
// memory stays bounded by the largest record plus the decoder's buffer.
type recorder struct {
	r    io.Reader
	buf  []byte
	base int64 // input offset of buf[0]
}

func (rc *recorder) Read(p []byte) (int, error) {
	n, err := rc.r.Read(p)
	if n > 0 {
		rc.buf = append(rc.buf, p[:n]...)
	}
	return n, err
}

// slice returns the input between offsets start and end, or "" when that
// range is no longer (or not yet) held.
func (rc *recorder) slice(start, end int64) string {
	i, j := start-rc.base, end-rc.base
	if i < 0 || j < i || j > int64(len(rc.buf)) {
		return ""
	}
	return string(rc.buf[i:j])
}

// discard drops the input before offset off.
func (rc *recorder) discard(off int64) {
	n := off - rc.base
	if n <= 0 {
		return
	}
	if n > int64(len(rc.buf)) {
		n = int64(len(rc.buf))
	}
	rest := copy(rc.buf, rc.buf[n:])
	rc.buf = rc.buf[:rest]
	rc.base += n
}
