package io.jnetlink.core;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A native buffer that grows by doubling. Each growth allocates from a fresh arena and closes the old one,
 * so a socket that once received a large message does not keep every smaller buffer it had before. Not
 * thread-safe: its owner serialises access.
 */
final class NativeBuffer implements AutoCloseable {

    private Arena arena;
    private MemorySegment segment;

    NativeBuffer(long initialBytes) {
        this.arena = Arena.ofShared();
        this.segment = arena.allocate(initialBytes, 8);
    }

    /** The current segment. */
    MemorySegment segment() {
        return segment;
    }

    /** The segment, grown first if it is smaller than {@code size} bytes. */
    MemorySegment atLeast(long size) {
        if (size > segment.byteSize()) {
            Arena bigger = Arena.ofShared();
            MemorySegment grown = bigger.allocate(Math.max(size, segment.byteSize() * 2), 8);
            arena.close();
            arena = bigger;
            segment = grown;
        }
        return segment;
    }

    boolean isOpen() {
        return arena.scope().isAlive();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
