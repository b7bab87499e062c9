package io.jnetlink.nftables.proto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Name tables nft takes from the system: /etc/protocols (getprotobynumber, used to print
 * {@code meta l4proto tcp}), /etc/services (ports by name when parsing), /etc/iproute2/rt_realms and
 * /etc/iproute2/group. Read once; when a file is missing the netbase defaults are used, so output does not
 * depend on whether the file exists.
 */
final class SystemTables {

    private static final String DEFAULT_PROTOCOLS = "ip 0;hopopt 0;icmp 1;igmp 2;ggp 3;ipencap 4;st 5;tcp 6;"
            + "egp 8;igp 9;pup 12;udp 17;hmp 20;xns-idp 22;rdp 27;iso-tp4 29;dccp 33;xtp 36;ddp 37;idpr-cmtp 38;"
            + "ipv6 41;ipv6-route 43;ipv6-frag 44;idrp 45;rsvp 46;gre 47;esp 50;ah 51;skip 57;ipv6-icmp 58;"
            + "ipv6-nonxt 59;ipv6-opts 60;rspf 73;vmtp 81;eigrp 88;ospf 89;ax.25 93;ipip 94;etherip 97;encap 98;"
            + "pim 103;ipcomp 108;vrrp 112;l2tp 115;isis 124;sctp 132;fc 133;mobility-header 135;udplite 136;"
            + "mpls-in-ip 137;manet 138;hip 139;shim6 140;wesp 141;rohc 142;ethernet 143;mptcp 262";

    private static final String DEFAULT_SERVICES = "ftp-data 20;ftp 21;ssh 22;telnet 23;smtp 25;domain 53;"
            + "bootps 67;bootpc 68;tftp 69;http 80;kerberos 88;pop3 110;sunrpc 111;auth 113;ntp 123;"
            + "netbios-ns 137;netbios-dgm 138;netbios-ssn 139;imap2 143;snmp 161;snmp-trap 162;bgp 179;ldap 389;"
            + "https 443;microsoft-ds 445;isakmp 500;syslog 514;submission 587;ldaps 636;rsync 873;imaps 993;"
            + "pop3s 995;openvpn 1194;mysql 3306;postgresql 5432;domain-s 853";

    private static final Map<String, Long> SERVICES = new ConcurrentHashMap<>();

    private SystemTables() {
    }

    /** Protocol names by number, the first name per number first (as getprotobynumber returns). */
    static List<Symbol> protocols() {
        List<Symbol> out = new ArrayList<>();
        List<String> lines = read("/etc/protocols");
        if (lines.isEmpty()) {
            for (String e : DEFAULT_PROTOCOLS.split(";")) {
                String[] p = e.split(" ");
                out.add(new Symbol(p[0], Long.parseLong(p[1])));
            }
            return out;
        }
        for (String line : lines) {
            String[] p = fields(line);
            if (p.length >= 2 && isNumber(p[1])) {
                out.add(new Symbol(p[0], Long.parseLong(p[1])));
            }
        }
        return out;
    }

    static List<Symbol> realms() {
        return numberFirst("/etc/iproute2/rt_realms", "0 cosmos");
    }

    static List<Symbol> devgroups() {
        return numberFirst("/etc/iproute2/group", "0 default");
    }

    /** A port by service name (tcp or udp), for parsing {@code tcp dport ssh}. */
    static OptionalLong service(String name) {
        if (SERVICES.isEmpty()) {
            List<String> lines = read("/etc/services");
            if (lines.isEmpty()) {
                for (String e : DEFAULT_SERVICES.split(";")) {
                    String[] p = e.split(" ");
                    SERVICES.putIfAbsent(p[0], Long.parseLong(p[1]));
                }
            }
            for (String line : lines) {
                String[] p = fields(line);
                if (p.length >= 2 && p[1].contains("/")) {
                    String port = p[1].substring(0, p[1].indexOf('/'));
                    if (isNumber(port)) {
                        for (int i = 0; i < p.length; i++) {
                            if (i != 1) {
                                SERVICES.putIfAbsent(p[i], Long.parseLong(port));
                            }
                        }
                    }
                }
            }
        }
        Long v = SERVICES.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static List<Symbol> numberFirst(String file, String fallback) {
        List<Symbol> out = new ArrayList<>();
        List<String> lines = read(file);
        if (lines.isEmpty()) {
            lines = List.of(fallback);
        }
        for (String line : lines) {
            String[] p = fields(line);
            if (p.length >= 2 && isNumber(p[0])) {
                out.add(new Symbol(p[1], p[0].startsWith("0x") ? Long.parseLong(p[0].substring(2), 16)
                        : Long.parseLong(p[0])));
            }
        }
        return out;
    }

    private static String[] fields(String line) {
        int hash = line.indexOf('#');
        String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    private static boolean isNumber(String s) {
        if (s.startsWith("0x")) {
            return s.length() > 2 && s.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            // Missing or unreadable: the caller falls back to the netbase defaults.
            return List.of();
        }
    }
}
