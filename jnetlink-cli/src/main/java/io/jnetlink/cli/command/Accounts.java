package io.jnetlink.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * User and group names resolved as the C library's files backend does, by reading {@code /etc/passwd} and
 * {@code /etc/group} (name:password:id:...), so that {@code jnl tap add ... user NAME} needs neither NSS nor a
 * program. Names from other sources (LDAP, systemd-userdb) are not seen: give those as numbers.
 */
final class Accounts {

    static final Path PASSWD = Path.of("/etc/passwd");
    static final Path GROUP = Path.of("/etc/group");
    /** The largest valid uid or gid: (uid_t) -1 means "none" to the kernel. */
    static final long MAX_ID = 0xFFFF_FFFEL;

    private Accounts() {
    }

    /**
     * The id of {@code value} given for {@code keyword} ({@code user} or {@code group}): a number from 0 to
     * 4294967294 as it is, else the name looked up in {@code file}.
     */
    static long resolve(Keywords k, String keyword, String value, Path file) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // decimal, as ip reads it; more digits than any id has are out of range too
            long id = value.length() > 10 ? Long.MAX_VALUE : Long.parseLong(value);
            if (id > MAX_ID) {
                throw k.usage("invalid " + keyword + " '" + value + "': must be between 0 and " + MAX_ID);
            }
            return id;
        }
        OptionalLong id = lookup(InputFiles.lines(k, keyword + " database", file), value);
        if (id.isEmpty()) {
            throw k.usage("invalid " + keyword + " '" + value + "': no such " + keyword + " in " + file);
        }
        return id.getAsLong();
    }

    /** The third field of the first line whose first field is {@code name}; lines that do not parse are skipped. */
    static OptionalLong lookup(List<String> lines, String name) {
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                try {
                    long id = Long.parseLong(f[2]);
                    if (id >= 0 && id <= MAX_ID) {
                        return OptionalLong.of(id);
                    }
                } catch (NumberFormatException e) {
                    // a malformed entry: as the C library, keep looking
                }
            }
        }
        return OptionalLong.empty();
    }
}
