package io.jnetlink.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension gives each test a fresh named namespace, visible to ip, and deletes it afterwards. */
@NetnsTest
class NetnsExtensionTest {

    private static final List<String> SEEN = new ArrayList<>();

    @Test
    void runsInAFreshNamedNamespace(TestNamespace ns) {
        check(ns);
    }

    @Test
    void eachTestGetsItsOwn(TestNamespace ns) {
        check(ns);
    }

    private static void check(TestNamespace ns) {
        assertTrue(ns.name().startsWith(NetnsExtension.PREFIX), ns.name());
        assertTrue(Oracle.stdout("ip", "netns", "list").contains(ns.name()), "ip netns list shows " + ns.name());
        JsonNode links = Ip.in(ns.name()).json("link");
        assertEquals(1, links.size(), "a fresh namespace has only lo: " + links);
        assertEquals("lo", links.get(0).path("ifname").asText());
        try (NetNs byName = NetNs.open(ns.name())) {
            assertEquals(ns.netns().inode(), byName.inode(), "the handle is the named namespace");
        }
        SEEN.add(ns.name());
    }

    @AfterAll
    static void namespacesAreDeletedAfterEachTest() {
        assertEquals(2, new HashSet<>(SEEN).size(), "two tests, two namespaces: " + SEEN);
        String list = Oracle.stdout("ip", "netns", "list");
        for (String n : SEEN) {
            assertFalse(Files.exists(NetNs.RUN_DIR.resolve(n)), n + " was deleted");
            assertFalse(list.contains(n), "ip netns list no longer shows " + n);
        }
    }
}
