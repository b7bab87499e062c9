package io.jnetlink.nftables.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The ruleset files of a corpus folder (its top level only), by name, sorted. */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    /** Names of the {@code *.nft} files directly in {@code dir} that {@code keep} accepts, sorted. */
    public static List<String> names(Path dir, Predicate<String> keep) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".nft"))
                    .filter(keep)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
