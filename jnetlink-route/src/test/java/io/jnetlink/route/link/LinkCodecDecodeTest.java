package io.jnetlink.route.link;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.GenericKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LinkCodec#decode} on synthesised messages: modelled fields, raw leftovers, strictness, fuzzing. No root. */
class LinkCodecDecodeTest {

    private static final int ARPHRD_ETHER = 1;
    private static final int IFLA_GROUP = LinkCodec.IFLA_GROUP;
    private static final int IFLA_AF_SPEC = LinkCodec.IFLA_AF_SPEC;

    /** An RTM_NEWLINK with ifinfomsg {@code index}/{@code flags}, the four required attributes, then {@code more}. */
    private static byte[] message(int index, int flags, Consumer<MessageWriter> more) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 1, 0);
        w.put8(Rtm.AF_UNSPEC).put8(0).put16(ARPHRD_ETHER).put32(index).put32(flags).put32(0);
        w.string(LinkCodec.IFLA_IFNAME, "veth0");
        w.u32(LinkCodec.IFLA_TXQLEN, 1000);
        w.u8(LinkCodec.IFLA_OPERSTATE, OperState.LOWERLAYERDOWN.value());
        w.u32(LinkCodec.IFLA_MTU, 1500);
        more.accept(w);
        w.endMessage();
        return w.toByteArray();
    }

    private static Message parse(byte[] bytes) {
        List<Message> all = Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, all.size());
        return all.getFirst();
    }

    private static Link decode(Consumer<MessageWriter> more) {
        return LinkCodec.decode(parse(message(7, LinkFlags.IFF_UP | LinkFlags.IFF_BROADCAST, more)));
    }

    @Test
    void decodesEveryModelledField() {
        MacAddress mac = MacAddress.parse("02:11:22:33:44:55");
        Link l = decode(w -> {
            w.bytes(LinkCodec.IFLA_ADDRESS, mac.bytes());
            w.bytes(LinkCodec.IFLA_BROADCAST, MacAddress.BROADCAST.bytes());
            w.u32(LinkCodec.IFLA_MASTER, 3);
            w.u32(LinkCodec.IFLA_LINK, 8);
            w.u32(LinkCodec.IFLA_LINK_NETNSID, 0);
            w.string(LinkCodec.IFLA_IFALIAS, "uplink");
            w.string(LinkCodec.IFLA_QDISC, "noqueue");
            w.u32(LinkCodec.IFLA_MIN_MTU, 68);
            w.u32(LinkCodec.IFLA_MAX_MTU, 65535);
            w.nestedWithoutFlag(LinkCodec.IFLA_LINKINFO, i -> {
                i.string(LinkCodec.Info.IFLA_INFO_KIND, "veth");
                i.nested(LinkCodec.Info.IFLA_INFO_DATA, d -> d.u32(1, 42));
                i.string(LinkCodec.Info.IFLA_INFO_SLAVE_KIND, "bridge");
                i.nested(LinkCodec.Info.IFLA_INFO_SLAVE_DATA, d -> d.u8(1, 3));
            });
            w.nested(LinkCodec.IFLA_PROP_LIST, p -> {
                p.string(LinkCodec.IFLA_ALT_IFNAME, "first-alternative-name");
                p.string(LinkCodec.IFLA_ALT_IFNAME, "second");
            });
        });
        assertEquals(7, l.index());
        assertEquals("veth0", l.name());
        assertEquals(ARPHRD_ETHER, l.type());
        assertEquals(LinkFlags.IFF_UP | LinkFlags.IFF_BROADCAST, l.flags());
        assertTrue(l.isUp());
        assertEquals(1500, l.mtu());
        assertEquals(1000, l.txQueueLength());
        assertEquals(OperState.LOWERLAYERDOWN, l.operState());
        assertEquals(Optional.of(mac), l.address());
        assertEquals(Optional.of(MacAddress.BROADCAST), l.broadcast());
        assertEquals(OptionalInt.of(3), l.master());
        assertEquals(OptionalInt.of(8), l.link());
        assertEquals(OptionalInt.of(0), l.linkNetnsId());
        assertEquals(Optional.of("uplink"), l.alias());
        assertEquals(Optional.of("noqueue"), l.qdisc());
        assertEquals(OptionalInt.of(68), l.minMtu());
        assertEquals(OptionalInt.of(65535), l.maxMtu());
        assertEquals(Optional.of("veth"), l.kind());
        assertEquals(LinkCodec.Info.IFLA_INFO_DATA | Nl.NLA_F_NESTED, l.kindData().orElseThrow().typeBits());
        assertEquals(Optional.of("bridge"), l.slaveKind());
        assertTrue(l.slaveData().isPresent());
        assertEquals(List.of("first-alternative-name", "second"), l.altNames());
        assertEquals(List.of(), l.unknown());
    }

    @Test
    void minimalLinkHasEmptyOptionals() {
        Link l = decode(w -> {
        });
        assertEquals(Optional.empty(), l.kind());
        assertEquals(Optional.empty(), l.address());
        assertEquals(OptionalInt.empty(), l.master());
        assertEquals(OptionalInt.empty(), l.link());
        assertEquals(Optional.empty(), l.alias());
        assertEquals(List.of(), l.altNames());
        assertEquals(Optional.empty(), l.kindData());
    }

    @Test
    void keepsUnmodelledAttributesRawInOrderAndTheyReencodeIdentically() {
        Consumer<MessageWriter> extra = w -> {
            w.u32(IFLA_GROUP, 0);
            w.nested(IFLA_AF_SPEC, s -> s.nested(Rtm.AF_INET6, i -> i.u8(8, 1)));
            w.bytes(200, new byte[] {1, 2, 3}); // an attribute from a future kernel
        };
        Link l = decode(extra);
        assertEquals(List.of(IFLA_GROUP, IFLA_AF_SPEC, 200), l.unknown().stream().map(RawAttribute::type).toList());
        assertTrue(l.unknown().get(1).nested());

        MessageWriter original = new MessageWriter();
        extra.accept(original);
        MessageWriter again = new MessageWriter();
        l.unknown().forEach(again::raw);
        assertArrayEquals(original.toByteArray(), again.toByteArray());
    }

    @Test
    void linkInfoWithAnUnmodelledChildIsAlsoKeptWhole() {
        Link l = decode(w -> w.nestedWithoutFlag(LinkCodec.IFLA_LINKINFO, i -> {
            i.string(LinkCodec.Info.IFLA_INFO_KIND, "veth");
            i.bytes(LinkCodec.Info.IFLA_INFO_XSTATS, new byte[8]);
        }));
        assertEquals(Optional.of("veth"), l.kind());
        assertEquals(1, l.unknown().size());
        assertEquals(LinkCodec.IFLA_LINKINFO, l.unknown().getFirst().type());
    }

    @Test
    void propListWithAnUnmodelledChildIsAlsoKeptWhole() {
        Link l = decode(w -> w.nested(LinkCodec.IFLA_PROP_LIST, p -> {
            p.string(LinkCodec.IFLA_ALT_IFNAME, "alt");
            p.u32(99, 1);
        }));
        assertEquals(List.of("alt"), l.altNames());
        assertEquals(LinkCodec.IFLA_PROP_LIST, l.unknown().getFirst().type());
    }

    @Test
    void wrongSizeOfAFixedAttributeNamesTheAttribute() {
        var e = assertThrows(DecodeException.AttributeSize.class,
                () -> decode(w -> w.u16(LinkCodec.IFLA_MASTER, 3)));
        assertEquals("IFLA_MASTER", e.attribute());
        assertEquals(4, e.expected());
        assertEquals(2, e.actual());
    }

    @Test
    void linkLayerAddressLongerThanMaxAddrLenIsRefused() {
        var e = assertThrows(DecodeException.AttributeSize.class,
                () -> decode(w -> w.bytes(LinkCodec.IFLA_ADDRESS, new byte[LinkCodec.MAX_ADDR_LEN + 1])));
        assertEquals("IFLA_ADDRESS", e.attribute());
        assertThrows(DecodeException.AttributeSize.class, () -> decode(w -> w.bytes(LinkCodec.IFLA_BROADCAST, new byte[0])));
    }

    @Test
    void missingRequiredAttributeIsNamed() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 1, 0);
        w.zeros(LinkCodec.IFINFOMSG_SIZE);
        w.u32(LinkCodec.IFLA_MTU, 1500);
        w.endMessage();
        var e = assertThrows(DecodeException.class, () -> LinkCodec.decode(parse(w.toByteArray())));
        assertTrue(e.getMessage().contains("IFLA_IFNAME"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndWrongTypeAreRefused() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 1, 0);
        w.zeros(8);
        w.endMessage();
        assertThrows(DecodeException.Truncated.class, () -> LinkCodec.decode(parse(w.toByteArray())));

        MessageWriter addr = new MessageWriter();
        addr.beginMessage(Rtm.RTM_NEWADDR, 0, 1, 0);
        addr.zeros(LinkCodec.IFINFOMSG_SIZE);
        addr.endMessage();
        var e = assertThrows(DecodeException.class, () -> LinkCodec.decode(parse(addr.toByteArray())));
        assertTrue(e.getMessage().contains("RTM_NEWADDR"), e.getMessage());
    }

    @Test
    void attributeRunningPastTheMessageIsRefused() {
        byte[] bytes = message(1, 0, w -> w.string(LinkCodec.IFLA_IFALIAS, "x"));
        // grow the last attribute's nla_len past the end of the message
        int last = bytes.length - 8;
        bytes[last] = 64;
        assertThrows(DecodeException.Truncated.class, () -> LinkCodec.decode(parse(bytes)));
    }

    @Test
    void unknownOperStateIsNamedNotRefused() {
        Link l = LinkCodec.decode(parse(message(1, 0, w -> {
        })));
        assertEquals(OperState.LOWERLAYERDOWN, l.operState());
        OperState future = OperState.of(9);
        assertEquals("OPERSTATE_9", future.name());
        assertFalse(future.isKnown());
        assertEquals(future, OperState.of(9));
        assertEquals(List.of("UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"),
                IntStream.range(0, 7).mapToObj(i -> OperState.of(i).name()).toList());
    }

    /** Random corruption of a valid message: decode either succeeds or throws a DecodeException, nothing else. */
    @Test
    void fuzzedMessagesOnlyEverThrowDecodeException() {
        byte[] valid = message(5, LinkFlags.IFF_UP, w -> {
            w.bytes(LinkCodec.IFLA_ADDRESS, MacAddress.parse("02:00:00:00:00:01").bytes());
            w.nestedWithoutFlag(LinkCodec.IFLA_LINKINFO, i -> {
                i.string(LinkCodec.Info.IFLA_INFO_KIND, "veth");
                i.nested(LinkCodec.Info.IFLA_INFO_DATA, d -> d.u32(1, 1));
            });
            w.nested(LinkCodec.IFLA_PROP_LIST, p -> p.string(LinkCodec.IFLA_ALT_IFNAME, "alt"));
            w.string(LinkCodec.IFLA_QDISC, "noqueue");
        });
        Random random = new Random(20240611L);
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] b = valid.clone();
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                // leave nlmsg_len alone half of the time so that the attribute parser gets exercised
                int at = random.nextBoolean() ? 4 + random.nextInt(b.length - 4) : random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
            }
            int cut = random.nextInt(8) == 0 ? random.nextInt(b.length + 1) : b.length;
            ByteBuffer buf = ByteBuffer.wrap(b, 0, cut).slice().order(ByteOrder.LITTLE_ENDIAN);
            try {
                for (Message m : Message.parseAll(buf)) {
                    LinkCodec.decode(m);
                    decoded++;
                }
            } catch (DecodeException expected) {
                // fine: malformed input is reported as such
            }
        }
        assertTrue(decoded > 0, "some mutations must still decode");
    }

    @Test
    void stringAttributesAreUtf8() {
        Link l = decode(w -> w.bytes(LinkCodec.IFLA_IFALIAS, "größe".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of("größe"), l.alias());
    }

    @Test
    void kindInfoDecodesTheKindDataTypedAndKeepsTheRawForm() {
        Link bridge = decode(w -> w.nestedWithoutFlag(LinkCodec.IFLA_LINKINFO, i -> {
            i.string(LinkCodec.Info.IFLA_INFO_KIND, "bridge");
            i.nested(LinkCodec.Info.IFLA_INFO_DATA, d -> {
                d.u32(1, 1500);                                  // IFLA_BR_FORWARD_DELAY, centiseconds
                d.u16(6, 32768);                                 // IFLA_BR_PRIORITY
                d.bytes(10, new byte[8]);                        // IFLA_BR_ROOT_ID: not modelled
            });
        }));
        Bridge b = (Bridge) bridge.kindInfo().orElseThrow();
        assertEquals(Optional.of(Duration.ofSeconds(15)), b.forwardDelay());
        assertEquals(OptionalInt.of(32768), b.priority());
        assertTrue(bridge.kindData().isPresent(), "the raw data stays, with what the record does not model");

        Link tun = decode(w -> w.nestedWithoutFlag(LinkCodec.IFLA_LINKINFO, i -> {
            i.string(LinkCodec.Info.IFLA_INFO_KIND, "tun");
            i.nested(LinkCodec.Info.IFLA_INFO_DATA, d -> d.u8(1, 2));
        }));
        assertEquals(new GenericKind("tun", tun.kindData()), tun.kindInfo().orElseThrow());
        assertEquals(Optional.empty(), decode(w -> { }).kindInfo(), "no IFLA_INFO_KIND, no kind");
    }
}
