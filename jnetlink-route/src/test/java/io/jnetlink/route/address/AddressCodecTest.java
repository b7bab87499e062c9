package io.jnetlink.route.address;

import io.jnetlink.route.testing.NetFixture;
import io.jnetlink.route.Scope;
import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtm;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static io.jnetlink.oracles.HexDiff.assertBytes;
import static io.jnetlink.route.testing.NetFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden bytes against what {@code ip address} sends, decode round trips, fuzzing and input validation. */
class AddressCodecTest {

    private static final int VETH0 = 3;

    /** The header ip would send with seq 1 and port 0, for a message of {@code length} bytes. */
    private static String header(int length, int type, int flags) {
        return String.format("%02x%02x0000 %02x%02x %02x%02x 01000000 00000000", length & 0xFF, length >> 8,
                type & 0xFF, type >> 8, flags & 0xFF, flags >> 8);
    }

    private static final int ADD_FLAGS = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    @Test
    void addIpv4WithBroadcastAndLabelMatchesIp() {
        // strace -e trace=sendmsg ip addr add 10.0.0.1/24 broadcast 10.0.0.255 label veth0:x dev veth0
        byte[] expected = hex(header(60, Rtm.RTM_NEWADDR, ADD_FLAGS)
                + "02180000 03000000"              // AF_INET, /24, flags 0, scope global, index 3
                + "08000200 0a000001"              // IFA_LOCAL 10.0.0.1
                + "08000400 0a0000ff"              // IFA_BROADCAST 10.0.0.255
                + "0c000300 76657468 303a7800"     // IFA_LABEL "veth0:x"
                + "08000100 0a000001");            // IFA_ADDRESS 10.0.0.1
        Address a = Address.builder(VETH0, IpPrefix.parse("10.0.0.1/24"))
                .broadcast(InetAddresses.parse("10.0.0.255")).label("veth0:x").build();
        assertBytes(expected, AddressCodec.add(a).encode(1, 0));
    }

    @Test
    void addIpv6NodadMatchesIp() {
        // strace -e trace=sendmsg ip addr add 2001:db8::1/64 dev veth0 nodad
        byte[] expected = hex(header(64, Rtm.RTM_NEWADDR, ADD_FLAGS)
                + "0a400200 03000000"                                  // AF_INET6, /64, IFA_F_NODAD, index 3
                + "14000200 20010db8 00000000 00000000 00000001"        // IFA_LOCAL
                + "14000100 20010db8 00000000 00000000 00000001");      // IFA_ADDRESS
        Address a = Address.builder(VETH0, IpPrefix.parse("2001:db8::1/64")).flags(AddressFlags.NODAD).build();
        assertBytes(expected, AddressCodec.add(a).encode(1, 0));
    }

    @Test
    void flagsAboveEightBitsTravelInIfaFlagsAndLifetimesInCacheinfo() {
        // strace: ip addr add 10.1.0.1/24 dev veth0 noprefixroute
        byte[] expected = hex(header(48, Rtm.RTM_NEWADDR, ADD_FLAGS)
                + "02180000 03000000 08000200 0a010001 08000800 00020000 08000100 0a010001");
        Address a = Address.builder(VETH0, IpPrefix.parse("10.1.0.1/24")).flags(AddressFlags.NOPREFIXROUTE).build();
        assertBytes(expected, AddressCodec.add(a).encode(1, 0));

        // strace: ip addr add 10.3.0.1/24 dev veth0 valid_lft 100 preferred_lft 50
        byte[] lifetimes = hex(header(60, Rtm.RTM_NEWADDR, ADD_FLAGS)
                + "02180000 03000000 08000200 0a030001 08000100 0a030001"
                + "14000600 32000000 64000000 00000000 00000000");
        Address b = Address.builder(VETH0, IpPrefix.parse("10.3.0.1/24")).validLifetime(100).preferredLifetime(50)
                .build();
        assertBytes(lifetimes, AddressCodec.add(b).encode(1, 0));
    }

    @Test
    void peerGoesInIfaAddressAndScopeInTheHeader() {
        // strace: ip addr add 10.2.0.1 peer 10.2.0.2/24 dev veth0 scope link
        byte[] expected = hex(header(40, Rtm.RTM_NEWADDR, ADD_FLAGS)
                + "021800fd 03000000 08000200 0a020001 08000100 0a020002");
        Address a = Address.builder(VETH0, IpPrefix.parse("10.2.0.1/24")).peer(InetAddresses.parse("10.2.0.2"))
                .scope(Scope.LINK).build();
        assertBytes(expected, AddressCodec.add(a).encode(1, 0));
    }

