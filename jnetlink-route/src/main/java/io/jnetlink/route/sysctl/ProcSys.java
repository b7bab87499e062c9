package io.jnetlink.route.sysctl;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.ns.NetNs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes /proc/sys/net of one network namespace. /proc/sys/net shows the namespace of the thread that
 * opens the file, so every access runs on the namespace's own thread ({@link NetNs#call}); the caller's threads
 * never change namespace. The handle must stay open while this is used.
 *
 * <p>Failures carry the errno, as {@link SyscallException}: ENOENT for a key this namespace does not have,
 * EACCES for a read-only (or write-only) key, EINVAL for a value the kernel refuses.
 */
public final class ProcSys {

    /** Longest value accepted: the kernel reads at most a page less its NUL. */
    static final int MAX_VALUE_BYTES = 4095;

    private final NetNs netns;

    /** Larger than any /proc/sys/net value (the kernel's own limit for these handlers is a page). */
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    public ProcSys(NetNs netns) {
        this.netns = Objects.requireNonNull(netns, "netns");
    }

    /**
     * The value as {@code sysctl -n KEY} prints it (the trailing newline removed; several fields stay separated
     * by tabs), or empty when the namespace has no such key. Equivalent to: {@code ip netns exec NS sysctl -n KEY}.
     *
     * @throws SyscallException with EACCES for a write-only key, EISDIR for a directory
     */
    public Optional<String> read(SysctlKey key) {
        Objects.requireNonNull(key, "key");
        return netns.call(() -> {
            try {
                // proc_dointvec and its kin answer only a read at offset 0 (a later read gets EOF) and report a
                // size of 0, so Files.readAllBytes would return one byte: the whole value must come in one read.
                byte[] buf = new byte[READ_BUFFER_BYTES];
                int n;
                try (InputStream in = Files.newInputStream(key.path())) {
                    n = Math.max(0, in.read(buf));
                }
                String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw failure("read " + key.path(), e);
            }
        });
    }

    /**
     * Writes {@code value} (and a newline, as sysctl does) in one write. Equivalent to:
     * {@code ip netns exec NS sysctl -w KEY=VALUE}.
     *
     * @throws IllegalArgumentException when the value contains a line break or NUL, or is longer than 4095 bytes
     * @throws SyscallException         with ENOENT when the namespace has no such key, EACCES when it is read-only,
     *                                  EINVAL when the kernel refuses the value
     */
    public void write(SysctlKey key, String value) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = (checkValue(key, value) + "\n").getBytes(StandardCharsets.UTF_8);
        netns.call(() -> {
            try (FileChannel ch = FileChannel.open(key.path(), StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes));
                return null;
            } catch (IOException e) {
                throw failure("write " + key.path(), e);
            }
        });
    }

    static String checkValue(SysctlKey key, String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid value '" + value.replace("\n", "\\n").replace("\r", "\\r")
                    .replace("\0", "\\0") + "' for " + key + ": line breaks and NUL are not allowed");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + bytes + " bytes, at most "
                    + MAX_VALUE_BYTES);
        }
        return value;
    }

    /**
     * The errno behind an I/O failure. java.nio reports ENOENT and EACCES as their own exception types and
     * other errno values as the C library's strerror text, which is matched back to the errno here.
     */
    private static RuntimeException failure(String call, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new SyscallException(call, Errno.ENOENT, "no such key in this namespace");
        }
        if (e instanceof AccessDeniedException) {
            return new SyscallException(call, Errno.EACCES);
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return errnoOf(reason)
                .<RuntimeException>map(errno -> new SyscallException(call, errno))
                .orElseGet(() -> new UncheckedIOException(call, e));
    }

    /** The errno whose strerror(3) text is {@code text}. */
    static Optional<Errno> errnoOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int n = 1; n < 134; n++) {
            Errno errno = Errno.of(n);
            if (errno.isKnown() && errno.description().equals(text)) {
                return Optional.of(errno);
            }
        }
        return Optional.empty();
    }
}
