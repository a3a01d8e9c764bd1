package table

import "io"

// prefetch reads its source in a goroutine, a few chunks ahead of the
// consumer, so that inflating a worksheet overlaps with scanning it.
type prefetch struct {
	chunks   chan []byte   // filled chunks, closed at the end of the source
	free     chan []byte   // buffers to fill
	done     chan struct{} // closed by close
	finished chan struct{} // closed when the goroutine has returned
	err      error         // read error, set before chunks is closed

	cur  []byte // unread part of the current chunk
	last []byte // the current chunk's buffer, to recycle
}

func newPrefetch(r io.Reader, size, ahead int) *prefetch {
	p := &prefetch{
		chunks:   make(chan []byte, ahead),
		free:     make(chan []byte, ahead+1),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	for range ahead + 1 {
		p.free <- make([]byte, size)
	}
	go p.run(r)
	return p
}

func (p *prefetch) run(r io.Reader) {
	defer close(p.finished)
	defer close(p.chunks)
	for {
		var buf []byte
		select {
		case buf = <-p.free:
		case <-p.done:
			return
		}
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			select {
			case p.chunks <- buf[:n]:
			case <-p.done:
				return
			}
		}
		if err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				p.err = err
			}
			return
		}
	}
}

// Read implements io.Reader.
func (p *prefetch) Read(b []byte) (int, error) {
	for len(p.cur) == 0 {
		if p.last != nil {
			p.free <- p.last[:cap(p.last)] // never blocks: free holds every buffer
			p.last = nil
		}
		c, ok := <-p.chunks
		if !ok {
			if p.err != nil {
				return 0, p.err
			}
			return 0, io.EOF
		}
		p.cur, p.last = c, c
	}
	n := copy(b, p.cur)
	p.cur = p.cur[n:]
	return n, nil
}

// close stops the goroutine and waits for it, so that the source can be
// closed safely afterwards. It may be called more than once.
func (p *prefetch) close() {
	select {
	case <-p.done:
	default:
		close(p.done)
	}
	<-p.finished
}
