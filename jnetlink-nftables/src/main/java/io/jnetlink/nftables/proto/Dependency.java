package io.jnetlink.nftables.proto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A match nft inserts before a header field to make sure the packet has that header, and that
 * {@code nft list} elides again: {@code meta nfproto ipv4} before {@code ip saddr} in the inet family,
 * {@code meta l4proto tcp} before {@code tcp dport}, {@code meta protocol ip} in bridge and netdev,
 * {@code ether type 8021q} before vlan fields. Encoded as a load and {@code cmp eq value}.
 */
public sealed interface Dependency {

    /** The value compared with (cmp eq data). */
    byte[] value();

    /** The statement as nft would print it if it stood alone: {@code meta l4proto tcp}. */
    String text();

    /** A meta key load compared with {@code value}. */
    record Meta(MetaKeyInfo key, byte[] value) implements Dependency {
        public Meta {
            Objects.requireNonNull(key, "key");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String text() {
            return key.nftText() + " " + key.type().format(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Meta m && m.key.equals(key) && Arrays.equals(m.value, value);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Meta[" + key.name() + "=" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** A header field load compared with {@code value}. */
    record Payload(ProtoField field, byte[] value) implements Dependency {
        public Payload {
            Objects.requireNonNull(field, "field");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String text() {
            return field.nftName() + " " + field.type().format(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Payload p && p.field.equals(field) && Arrays.equals(p.value, value);
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Payload[" + field.nftName() + "=" + HexFormat.of().formatHex(value) + "]";
        }
    }
}