    @Test
    void replaceAndDeleteUseTheirFlagsAndTypes() {
        Address a = Address.builder(VETH0, IpPrefix.parse("10.0.0.1/24")).build();
        Request replace = AddressCodec.replace(a);
        assertEquals(Rtm.RTM_NEWADDR, replace.type());
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, replace.flags());
        Request delete = AddressCodec.delete(a, "veth0");
        assertEquals(Rtm.RTM_DELADDR, delete.type());
        assertEquals(0, delete.flags());
        assertEquals("delete address 10.0.0.1/24 dev veth0", delete.operation());
        assertEquals("add address 10.0.0.1/24 ifindex 3", AddressCodec.add(a).operation());
        assertEquals("replace address 2001:db8::1/64 peer 2001:db8::2 dev veth0",
                AddressCodec.replace(Address.builder(VETH0, IpPrefix.parse("2001:db8::1/64"))
                        .peer(InetAddresses.parse("2001:db8::2")).build(), "veth0").operation());
    }

    /** Framed as NetlinkSocket.dump sends it. */
    private static byte[] asDump(Request r) {
        MessageWriter w = new MessageWriter();
        r.encodeTo(w, Nl.NLM_F_DUMP, 1, 0);
        return w.toByteArray();
    }

    @Test
    void dumpRequestFiltersByIndexInTheHeader() {
        int dump = Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP;
        assertBytes(hex(header(24, Rtm.RTM_GETADDR, dump) + "00000000 07000000"), asDump(AddressCodec.dump(7)));
        assertBytes(hex(header(24, Rtm.RTM_GETADDR, dump) + "00000000 00000000"), asDump(AddressCodec.dump()));
    }

    // ---- decoding ----

    /** The request's bytes read back as if the kernel had sent them. */
    private static Message asMessage(Request r) {
        return Message.parseAll(ByteBuffer.wrap(r.encode(1, 0)).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        List<Address> samples = List.of(
                Address.builder(VETH0, IpPrefix.parse("10.0.0.1/24")).broadcast(InetAddresses.parse("10.0.0.255"))
                        .label("veth0:x").build(),
                Address.builder(VETH0, IpPrefix.parse("10.2.0.1/24")).peer(InetAddresses.parse("10.2.0.2"))
                        .scope(Scope.LINK).flags(AddressFlags.NOPREFIXROUTE | AddressFlags.PERMANENT).build(),
                Address.builder(VETH0, IpPrefix.parse("10.3.0.1/8")).validLifetime(100).preferredLifetime(50).build(),
                Address.builder(VETH0, IpPrefix.parse("2001:db8::1/64")).flags(AddressFlags.NODAD).build(),
                Address.builder(VETH0, IpPrefix.parse("2001:db8::1/64")).peer(InetAddresses.parse("2001:db8::2"))
                        .preferredLifetime(0).validLifetime(Address.MAX_FINITE_LIFETIME).build(),
                Address.builder(1, IpPrefix.parse("127.0.0.1/8")).build(),
                Address.builder(VETH0, IpPrefix.parse("2001:db8::7/128"))
                        .unknown(List.of(new RawAttribute(AddressCodec.IFA_RT_PRIORITY, new byte[]{5, 0, 0, 0}),
                                new RawAttribute(99 | Nl.NLA_F_NESTED, new byte[]{4, 0, 1, 0})))
                        .build());
        for (Address a : samples) {
            assertEquals(a, AddressCodec.decode(asMessage(AddressCodec.add(a))), a.toString());
        }
        assertEquals(Scope.HOST, samples.get(5).scope(), "loopback addresses default to scope host, as with ip");
    }

    @Test
    void decodesKernelShapedIpv6MessageWithIfaFlagsAndCacheinfo() {
        // What the kernel sends for 2001:db8::1/64 nodad noprefixroute: IFA_ADDRESS only, IFA_CACHEINFO,
        // IFA_FLAGS (wider than ifa_flags), and IFA_PROTO which the model keeps raw.
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWADDR, Nl.NLM_F_MULTI, 1, 0);
        w.put8(Rtm.AF_INET6).put8(64).put8(0x82).put8(0).put32(VETH0);
        w.bytes(AddressCodec.IFA_ADDRESS, InetAddresses.parse("2001:db8::1").getAddress());
        w.bytes(AddressCodec.IFA_CACHEINFO, hex("ffffffff ffffffff 10000000 20000000"));
        w.u32(AddressCodec.IFA_FLAGS, 0x282);
        w.u8(AddressCodec.IFA_PROTO, 3);
        w.endMessage();
        Message m = Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst();
        Address a = AddressCodec.decode(m);
        assertEquals(IpPrefix.parse("2001:db8::1/64"), a.local());
        assertEquals(Optional.empty(), a.peer());
        assertEquals(0x282, a.flags());
        assertTrue(a.hasFlag(AddressFlags.NOPREFIXROUTE));
        assertEquals(OptionalLong.empty(), a.validLifetime());
        assertEquals(OptionalLong.empty(), a.preferredLifetime());
        assertEquals(List.of(new RawAttribute(AddressCodec.IFA_PROTO, new byte[]{3})), a.unknown());
        assertEquals(List.of("nodad", "noprefixroute"), AddressFlags.names(a.flags(), true));
    }

    @Test
    void wrongAttributeSizeNamesTheAttribute() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWADDR, 0, 1, 0);
        w.put8(Rtm.AF_INET).put8(24).put8(0).put8(0).put32(VETH0);
        w.bytes(AddressCodec.IFA_LOCAL, new byte[16]);
        w.endMessage();
        Message m = Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst();
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                () -> AddressCodec.decode(m));
        assertEquals("IFA_LOCAL", e.attribute());
        assertEquals(4, e.expected());
        assertEquals(16, e.actual());
    }

    @Test
    void fuzzedMessagesDecodeOrThrowDecodeExceptionOnly() {
        Random random = new Random(20250101);
        byte[] seed = AddressCodec.add(Address.builder(VETH0, IpPrefix.parse("10.0.0.1/24"))
                .broadcast(InetAddresses.parse("10.0.0.255")).label("veth0:x").validLifetime(9).preferredLifetime(3)
                .build()).encode(1, 0);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            int mutations = 1 + random.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                b[Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN)] = (byte) random.nextInt(256);
            }
            int length = Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN + 1);
            ByteBuffer buf = ByteBuffer.wrap(b, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(0, length);
            try {
                Message m = Message.parseAll(buf).getFirst();
                if (AddressCodec.isIpAddress(m)) {
                    AddressCodec.decode(m);
                }
            } catch (DecodeException expected) {
                // the only acceptable failure
            }
        }
    }

    // ---- validation before anything is sent ----

    @Test
    void invalidInputIsRefusedNamingTheField() {
        IpPrefix v4 = IpPrefix.parse("10.0.0.1/24");
        IpPrefix v6 = IpPrefix.parse("2001:db8::1/64");
        assertMessage("peer 2001:db8::2", () -> Address.builder(3, v4).peer(InetAddresses.parse("2001:db8::2")).build());
        assertMessage("broadcast", () -> Address.builder(3, v6).broadcast(InetAddresses.parse("2001:db8::ff")).build());
        assertMessage("label 'x'", () -> Address.builder(3, v6).label("x").build());
        assertMessage("label 'veth0:abcdefghijk'", () -> Address.builder(3, v4).label("veth0:abcdefghijk").build());
        assertMessage("preferredLifetime forever exceeds validLifetime 10",
                () -> Address.builder(3, v4).validLifetime(10).build());
        assertMessage("preferredLifetime 20 exceeds validLifetime 10",
                () -> Address.builder(3, v4).validLifetime(10).preferredLifetime(20).build());
        assertMessage("validLifetime 4294967295",
                () -> Address.builder(3, v4).validLifetime(0xFFFF_FFFFL).preferredLifetime(1).build());
        assertMessage("index", () -> Address.builder(0, v4).build());
        assertMessage("validLifetime 0",
                () -> AddressCodec.add(Address.builder(3, v4).validLifetime(0).preferredLifetime(0).build()));
        assertMessage("prefix length 33", () -> IpPrefix.parse("10.0.0.1/33"));
        assertFalse(Scope.of(17).isKnown());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), () -> "'" + x.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void scopeIsAnOpenEnumWithIpNames() {
        assertEquals("global", Scope.of(0).name());
        assertEquals("site", Scope.of(200).name());
        assertEquals("link", Scope.of(253).name());
        assertEquals("host", Scope.of(254).name());
        assertEquals("nowhere", Scope.of(255).name());
        assertEquals("17", Scope.of(17).name());
        assertEquals(new Scope(17), Scope.of(17));
        assertEquals(Scope.LINK, Scope.parse("link"));
        assertEquals(Scope.of(17), Scope.parse("17"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("galaxy"));
        assertThrows(IllegalArgumentException.class, () -> Scope.of(256));
    }
}
