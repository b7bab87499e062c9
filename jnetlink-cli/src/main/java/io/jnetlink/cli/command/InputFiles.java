package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.core.error.Errno;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Text files a command reads (remote lists, WireGuard keys, /etc/passwd): a file that cannot be read is an
 * operation failure (exit 1) naming the file and the errno; a file that is not UTF-8 text is a usage error.
 */
final class InputFiles {

    private InputFiles() {
    }

    /** The lines of {@code file}, given for {@code keyword}. */
    static List<String> lines(Keywords k, String keyword, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw k.usage("invalid " + keyword + " '" + file + "': not UTF-8 text");
        } catch (IOException e) {
            throw new Failure("read " + file + ": " + reason(e));
        }
    }

    /** java.nio reports ENOENT and EACCES as their own exception types: say them as the errno. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException _ -> Errno.ENOENT.toString();
            case AccessDeniedException _ -> Errno.EACCES.toString();
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    }
}
