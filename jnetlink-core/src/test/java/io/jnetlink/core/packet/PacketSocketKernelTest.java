package io.jnetlink.core.packet;

import io.jnetlink.oracles.Tcpdump;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.testing.Bytes;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Packet sockets on a veth pair va/vb: frames sent on va are checked with tcpdump capturing on vb, and frames the
 * kernel itself sends on va (a gratuitous ARP on a MAC change with arp_notify) must be what the socket on vb
 * receives.
 */
class PacketSocketKernelTest extends NetNsTestBase {

    /** IEEE 802 local experimental EtherType 1: nothing else on the link uses it. */
    private static final int ETHERTYPE_EXPERIMENTAL = 0x88B5;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @BeforeEach
    void vethPair() {
        ip.batch("""
                link add va type veth peer name vb
                link set va up
                link set vb up
                """);
    }

    private int index(String dev) {
        return ip.json("link", "show", "dev", dev).get(0).path("ifindex").asInt();
    }

    private String mac(String dev) {
        return ip.json("link", "show", "dev", dev).get(0).path("address").asText();
    }

    private byte[] macBytes(String dev) {
        return HexFormat.ofDelimiter(":").parseHex(mac(dev));
    }

    @Test
    void sentFrameIsOnTheWireByteForByte() {
        byte[] payload = "jnetlink packet socket test frame, padded to the Ethernet minimum".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Bytes.concat(macBytes("vb"), macBytes("va"),
                new byte[]{(byte) (ETHERTYPE_EXPERIMENTAL >> 8), (byte) ETHERTYPE_EXPERIMENTAL}, payload);
        int va = index("va");
        try (PacketSocket socket = PacketSocket.openForSending(ns, va)) {
            assertEquals(va, socket.ifindex());
            Tcpdump capture = Tcpdump.start(nsName, "vb", tmp.resolve("sent.pcap"), "ether", "proto", "0x88b5");
            byte[] captured = capture.firstFrame(() -> socket.send(frame));
            HexDiff.assertBytes("frame as tcpdump captured it on the peer", frame, captured);
        }
    }

    @Test
    void receivesTheGratuitousArpTheKernelSendsOnAMacChange() {
        Oracle.run(null, "ip", "netns", "exec", nsName, "sysctl", "-qw", "net.ipv4.conf.va.arp_notify=1").orThrow();
        ip.run("addr", "add", "10.9.9.1/24", "dev", "va");
        try (PacketSocket socket = PacketSocket.open(ns, index("vb"), PacketSocket.ETH_P_ARP)) {
            ip.run("link", "set", "dev", "va", "address", "02:00:00:00:00:0a");
            byte[] frame = socket.receive(PATIENCE).orElseThrow(() -> new AssertionError("no ARP frame arrived on vb"));
            assertEquals("02:00:00:00:00:0a", mac("va"), "oracle: the MAC change happened");
            HexDiff.assertBytes("the kernel's gratuitous ARP (arp_notify), as received on vb", Bytes.hex("""
                    ff ff ff ff ff ff 02 00 00 00 00 0a 08 06
                    00 01 08 00 06 04 00 01
                    02 00 00 00 00 0a 0a 09 09 01
                    00 00 00 00 00 00 0a 09 09 01
                    """), frame);
        }
    }

    @Test
    void socketForEveryProtocolReceivesWhatThePeerSends() {
        byte[] frame = Bytes.concat(macBytes("vb"), macBytes("va"), new byte[]{(byte) 0x88, (byte) 0xB5},
                new byte[46]);
        frame[20] = 42;
        try (PacketSocket sender = PacketSocket.openForSending(ns, index("va"));
             PacketSocket receiver = PacketSocket.open(ns, index("vb"))) {
            assertEquals(PacketSocket.ETH_P_ALL, receiver.protocol());
            sender.send(frame);
            // IPv6 on the fresh link sends its own frames too (MLD, router solicitations); skip those.
            Optional<byte[]> got;
            do {
                got = receiver.receive(PATIENCE);
            } while (got.isPresent() && !(got.get()[12] == (byte) 0x88 && got.get()[13] == (byte) 0xB5));
            assertArrayEquals(frame, got.orElseThrow(() -> new AssertionError("the frame never arrived on vb")));
        }
    }

    @Test
    void sendOnlySocketReceivesNothingAndCloseWakesAReceiver() {
        PacketSocket socket = PacketSocket.openForSending(ns, index("va"));
        try {
            assertEquals(Optional.empty(), socket.receive(Duration.ofMillis(10)));
            CompletableFuture<Optional<byte[]>> blocked = CompletableFuture.supplyAsync(() -> socket.receive(Duration.ofHours(1)));
            socket.close();
            assertEquals(Optional.empty(), blocked.join(), "close() woke the receiver, which saw no frame");
            assertThrows(IllegalStateException.class, () -> socket.send(new byte[PacketSocket.ETH_HLEN]));
        } finally {
            socket.close();
        }
    }

    @Test
    void tooShortFrameIsRefusedAndDownInterfaceIsReported() {
        ip.run("link", "set", "va", "down");
        JsonNode flags = ip.json("link", "show", "dev", "va").get(0).path("flags");
        for (JsonNode f : flags) {
            assertNotEquals("UP", f.asText(), "oracle: va is down");
        }
        try (PacketSocket socket = PacketSocket.openForSending(ns, index("va"))) {
            IllegalArgumentException shortFrame = assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[13]));
            assertEquals("invalid frame of 13 bytes: must hold at least an Ethernet header (14 bytes)", shortFrame.getMessage());
            SyscallException down = assertThrows(SyscallException.class, () -> socket.send(new byte[60]));
            assertEquals(Errno.ENETDOWN, down.errno());
        }
    }

    @Test
    void unknownInterfaceIsENODEV() {
        SyscallException e = assertThrows(SyscallException.class, () -> PacketSocket.open(ns, 9999));
        assertEquals(Errno.ENODEV, e.errno());
    }
}
