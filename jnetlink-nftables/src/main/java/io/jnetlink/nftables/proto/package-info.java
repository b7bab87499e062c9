/**
 * Protocol knowledge shared by the renderer ({@code text}) and the compiler ({@code lang}), taken from
 * nftables 1.0.6 (datatype.c, proto.c, meta.c, ct.c) and checked against {@code nft --debug=netlink}.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link io.jnetlink.nftables.proto.Datatype}: nft datatypes by number ({@code Datatype.of(7)}) or name
 *       ({@code Datatype.byName("ipv4_addr")}) or constant ({@code Datatype.INET_SERVICE}); {@code parse(text)} /
 *       {@code parse(text, byteLength)} give the value bytes nft puts in cmp data and set elements (byte order
 *       included: host order for marks, big-endian for ports); {@code format(bytes)} gives the text
 *       {@code nft list ruleset} prints; {@code symbols()}, {@code symbolValue(name)}, {@code toBytes(long, len)},
 *       {@code toLong(bytes)}; static helpers {@code parseTime}/{@code formatTime} (ms), {@code parseIpv4},
 *       {@code parseIpv6}, {@code formatIpv6}, {@code verdictName}, {@code concatPack}/{@code concatNumbers}
 *       (set key types of concatenations).</li>
 *   <li>{@link io.jnetlink.nftables.proto.Protocols}: header descriptions ({@code Protocols.TCP},
 *       {@code Protocols.field("tcp", "dport")}) as {@link io.jnetlink.nftables.proto.ProtoField} (base,
 *       offset and length in bits, datatype, load offset/length, mask and shift for sub-byte fields), and
 *       {@code Protocols.dependencies(family, protocol)}: the implicit matches nft adds
 *       ({@link io.jnetlink.nftables.proto.Dependency}).</li>
 *   <li>{@link io.jnetlink.nftables.proto.MetaKeyInfo} and {@link io.jnetlink.nftables.proto.CtKeyInfo}: meta and
 *       ct keys by nft keyword or kernel number, with datatype and register length.</li>
 *   <li>{@link io.jnetlink.nftables.proto.HeaderBase}, {@link io.jnetlink.nftables.proto.Endian}.</li>
 * </ul>
 */
package io.jnetlink.nftables.proto;
