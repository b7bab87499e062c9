package io.jnetlink.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Name lookup in /etc/passwd and /etc/group lines, as the C library's files backend reads them. */
class AccountsTest {

    private static final List<String> PASSWD = List.of(
            "root:x:0:0:root:/root:/bin/bash",
            "# a comment line is no entry",
            "broken",
            "odd:x:notanumber:1::/:/bin/false",
            "odd:x:77:1::/:/bin/false",
            "huge:x:4294967295:1::/:/bin/false",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
            "nobody:x:1:1:second entry:/:/bin/false");

    @Test
    void theFirstWellFormedEntryOfTheNameWins() {
        assertEquals(OptionalLong.of(0), Accounts.lookup(PASSWD, "root"));
        assertEquals(OptionalLong.of(65534), Accounts.lookup(PASSWD, "nobody"));
        assertEquals(OptionalLong.of(77), Accounts.lookup(PASSWD, "odd"), "a malformed entry is skipped");
    }

    @Test
    void unknownOrUnusableNamesAreAbsent() {
        assertEquals(OptionalLong.empty(), Accounts.lookup(PASSWD, "alice"));
        assertEquals(OptionalLong.empty(), Accounts.lookup(PASSWD, "broken"));
        assertEquals(OptionalLong.empty(), Accounts.lookup(PASSWD, "huge"), "(uid_t) -1 is nobody's id");
        assertEquals(OptionalLong.empty(), Accounts.lookup(PASSWD, ""));
    }
}
