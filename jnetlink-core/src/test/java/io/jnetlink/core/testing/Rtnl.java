package io.jnetlink.core.testing;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.Nl;

import java.util.Optional;

/**
 * The few rtnetlink requests core's kernel tests send, written raw (core has no route codecs): constants
 * from linux/rtnetlink.h, linux/if_link.h and linux/if_addr.h.
 */
public final class Rtnl {

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_GETADDR = 22;
    /** sizeof(struct ifinfomsg) */
    public static final int IFINFOMSG_SIZE = 16;
    /** sizeof(struct ifaddrmsg) */
    public static final int IFADDRMSG_SIZE = 8;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int AF_INET = 2;
    /** linux/rtnetlink.h: RTNLGRP_LINK */
    public static final int RTNLGRP_LINK = 1;

    private Rtnl() {
    }

    /** RTM_GETLINK with a zeroed ifinfomsg: every link (send with dump()). */
    public static Request dumpLinks() {
        return new Request("dump links", RTM_GETLINK, 0, w -> w.zeros(IFINFOMSG_SIZE));
    }

    /** RTM_GETADDR with a zeroed ifaddrmsg: every address of every family (send with dump()). */
    public static Request dumpAddresses() {
        return new Request("dump addresses", RTM_GETADDR, 0, w -> w.zeros(IFADDRMSG_SIZE));
    }

    /** RTM_NEWADDR NLM_F_CREATE|NLM_F_EXCL of an IPv4 address: {@code ip addr add A/PREFIX dev IFINDEX}. */
    public static Request addIpv4(byte[] address, int prefixLength, int ifindex) {
        String text = (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        return new Request("add address " + text + "/" + prefixLength + " ifindex " + ifindex, RTM_NEWADDR,
                Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, w -> {
                    w.put8(AF_INET).put8(prefixLength).put8(0).put8(0).put32(ifindex); // struct ifaddrmsg
                    w.bytes(IFA_LOCAL, address);
                    w.bytes(IFA_ADDRESS, address);
                });
    }

    /** IFLA_IFNAME of an RTM_NEWLINK message. */
    public static Optional<String> linkName(Message m) {
        AttributeReader a = m.attributes(IFINFOMSG_SIZE, AttributeNames.NUMBERED);
        while (a.next()) {
            if (a.type() == IFLA_IFNAME) {
                return Optional.of(a.string());
            }
        }
        return Optional.empty();
    }

    /** 10.B.C.D as bytes. */
    public static byte[] ipv4(int a, int b, int c, int d) {
        return new byte[]{(byte) a, (byte) b, (byte) c, (byte) d};
    }
}
