package http

import (
	"container/list"
	"sync"
)

// cache keeps the most recently used values of a computation, each tagged
// with the store generation it was computed at: a value of an older
// generation is computed again. Concurrent gets of one missing key compute
// it once.
type cache[K comparable, V any] struct {
	mu      sync.Mutex
	size    int
	order   *list.List // of *entry[K, V], most recently used first
	entries map[K]*list.Element
	flights map[K]*flight[V]
}

type entry[K comparable, V any] struct {
	key K
	gen uint64
	val V
}

type flight[V any] struct {
	done chan struct{}
	gen  uint64
	val  V
	err  error
}

func newCache[K comparable, V any](size int) *cache[K, V] {
	return &cache[K, V]{size: size, order: list.New(), entries: map[K]*list.Element{}, flights: map[K]*flight[V]{}}
}

// get returns the value of key at generation gen, computing it with fn when
// the cache has none; errors are not cached. A cache of size < 1 computes
// every time.
func (c *cache[K, V]) get(key K, gen uint64, fn func() (V, error)) (V, error) {
	if c.size < 1 {
		return fn()
	}
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*entry[K, V])
		if e.gen == gen {
			c.order.MoveToFront(el)
			c.mu.Unlock()
			return e.val, nil
		}
		c.order.Remove(el)
		delete(c.entries, key)
	}
	if f, ok := c.flights[key]; ok && f.gen == gen {
		c.mu.Unlock()
		<-f.done
		return f.val, f.err
	}
	f := &flight[V]{done: make(chan struct{}), gen: gen}
	c.flights[key] = f
	c.mu.Unlock()

	f.val, f.err = fn()
	close(f.done)

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	if f.err == nil {
		if el, ok := c.entries[key]; ok {
			c.order.Remove(el)
		}
		c.entries[key] = c.order.PushFront(&entry[K, V]{key: key, gen: gen, val: f.val})
		for c.order.Len() > c.size {
			last := c.order.Back()
			c.order.Remove(last)
			delete(c.entries, last.Value.(*entry[K, V]).key)
		}
	}
	return f.val, f.err
}

// len returns the number of values kept.
func (c *cache[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
