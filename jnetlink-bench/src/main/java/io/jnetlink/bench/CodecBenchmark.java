package io.jnetlink.bench;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.Scope;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressCodec;
import io.jnetlink.route.route.Route;
import io.jnetlink.route.route.RouteCodec;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.route.route.RouteType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The codec alone, no kernel and no root: what jnetlink spends per message before and after the syscalls.
 * Scores are per message ({@link OperationsPerInvocation}): one invocation handles {@value #MESSAGES}.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    static final int MESSAGES = 1000;

    // enum rtattr_type_t, linux/rtnetlink.h: what the kernel puts in an RTM_NEWROUTE of a dump
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_CACHEINFO = 12;
    private static final int RTA_TABLE = 15;
    private static final int RTA_PREF = 20;
    /** struct rta_cacheinfo, linux/rtnetlink.h: eight u32. */
    private static final int RTA_CACHEINFO_SIZE = 32;
    /** IPv6 routes the kernel reports always carry a metric; 1024 is what it picks for user routes. */
    private static final int IP6_RT_PRIO_USER = 1024;
    /** A dump datagram holds up to this much (netlink_dump allocates at most 32 KiB per skb). */
    private static final int DUMP_DATAGRAM_BYTES = 32 * 1024;
    /** One route in ten is IPv6, one in twenty a connected IPv4 route with a preferred source. */
    private static final int IPV6_EVERY = 10;
    private static final int CONNECTED_EVERY = 20;

    private List<Address> addresses;
    private MessageWriter writer;
    private List<byte[]> dumpDatagrams;

    @Setup(Level.Trial)
    public void setUp() {
        addresses = Workload.addresses(2, MESSAGES);
        writer = new MessageWriter(64 * 1024);
        dumpDatagrams = routeDump(MESSAGES);
        int decoded = decode(null);
        if (decoded != MESSAGES) {
            throw new IllegalStateException("the synthetic dump decodes to " + decoded + " routes, not " + MESSAGES);
        }
    }

    /**
     * Builds the RTM_NEWADDR request of each of {@value #MESSAGES} addresses through {@link AddressCodec#add}
     * and frames it into one buffer, as {@code Addresses.addAll} and {@code NetlinkSocket.batch} do before the
     * first sendto. Score: per request.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int encodeAddressAdds() {
        MessageWriter w = writer;
        w.reset();
        int seq = 1;
        for (Address a : addresses) {
            AddressCodec.add(a).encodeTo(w, Nl.NLM_F_ACK, seq++, 0);
        }
        return w.size();
    }

    /**
     * Splits the datagrams of a {@value #MESSAGES}-route dump into messages and decodes each into a
     * {@link Route}, as {@code Routes.list()} does after each recvfrom. Score: per route.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int decodeRouteDump(Blackhole bh) {
        return decode(bh);
    }

    private int decode(Blackhole bh) {
        int n = 0;
        for (byte[] d : dumpDatagrams) {
            for (Message m : Message.parseAll(ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN))) {
                if (RouteCodec.isIpRoute(m)) {
                    Route r = RouteCodec.decode(m);
                    if (bh != null) {
                        bh.consume(r);
                    }
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * A route dump as the kernel sends it (fib_dump_info and rt6_fill_node attribute order): mostly IPv4
     * routes via a gateway, some connected routes with a preferred source, some IPv6 routes with metric,
     * RTA_PREF and RTA_CACHEINFO (which the decoder keeps raw), packed into datagrams of up to 32 KiB and
     * closed by NLMSG_DONE.
     */
    static List<byte[]> routeDump(int count) {
        List<byte[]> datagrams = new ArrayList<>();
        MessageWriter w = new MessageWriter(DUMP_DATAGRAM_BYTES);
        int seq = 42;
        int portId = 4242;
        for (int i = 0; i < count; i++) {
            int mark = w.size();
            writeRoute(w, i, seq, portId);
            if (w.size() > DUMP_DATAGRAM_BYTES) {
                w.truncate(mark);
                datagrams.add(w.toByteArray());
                w.reset();
                writeRoute(w, i, seq, portId);
            }
        }
        w.beginMessage(Nl.NLMSG_DONE, Nl.NLM_F_MULTI, seq, portId).put32(0).endMessage();
        datagrams.add(w.toByteArray());
        return datagrams;
    }

    private static void writeRoute(MessageWriter w, int i, int seq, int portId) {
        w.beginMessage(Rtm.RTM_NEWROUTE, Nl.NLM_F_MULTI, seq, portId);
        int oif = 2 + i % 4;
        if (i % IPV6_EVERY == IPV6_EVERY - 1) {
            byte[] dst = {0x20, 0x01, 0x0d, (byte) 0xb8, (byte) (i >>> 8), (byte) i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            byte[] gw = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
            rtmsg(w, Rtm.AF_INET6, 64, RouteProtocol.STATIC, Scope.GLOBAL);
            w.u32(RTA_TABLE, Route.TABLE_MAIN);
            w.bytes(RTA_DST, dst);
            w.u32(RTA_PRIORITY, IP6_RT_PRIO_USER);
            w.bytes(RTA_GATEWAY, gw);
            w.u32(RTA_OIF, oif);
            w.bytes(RTA_CACHEINFO, new byte[RTA_CACHEINFO_SIZE]);
            w.u8(RTA_PREF, 0);
        } else if (i % CONNECTED_EVERY == 0) {
            rtmsg(w, Rtm.AF_INET, 24, RouteProtocol.KERNEL, Scope.LINK);
            w.u32(RTA_TABLE, Route.TABLE_MAIN);
            w.bytes(RTA_DST, new byte[]{(byte) 172, (byte) (16 + (i >>> 8)), (byte) i, 0});
            w.bytes(RTA_PREFSRC, new byte[]{(byte) 172, (byte) (16 + (i >>> 8)), (byte) i, 1});
            w.u32(RTA_OIF, oif);
        } else {
            rtmsg(w, Rtm.AF_INET, 24, RouteProtocol.BOOT, Scope.GLOBAL);
            w.u32(RTA_TABLE, Route.TABLE_MAIN);
            w.bytes(RTA_DST, new byte[]{10, (byte) (64 + (i >>> 8)), (byte) i, 0});
            w.u32(RTA_PRIORITY, 100);
            w.bytes(RTA_GATEWAY, new byte[]{(byte) 192, (byte) 168, 0, 2});
            w.u32(RTA_OIF, oif);
        }
        w.endMessage();
    }

    /** struct rtmsg, linux/rtnetlink.h. */
    private static void rtmsg(MessageWriter w, int family, int dstLength, RouteProtocol protocol, Scope scope) {
        w.put8(family).put8(dstLength).put8(0).put8(0).put8(Route.TABLE_MAIN)
                .put8(protocol.value()).put8(scope.value()).put8(RouteType.UNICAST.value()).put32(0);
    }
}
