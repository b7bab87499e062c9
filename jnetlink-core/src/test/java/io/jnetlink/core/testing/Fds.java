package io.jnetlink.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Counts this process's open file descriptors by what /proc/self/fd says they point to. */
public final class Fds {

    private Fds() {
    }

    /** Descriptors whose link target starts with {@code prefix} ("socket:", "net:", "" for all). */
    public static int count(String prefix) {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // the directory stream's own descriptor, closed meanwhile
                }
                if (target.startsWith(prefix)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("list /proc/self/fd", e);
        }
        return n;
    }
}
